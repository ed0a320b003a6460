// One escalation and one review request as cards: what was sent, the derailing signal or the
// check, the history and the response times, and — for who may answer — the actions.
import { useId, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { useLang, useT } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import type { Category } from '../incidents/types.ts';
import { CATEGORIES } from '../incidents/types.ts';
import { Findings } from '../write/Findings.tsx';
import type { Article } from '../write/types.ts';
import type { Escalation, Review, ReviewEvent } from './shared.ts';
import { duration, moment } from './shared.ts';

/** Only web links are shown as links (the server accepts no others either). */
const WEB_LINK = /^https?:\/\//i;

export function History({ events }: { events: ReviewEvent[] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <ol className="history">
      {events.map((e, i) => (
        <li key={i}>
          <span className="when">{moment(e.at, lang)}</span> — {t(`review.event.${e.kind}`, { name: e.by })}
          {e.comment && <q>{e.comment}</q>}
        </li>
      ))}
    </ol>
  );
}

export function EscalationTimes({ e }: { e: Escalation }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <p className={`times ${e.openMs !== null ? 'late' : ''}`}>
      {e.openMs !== null && t('esc.openFor', { time: duration(e.openMs, lang) })}
      {e.answeredAfterMs !== null && t('esc.answeredAfter', { time: duration(e.answeredAfterMs, lang), name: e.acknowledgedBy ?? '' })}
      {e.resolvedAfterMs !== null && (
        <>
          <br />
          {t('esc.resolvedAfter', { time: duration(e.resolvedAfterMs, lang), name: e.resolvedBy ?? '' })}
        </>
      )}
    </p>
  );
}

