// /toestemming-lestijd: lesson-time permissions (A.1). The director and the board give any
// employee or student permission for a time window with a reason; a teacher gives it to students
// of their own group(s). Everyone on the staff sees what applies to them and what they gave, and
// revokes what they may. The server decides who may do what; this page only offers it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { PickPerson } from './PeoplePicker.tsx';
import { describePerson, PeoplePicker } from './PeoplePicker.tsx';
import './texts.ts';
import './permissions.css';

interface LessonPermission {
  id: string;
  person: { id: string; name: string; kind: string; group: string | null };
  startsAt: string;
  endsAt: string;
  reason: string | null;
  grantedBy: { id: string; name: string } | null;
  status: 'current' | 'future' | 'past' | 'revoked';
  revokedAt: string | null;
  canRevoke: boolean;
}

/** A moment as the school's clock shows it (the time zone comes with the list; Amsterdam until it has loaded). */
export function formatMoment(iso: string, lang: string, timeZone = 'Europe/Amsterdam'): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function LessonPermissions() {
  const t = useT();
  const { lang } = useLang();
  const { school } = useSession();
  const schoolId = school?.id;
  const [candidates, setCandidates] = useState<{ manager: boolean; people: PickPerson[] } | null>(null);
  const [list, setList] = useState<LessonPermission[] | null>(null);
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    if (!schoolId) return;
    try {
      const [c, l] = await Promise.all([
        api<{ manager: boolean; people: PickPerson[] }>('GET', `/api/v1/schools/${schoolId}/grant-candidates`),
        api<{ timezone?: string; permissions: LessonPermission[] }>('GET', `/api/v1/schools/${schoolId}/lesson-permissions`),
      ]);
      setCandidates(c);
      setList(l.permissions);
      setTimeZone(l.timezone);
    } catch {
      setMessage({ kind: 'error', text: t('common.error') });
    }
  }, [schoolId, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const chosen = candidates?.people.find((p) => p.id === personId) ?? null;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!chosen) return setMessage({ kind: 'error', text: t('lesson.pickFirst') });
    if (!from || !until || !reason.trim()) return setMessage({ kind: 'error', text: t('lesson.fillAll') });
    setBusy(true);
    try {
      await api('POST', `/api/v1/schools/${schoolId}/lesson-permissions`, { personId: chosen.id, startsAt: from, endsAt: until, reason });
      setMessage({ kind: 'ok', text: t('lesson.granted', { name: chosen.name }) });
      setPersonId(null);
      setReason('');
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError && err.status < 500 ? err.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (p: LessonPermission) => {
    try {
      await api('POST', `/api/v1/schools/${schoolId}/lesson-permissions/${p.id}/revoke`);
      setMessage({ kind: 'ok', text: t('lesson.revoked', { name: p.person.name }) });
      await load();
      listHeading.current?.focus();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError && err.status < 500 ? err.message : t('common.error') });
    }
  };

  const section = (status: 'current' | 'future' | 'past') => {
    // Current and planned ones soonest first; past ones latest first (the server sends newest first).
    const items = (list ?? []).filter((p) => (status === 'past' ? p.status === 'past' || p.status === 'revoked' : p.status === status));
    if (status !== 'past') items.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return (
      <section className="grant-list" aria-labelledby={`lesson-${status}`}>
        <h3 id={`lesson-${status}`}>
          {t(`lesson.${status}`)} ({items.length})
        </h3>
        {items.length === 0 ? (
          <p className="hint">{t('lesson.none')}</p>
        ) : (
          <ul>
            {items.map((p) => (
              <li key={p.id} className={`grant ${p.status}`}>
                <p className="grant-who">{describePerson(t, { ...p.person, function: p.person.kind === 'employee' ? null : undefined })}</p>
                <p>
                  {t('lesson.window', { from: formatMoment(p.startsAt, lang, timeZone), until: formatMoment(p.endsAt, lang, timeZone) })}
                  {p.revokedAt && <> · {t('lesson.revokedOn', { date: formatMoment(p.revokedAt, lang, timeZone) })}</>}
                </p>
                {p.reason && <p className="grant-reason">{p.reason}</p>}
                {p.grantedBy && <p className="hint">{t('lesson.by', { name: p.grantedBy.name })}</p>}
                {p.canRevoke && (
                  <button type="button" className="secondary" onClick={() => void revoke(p)}>
                    {t('lesson.revoke')}
                    <span className="sr-only"> ({p.person.name})</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  };

  return (
    <section className="grants-page">
      <h1>{t('nav.lessonPermissions')}</h1>
      <p>{t('lesson.lead')}</p>
      {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
      {!candidates || !list ? (
        !message && <p>{t('common.loading')}</p>
      ) : (
        <>
          {candidates.people.length === 0 ? (
            <p className="hint">{t('lesson.noCandidates')}</p>
          ) : (
            <form className="grant-form" onSubmit={(e) => void submit(e)} noValidate>
              <h2>{t('lesson.new')}</h2>
              <p className="hint">{candidates.manager ? t('lesson.whoManager') : t('lesson.whoTeacher')}</p>
              {chosen ? (
                <div className="chosen-one">
                  <p>
                    <strong>{t('lesson.chosen', { name: describePerson(t, chosen) })}</strong>
                  </p>
                  <button type="button" className="link" onClick={() => setPersonId(null)}>
                    {t('lesson.change')}
                  </button>
                </div>
              ) : (
                <PeoplePicker label={t('lesson.person')} people={candidates.people} chosen={[]} onChange={(ids) => setPersonId(ids[0] ?? null)} single />
              )}
              <div className="field-row">
                <div className="field">
                  <label htmlFor="lesson-from">{t('lesson.from')}</label>
                  <input id="lesson-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-describedby="lesson-window-hint" />
                </div>
                <div className="field">
                  <label htmlFor="lesson-until">{t('lesson.until')}</label>
                  <input id="lesson-until" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} aria-describedby="lesson-window-hint" />
                </div>
              </div>
              <p className="hint" id="lesson-window-hint">
                {t('lesson.windowHint')}
              </p>
              <div className="field">
                <label htmlFor="lesson-reason">{t('lesson.reason')}</label>
                <p className="hint" id="lesson-reason-hint">
                  {t('lesson.reasonHint')}
                </p>
                <textarea id="lesson-reason" className="short" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} aria-describedby="lesson-reason-hint" />
              </div>
              <button type="submit" disabled={busy}>
                {t('lesson.submit')}
              </button>
            </form>
          )}
          <h2 ref={listHeading} tabIndex={-1}>
            {t('nav.lessonPermissions')}
          </h2>
          {section('current')}
          {section('future')}
          {section('past')}
        </>
      )}
    </section>
  );
}
