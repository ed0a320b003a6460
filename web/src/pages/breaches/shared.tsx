// Pieces shared by the breach pages: the deadline badge (time left, overdue, notified), the status
// badge, and the query string of the current page.
import { useEffect, useState } from 'react';
import { useLang, useT } from '../../i18n.tsx';
import { duration } from './time.ts';
import type { Breach } from './types.ts';

export function useQuery(): URLSearchParams {
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const onPop = () => setSearch(location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return new URLSearchParams(search);
}

/** The minute, updated every half minute: the time left counts down on an open page. */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function DeadlineBadge({ breach, now }: { breach: Breach; now: Date }) {
  const t = useT();
  const { lang } = useLang();
  const d = breach.deadline;
  if (d.state === 'notified') return <span className="br-badge done">{t('br.badge.notified')}</span>;
  if (d.state === 'notified_late') return <span className="br-badge late">{t('br.badge.notifiedLate')}</span>;
  if (d.state === 'not_required' || breach.status === 'closed') return <span className="br-badge quiet">{t('br.badge.notRequired')}</span>;
  const minutes = Math.floor((new Date(d.deadlineAt).getTime() - now.getTime()) / 60_000);
  if (minutes < 0) return <span className="br-badge overdue">{t('br.badge.overdue', { t: duration(minutes, lang) })}</span>;
  return <span className={`br-badge ${minutes < 24 * 60 ? 'soon' : 'open'}`}>{t('br.badge.left', { t: duration(minutes, lang) })}</span>;
}

export function StatusBadge({ status }: { status: Breach['status'] }) {
  const t = useT();
  return <span className={`br-status ${status}`}>{t(`br.status.${status}`)}</span>;
}
