// Small pieces the incident pages share: errors in words, the article titles, a roster search,
// and the reporter's view of a case (status, outcome, shareable history).
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useLang, useT } from '../../i18n.tsx';
import { useArticles } from '../write/data.ts';
import { dateTime, shortDate } from './nav.ts';
import type { ReporterView, RosterHit } from './types.ts';

export type T = ReturnType<typeof useT>;

/** An API error in words: the page's own text for its code when there is one, else the server's message. */
export function errorText(t: T, e: unknown, prefix = 'inc.case.err'): string {
  if (e instanceof ApiError) {
    const detail = e.issues.length ? e.issues.map((i) => i.message).join('; ') : e.message;
    const key = `${prefix}.${e.code}`;
    const own = t(key, { detail });
    if (own !== key) return own;
    return e.message || t('common.error');
  }
  return t('common.error');
}

/** "A.7 Fatsoensnormen" for each suggested article, titles from the protocol. */
export function SuggestedArticles({ ids, headingLevel = 2 }: { ids: string[]; headingLevel?: 2 | 3 }) {
  const t = useT();
  const { lang } = useLang();
  const articles = useArticles();
  if (!ids.length) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="inc-notice info">
      <H>{t('inc.report.suggested')}</H>
      <p className="hint">{t('inc.report.suggested.hint')}</p>
      <ul className="inc-suggested">
        {ids.map((id) => {
          const a = articles.get(id);
          return (
            <li key={id}>
              <strong>{id}</strong>
              {a ? ` ${a.title[lang]}` : ''}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function personName(p: RosterHit, t: T): string {
  const kind = t(`inc.kind.${p.kind}`);
  return `${p.name} (${p.group ? `${kind}, ${t('write.person.group', { group: p.group })}` : kind})`;
}

/**
 * Search the roster as you type: the hits are buttons below the field (keyboard: Tab to them,
 * Enter to choose); the number of hits is read out.
 */
export function RosterSearch({ label, search, onPick, exclude = [] }: { label: string; search: (q: string) => Promise<RosterHit[]>; onPick: (p: RosterHit) => void; exclude?: string[] }) {
  const t = useT();
  const id = useId();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<RosterHit[] | null>(null);
  const seq = useRef(0);
  useEffect(() => {
    const n = ++seq.current;
    if (q.trim().length < 2) {
      setHits(null);
      return;
    }
    const timer = setTimeout(() => {
      search(q.trim())
        .then((r) => n === seq.current && setHits(r))
        .catch(() => n === seq.current && setHits([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, search]);
  const shown = (hits ?? []).filter((h) => !exclude.includes(h.id));
  return (
    <div className="field inc-roster-search">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby={`${id}-status`} />
      <p className="hint" id={`${id}-status`} aria-live="polite">
        {hits === null ? t('inc.case.people.typeMore') : shown.length === 0 ? t('inc.case.people.noHits') : t('inc.people.found', { n: shown.length })}
      </p>
      {shown.length > 0 && (
        <ul className="inc-hits">
          {shown.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  onPick(h);
                  setQ('');
                }}
              >
                {personName(h, t)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What the reporter sees: the status, the outcome and the shareable history, nothing confidential. */
export function ReporterCase({ view, headingLevel = 2, showStatus = true }: { view: ReporterView; headingLevel?: 2 | 3; showStatus?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="inc-reporter-view">
      {showStatus && (
        <p>
          <span className={`inc-status ${view.status}`}>{t(`inc.status.${view.status}`)}</span>
        </p>
      )}
      <H>{t('inc.view.outcome')}</H>
      {view.outcome ? <p className="inc-quote inc-outcome">{view.outcome}</p> : <p className="hint">{t('inc.view.noOutcome')}</p>}
      <H>{t('inc.view.history')}</H>
      <ol className="inc-timeline">
        <li>
          <span className="inc-when">{dateTime(view.createdAt, lang)}</span>
          {t('inc.ev.reported')}
        </li>
        {view.events.filter((e) => e.type !== 'reported').map((e, i) => (
          <li key={i}>
            <span className="inc-when">{dateTime(e.at, lang)}</span>
            {e.type === 'status_changed' && e.from && e.to ? (
              t('inc.ev.status_changed', { from: t(`inc.status.${e.from}`), to: t(`inc.status.${e.to}`) })
            ) : (
              <span className="inc-body">{e.text ?? ''}</span>
            )}
          </li>
        ))}
      </ol>
      {view.closedAt && <p className="hint">{t('inc.status.closed')}: {shortDate(view.closedAt, lang)}</p>}
    </div>
  );
}
