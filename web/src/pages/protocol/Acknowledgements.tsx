// /protocol/bevestigingen: for the director, supervisors and the board (protocols.overview): which
// of the school's employees confirmed the current version of the protocol and which have not,
// the share who did, and reminders by e-mail to all who have not or to one (at most one per
// person per day; who has no account or e-mail address is marked "not reachable").
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { ScrollTable } from '../../components/Table.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { Version } from './texts.ts';
import { longDate } from './texts.ts';

interface Employee {
  id: string;
  name: string;
  function: string | null;
  reachable: boolean;
  acknowledgedAt: string | null;
  reminders: number;
  lastRemindedAt: string | null;
}
interface Overview {
  version: Version | null;
  total: number;
  acknowledged: number;
  notAcknowledged: number;
  rate: number | null;
  notReachable: number;
  employees: Employee[];
}

const DAY_MS = 24 * 3600_000;

export function AcknowledgementsPage() {
  const t = useT();
  const { lang } = useLang();
  const { school } = useSession();
  const schoolId = school?.id;
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // The button pressed may disappear (reminded today): focus goes to the answer instead.
  const messageRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    if (!schoolId) return;
    try {
      setData(await api<Overview>('GET', `/api/v1/schools/${schoolId}/protocol/acknowledgements`));
      setError(null);
    } catch {
      setError(t('common.error'));
    }
  }, [schoolId, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const remind = async (personId?: string) => {
    if (!schoolId) return;
    setBusy(personId ?? 'all');
    try {
      const r = await api<{ sent: number; skipped: number; notReachable: number }>('POST', `/api/v1/schools/${schoolId}/protocol/reminders`, personId ? { personId } : {});
      setMessage({ kind: 'ok', text: t('acks.reminded', { sent: r.sent, skipped: r.skipped, unreachable: r.notReachable }) });
      await load();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError && e.status < 500 ? e.message : t('common.error') });
    } finally {
      setBusy(null);
      requestAnimationFrame(() => messageRef.current?.focus());
    }
  };

  const remindedToday = (e: Employee) => e.lastRemindedAt !== null && Date.now() - Date.parse(e.lastRemindedAt) < DAY_MS;
  const shown = data ? data.employees.filter((e) => !onlyOpen || !e.acknowledgedAt) : [];
  const version = data?.version ?? null;

  return (
    <section className="protocol-acks page-wide">
      <h1>{t('acks.title')}</h1>
      {error && <FormMessage kind="error">{error}</FormMessage>}
      {!data && !error && <p>{t('common.loading')}</p>}
      {data && !version && <p>{t('acks.noVersion')}</p>}
      {data && version && (
        <>
          <p>{t('acks.lead', { school: school?.name ?? '', version: version.version })}</p>
          {data.total === 0 ? (
            <p>{t('acks.empty')}</p>
          ) : (
            <>
              <p className="protocol-rate">
                <strong>{t('acks.rate', { done: data.acknowledged, total: data.total, percent: Math.round((data.rate ?? 0) * 100) })}</strong>
              </p>
              <progress max={data.total} value={data.acknowledged} aria-label={t('acks.rate', { done: data.acknowledged, total: data.total, percent: Math.round((data.rate ?? 0) * 100) })} />
              {data.notReachable > 0 && <p className="protocol-note">{t('acks.unreachable', { n: data.notReachable })}</p>}
              <div className="protocol-actions">
                {data.notAcknowledged > 0 ? (
                  <button type="button" onClick={() => void remind()} disabled={busy !== null}>
                    {t('acks.remindAll')}
                  </button>
                ) : (
                  <p>{t('acks.allDone')}</p>
                )}
                <label className="check">
                  <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
                  {t('acks.onlyOpen')}
                </label>
              </div>
              <div ref={messageRef} tabIndex={-1} className="protocol-message">{message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}</div>
              <ScrollTable caption={t('acks.caption', { version: version.version })} className="protocol-staff">
                <thead>
                  <tr>
                    <th scope="col">{t('acks.col.name')}</th>
                    <th scope="col">{t('acks.col.confirmed')}</th>
                    <th scope="col">{t('acks.col.action')}</th>
                    <th scope="col">{t('acks.col.reminders')}</th>
                    <th scope="col">{t('acks.col.function')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <tr key={e.id}>
                      <th scope="row">{e.name}</th>
                      <td className={e.acknowledgedAt ? 'ack-yes' : 'ack-no'}>{e.acknowledgedAt ? longDate(lang, e.acknowledgedAt) : t('acks.notYet')}</td>
                      <td>
                        {e.acknowledgedAt ? (
                          '–'
                        ) : !e.reachable ? (
                          <span className="unreachable">{t('acks.notReachable')}</span>
                        ) : remindedToday(e) ? (
                          <span className="hint">{t('acks.remindedToday')}</span>
                        ) : (
                          <button type="button" className="secondary small" onClick={() => void remind(e.id)} disabled={busy !== null} aria-label={t('acks.remindOneFor', { name: e.name })}>
                            {t('acks.remindOne')}
                          </button>
                        )}
                      </td>
                      <td>{e.reminders && e.lastRemindedAt ? t('acks.lastReminded', { n: e.reminders, date: longDate(lang, e.lastRemindedAt) }) : '0'}</td>
                      <td>{e.function ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </>
          )}
        </>
      )}
    </section>
  );
}
