// "Datalekken" (/datalekken): the school's breach register for the FG and the board, open entries
// first, each with its 72-hour badge (time left, overdue, notified) right after the title, so
// it stays in view on a phone. An entry opens at ?id=<id>.
import { useEffect, useId, useState } from 'react';
import { api } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { ScrollTable } from '../../components/Table.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { DeadlineBadge, StatusBadge, useNow } from './shared.tsx';
import { moment } from './time.ts';
import type { Breach, Status } from './types.ts';

const STATUSES: Status[] = ['possible', 'registered', 'no_breach', 'closed'];

export function BreachList() {
  const t = useT();
  const { lang } = useLang();
  const { school, can } = useSession();
  const schoolId = school!.id;
  const ids = useId();
  const now = useNow();
  const [status, setStatus] = useState<Status | ''>('');
  const [data, setData] = useState<{ breaches: Breach[]; canManage: boolean } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    api<{ breaches: Breach[]; canManage: boolean }>('GET', `/api/v1/schools/${schoolId}/breaches${status ? `?status=${status}` : ''}`)
      .then((r) => live && (setData(r), setFailed(false)))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [schoolId, status]);

  const items = data?.breaches ?? null;
  return (
    <section className="breaches">
      <h1>{t('nav.breaches')}</h1>
      <p>{t('br.list.lead')}</p>
      {data && !data.canManage && <p className="hint">{t('br.list.readOnly')}</p>}
      <div className="br-toolbar">
        <div className="field">
          <label htmlFor={`${ids}-status`}>{t('br.list.filter')}</label>
          <select id={`${ids}-status`} value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
            <option value="">{t('br.list.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`br.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {can('breaches.report') && (
          <Link className="button secondary" to="/datalek-melden">
            {t('br.list.report')}
          </Link>
        )}
      </div>
      {failed && <FormMessage kind="error">{t('common.error')}</FormMessage>}
      {!items && !failed && <p>{t('common.loading')}</p>}
      {items && items.length === 0 && <p>{t('br.list.empty')}</p>}
      {items && items.length > 0 && (
        <ScrollTable caption={t('br.list.caption', { n: items.length })} className="br-list">
          <thead>
            <tr>
              <th scope="col">{t('br.list.col.what')}</th>
              <th scope="col">{t('br.list.col.deadline')}</th>
              <th scope="col">{t('br.list.col.status')}</th>
              <th scope="col">{t('br.list.col.discovered')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.id}>
                <th scope="row">
                  <Link to={`/datalekken?id=${b.id}`}>{b.title}</Link>
                  <span className="hint br-kind">{t(`br.kind.${b.kind}`)}</span>
                </th>
                <td>
                  <DeadlineBadge breach={b} now={now} />
                </td>
                <td>
                  <StatusBadge status={b.status} />
                </td>
                <td className="nowrap">{moment(b.discoveredAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}