export function EscalationCard({ schoolId, e, onChanged, headingLevel = 3 }: { schoolId: string; e: Escalation; onChanged?: () => void; headingLevel?: 2 | 3 }) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const drivers = new Set(e.signal?.drivers ?? []);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const [category, setCategory] = useState<Category>('bullying');
  const toIncident = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ incidentId: string }>('POST', `/api/v1/schools/${schoolId}/escalations/${e.id}/incident`, { category });
      navigate(`/meldingen?id=${r.incidentId}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error'));
      setBusy(false);
    }
  };
  const send = async (step: 'acknowledge' | 'resolve') => {
    if (step === 'resolve' && !answer.trim()) {
      setError(t('esc.resolveNeedsAnswer'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/schools/${schoolId}/escalations/${e.id}/${step}`, answer.trim() ? { response: answer.trim() } : {});
      setAnswer('');
      onChanged?.();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className={`card escalation ${e.signal?.level ?? 'calm'}`} aria-labelledby={`${id}-h`}>
      <H id={`${id}-h`}>
        {t('esc.from', { name: e.reporter })} <span className={`status ${e.status}`}>{t(`esc.status.${e.status}`)}</span>
      </H>
      <p className="meta">{moment(e.createdAt, lang)}</p>
      <EscalationTimes e={e} />
      {e.signal && (
        <div className={`signal ${e.signal.level}`}>
          <p className="level">{t(`esc.level.${e.signal.level}`)}</p>
          {e.signal.reasons.length > 0 && (
            <ul>
              {e.signal.reasons.map((r) => (
                <li key={r.code}>{r.message[lang]}</li>
              ))}
            </ul>
          )}
          <p>
            <strong>{t('escalate.advice')}:</strong> {e.signal.action.message[lang]}
          </p>
        </div>
      )}
      {e.note && (
        <>
          <h4>{t('esc.note')}</h4>
          <p className="note">{e.note}</p>
        </>
      )}
      {e.link && WEB_LINK.test(e.link) && (
        <p>
          <a href={e.link} rel="noreferrer noopener" target="_blank">
            {t('esc.link')}
          </a>
        </p>
      )}
      {e.messages.length > 0 ? (
        <>
          <h4>{t('esc.messages', { count: e.messages.length })}</h4>
          <ol className="thread">
            {e.messages.map((m, i) => (
              <li key={i} className={drivers.has(i) ? 'driver' : undefined}>
                <span className="author">{m.author}:</span> {m.text}
              </li>
            ))}
          </ol>
        </>
      ) : (
        !e.link && e.screenshots.length === 0 && <p>{t('esc.noText')}</p>
      )}
      {e.screenshots.length > 0 && (
        <>
          <h4>{t('esc.screenshots')}</h4>
          <ul className="shots">
            {e.screenshots.map((s, i) => (
              <li key={s}>
                <a href={`/api/v1/schools/${schoolId}/escalations/${e.id}/screenshots/${s}`} target="_blank" rel="noreferrer">
                  <img src={`/api/v1/schools/${schoolId}/escalations/${e.id}/screenshots/${s}`} alt={t('esc.screenshot', { n: i + 1 })} />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {e.response && (
        <>
          <h4>{t('esc.response')}</h4>
          <p className="note">{e.response}</p>
        </>
      )}
      {e.mayRespond && onChanged && (
        <div className="respond">
          <div className="field">
            <label htmlFor={`${id}-answer`}>{t('esc.responseLabel')}</label>
            <textarea id={`${id}-answer`} value={answer} rows={3} maxLength={2000} onChange={(x) => setAnswer(x.target.value)} aria-describedby={error ? `${id}-err` : undefined} />
          </div>
          {error && (
            <p className="error" role="alert" id={`${id}-err`}>
              {error}
            </p>
          )}
          <div className="actions">
            {e.status === 'open' && (
              <button type="button" disabled={busy} onClick={() => void send('acknowledge')}>
                {t('esc.acknowledge')}
              </button>
            )}
            <button type="button" className={e.status === 'open' ? 'secondary' : undefined} disabled={busy} onClick={() => void send('resolve')}>
              {t('esc.resolve')}
            </button>
          </div>
          <fieldset className="to-incident">
            <legend>{t('esc.toIncident.legend')}</legend>
            <p className="hint" id={`${id}-inc-hint`}>
              {t('esc.toIncident.hint')}
            </p>
            <div className="field">
              <label htmlFor={`${id}-cat`}>{t('esc.toIncident.category')}</label>
              <select id={`${id}-cat`} value={category} onChange={(x) => setCategory(x.target.value as Category)}>
                {CATEGORIES.filter((c) => c !== 'sexual_images_of_minors').map((c) => (
                  <option key={c} value={c}>
                    {t(`inc.report.cat.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="secondary" disabled={busy} onClick={() => void toIncident()} aria-describedby={`${id}-inc-hint`}>
              {t('esc.toIncident.button')}
            </button>
          </fieldset>
        </div>
      )}
    </article>
  );
}

export function ReviewCard({ schoolId, r, articles, onChanged }: { schoolId: string; r: Review; articles: Map<string, Article>; onChanged: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A post the check says may not be posted is never approved (the server answers 409 not_approvable).
  const approvable = r.check?.verdict !== 'not_allowed';
  const decide = async (decision: 'approved' | 'changes_requested' | 'rejected') => {
    if (!comment.trim()) {
      setError(t('review.needsComment'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The check the supervisor looked at: when the author sent a new version meanwhile, the server answers 409 changed.
      await api('POST', `/api/v1/schools/${schoolId}/reviews/${r.id}/decision`, { decision, comment: comment.trim(), checkId: r.check?.id });
      setComment('');
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="card review" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('review.from', { name: r.author })}</h3>
      <p className="meta">
        {moment(r.submittedAt, lang)}
        {r.waitingMs !== null && <> · {t('review.waiting', { time: duration(r.waitingMs, lang) })}</>}
      </p>
      {r.changedSince && <p className="hint">{t('review.changedSince')}</p>}
      <h4>{t('review.question')}</h4>
      <p className="note">{r.question}</p>
      <h4>{t('review.post')}</h4>
      <p className="post-text">{r.post?.text}</p>
      {r.check && (
        <>
          <h4>{t('review.check')}</h4>
          <Findings result={r.check.result} text={r.post?.text ?? ''} articles={articles} canFix={false} />
        </>
      )}
      <h4>{t('review.history')}</h4>
      <History events={r.history} />
      {r.mayDecide ? (
        <div className="respond">
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('review.comment', { name: r.author })}</label>
            <textarea id={`${id}-comment`} value={comment} rows={3} maxLength={2000} onChange={(x) => setComment(x.target.value)} aria-describedby={error ? `${id}-err` : undefined} aria-invalid={error ? true : undefined} />
          </div>
          {!approvable && <p className="hint">{t('review.notApprovable')}</p>}
          {error && (
            <p className="error" role="alert" id={`${id}-err`}>
              {error}
            </p>
          )}
          <div className="actions">
            {approvable && (
              <button type="button" disabled={busy} onClick={() => void decide('approved')}>
                {t('review.approve')}
              </button>
            )}
            <button type="button" className={approvable ? 'secondary' : undefined} disabled={busy} onClick={() => void decide('changes_requested')}>
              {t('review.changes')}
            </button>
            <button type="button" className="secondary danger" disabled={busy} onClick={() => void decide('rejected')}>
              {t('review.reject')}
            </button>
          </div>
        </div>
      ) : (
        <p className="hint">{t(r.mine ? 'review.own' : 'review.notYours')}</p>
      )}
    </article>
  );
}
