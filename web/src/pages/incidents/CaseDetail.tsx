// One case (/meldingen?id=<id>) for those who handle it: the report, the status (buttons only for
// the transitions the server allows), assignment and deadline, the people involved, the legal
// steps, the measures from the ladder that fits the person (D.3 / D.5) with their history for
// proportionality, the board's D.2 qualification and its phone task, the D.6 police decision,
// notes, and the event log.
import type { ReactNode } from 'react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { LettersPanel } from '../files/Letters.tsx';
import { dateTime, shortDate } from './nav.ts';
import type { T } from './shared.tsx';
import { errorText, RosterSearch, SuggestedArticles } from './shared.tsx';
import type { CaseEvent, CasePerson, CaseView, PersonRole, StepKind, TransitionEvent } from './types.ts';
import { BOARD_ONLY, REMOVAL_OUTCOMES, SEVERITY } from './types.ts';

const ROLES: PersonRole[] = ['subject', 'affected', 'witness'];
const EVENT_ORDER: TransitionEvent[] = ['triage', 'investigate', 'decide', 'close', 'dismiss', 'reopen'];
const NEEDS_REASON: TransitionEvent[] = ['dismiss', 'reopen'];
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
const nowTime = () => new Date().toLocaleTimeString('sv-SE', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });

type Post = (path: string, body: unknown) => Promise<boolean>;

/** A refusal in words; the legal steps still missing named in the page's own words. */
function refusalText(t: T, e: unknown): string {
  if (e instanceof ApiError && e.code === 'precondition_failed') {
    const kinds = [...new Set(e.issues.flatMap((i) => /(hearing|inspectie_report|inspectie_consulted|other_school_sought)/.exec(i.message)?.[1] ?? []))];
    if (kinds.length) return t('inc.case.err.precondition_failed', { detail: kinds.map((k) => t(`inc.step.${k}`)).join(', ') });
  }
  return errorText(t, e);
}

/** One write of a panel: its own message (read out), the case view the server answers replaces the page's. */
function useWrite(caseBase: string, setCase: (c: CaseView) => void, caseEvents: number) {
  const t = useT();
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Something happened in the case (here or in another panel): an earlier refusal may no longer hold.
  useEffect(() => setMsg((m) => (m?.kind === 'error' ? null : m)), [caseEvents]);
  const post: Post = useCallback(
    async (path, body) => {
      setBusy(true);
      setMsg(null);
      try {
        setCase(await api<CaseView>('POST', `${caseBase}${path}`, body));
        setMsg({ kind: 'ok', text: t('inc.case.saved') });
        return true;
      } catch (e) {
        setMsg({ kind: 'error', text: refusalText(t, e) });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [caseBase, setCase, t],
  );
  const message = (
    <>
      <FormMessage kind="error">{msg?.kind === 'error' ? msg.text : null}</FormMessage>
      <FormMessage kind="ok">{msg?.kind === 'ok' ? msg.text : null}</FormMessage>
    </>
  );
  return { post, busy, message, fail: (text: string) => setMsg({ kind: 'error', text }) };
}

function Panel({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className={`inc-panel${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function TextArea({ label, value, onChange, required, hint }: { label: string; value: string; onChange: (v: string) => void; required?: boolean; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea id={id} className="inc-short" value={value} required={required} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function Input({ label, type = 'text', value, onChange, ...rest }: { label: string; type?: string; value: string; onChange: (v: string) => void; min?: number | string; max?: number | string; required?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} {...rest} />
    </div>
  );
}

function Select({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string; disabled?: boolean }[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

// ---------------------------------------------------------------- status

function StatusPanel({ c, post, busy, message, canHandle }: { c: CaseView; canHandle: boolean } & ReturnType<typeof useWrite>) {
  const t = useT();
  const [reason, setReason] = useState('');
  const events = EVENT_ORDER.filter((e) => c.allowedEvents.includes(e));
  const reasonWanted = events.some((e) => NEEDS_REASON.includes(e));
  return (
    <Panel title={t('inc.case.status')}>
      <p>
        {t('inc.case.status.now', { status: '' })}
        <span className={`inc-status ${c.status}`}>{t(`inc.status.${c.status}`)}</span>
      </p>
      {canHandle && events.length > 0 && (
        <>
          {reasonWanted && <TextArea label={t('inc.case.reason')} value={reason} onChange={setReason} />}
          <div className="inc-actions">
            {events.map((e) => (
              <button
                key={e}
                type="button"
                className={e === 'dismiss' ? 'secondary' : undefined}
                disabled={busy}
                onClick={async () => {
                  if (await post('/transitions', { event: e, ...(NEEDS_REASON.includes(e) && reason.trim() ? { reason: reason.trim() } : {}) })) setReason('');
                }}
              >
                {t(`inc.case.event.${e}`)}
              </button>
            ))}
          </div>
        </>
      )}
      {canHandle && events.length === 0 && <p className="hint">{t('inc.case.status.none')}</p>}
      {message}
    </Panel>
  );
}

// ---------------------------------------------------------------- assignment and deadline

function HandlingPanel({ c, post, busy, message }: { c: CaseView } & ReturnType<typeof useWrite>) {
  const t = useT();
  const { lang } = useLang();
  const { me, school, can } = useSession();
  const [handlers, setHandlers] = useState<{ id: string; name: string }[]>([]);
  const [due, setDue] = useState('');
  useEffect(() => {
    if (!can('accounts.list')) return;
    api<{ accounts: { id: string; displayName: string; roles: string[]; closedAt: string | null }[] }>('GET', `/api/v1/schools/${school!.id}/accounts`)
      .then((r) => setHandlers(r.accounts.filter((a) => !a.closedAt && a.roles.some((x) => ['board', 'director', 'supervisor', 'hr'].includes(x))).map((a) => ({ id: a.id, name: a.displayName }))))
      .catch(() => setHandlers([]));
  }, [can, school]);
  const myId = me!.account.id;
  const options = [{ id: '', name: t('inc.case.unassign') }, ...handlers];
  if (!handlers.some((h) => h.id === myId)) options.push({ id: myId, name: me!.account.displayName });
  if (c.assignedTo && !options.some((o) => o.id === c.assignedTo)) options.push({ id: c.assignedTo, name: c.assignedName ?? c.assignedTo });
  return (
    <Panel title={t('inc.case.handling')}>
      <dl className="inc-facts">
        <dt>{t('inc.case.assignee')}</dt>
        <dd>{c.assignedName ?? t('inc.list.nobody')}</dd>
        <dt>{t('inc.case.due')}</dt>
        <dd>{c.dueAt ? dateTime(c.dueAt, lang) : t('inc.case.due.none')}</dd>
      </dl>
      <div className="inc-actions">
        {c.assignedTo !== myId && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void post('/assignment', { accountId: myId })}>
            {t('inc.case.assignMe')}
          </button>
        )}
      </div>
      {options.length > 2 && (
        <form
          className="inc-two-cols"
          onSubmit={(e) => {
            e.preventDefault();
            const v = new FormData(e.currentTarget).get('assignee') as string;
            void post('/assignment', { accountId: v || null });
          }}
        >
          <div className="field">
            <label htmlFor="case-assignee">{t('inc.case.assignee')}</label>
            <select id="case-assignee" name="assignee" defaultValue={c.assignedTo ?? ''} key={c.assignedTo ?? ''}>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field inc-align-end">
            <button type="submit" className="secondary" disabled={busy}>
              {t('inc.case.assign')}
            </button>
          </div>
        </form>
      )}
      <form
        className="inc-two-cols"
        onSubmit={(e) => {
          e.preventDefault();
          if (due) void post('/deadline', { dueAt: new Date(due).toISOString() });
        }}
      >
        <div className="field">
          <label htmlFor="case-due">{t('inc.case.due')}</label>
          <p className="hint" id="case-due-hint">
            {t('inc.case.due.hint')}
          </p>
          <input id="case-due" type="datetime-local" value={due} aria-describedby="case-due-hint" onChange={(e) => setDue(e.target.value)} />
        </div>
        <div className="field inc-align-end">
          <button type="submit" className="secondary" disabled={busy || !due}>
            {t('inc.case.due.set')}
          </button>
        </div>
      </form>
      {message}
    </Panel>
  );
}

// ---------------------------------------------------------------- people

function PeoplePanel({ c, post, busy, message, canHandle }: { c: CaseView; canHandle: boolean } & ReturnType<typeof useWrite>) {
  const t = useT();
  const { school } = useSession();
  const [role, setRole] = useState<PersonRole>('subject');
  const search = useCallback(
    async (q: string) => (await api<{ people: { id: string; name: string; kind: string; group: string | null }[] }>('GET', `/api/v1/schools/${school!.id}/incidents/people?q=${encodeURIComponent(q)}`)).people,
    [school],
  );
  return (
    <Panel title={t('inc.case.people')}>
      {c.people.length === 0 ? (
        <p className="hint">{t('inc.case.people.none')}</p>
      ) : (
        <ul className="inc-people-list">
          {c.people.map((p) => (
            <li key={`${p.personId}-${p.role}`}>
              <strong>{p.name}</strong> <span>({t(`inc.kind.${p.kind}`)}, {t(`inc.role.${p.role}`)})</span>
            </li>
          ))}
        </ul>
      )}
      {canHandle && (
        <div className="inc-add-person">
          <h3>{t('inc.case.people.add')}</h3>
          <Select label={t('inc.case.people.role')} value={role} onChange={(v) => setRole(v as PersonRole)} options={ROLES.map((r) => ({ value: r, label: t(`inc.role.${r}`) }))} />
          <RosterSearch label={t('inc.report.people.search')} search={search} exclude={c.people.filter((p) => p.role === role).map((p) => p.personId)} onPick={(p) => !busy && void post('/people', { personId: p.id, role })} />
        </div>
      )}
      {message}
    </Panel>
  );
}

// ---------------------------------------------------------------- D.1 / D.4

function FlagsPanel({ c, post, busy, message, canHandle }: { c: CaseView; canHandle: boolean } & ReturnType<typeof useWrite>) {
  const t = useT();
  const [flags, setFlags] = useState(c.flags);
  const [rationale, setRationale] = useState('');
  useEffect(() => setFlags(c.flags), [c.flags]);
  const hasEmployee = c.people.some((p) => p.audience === 'employee');
  const hasStudent = c.people.some((p) => p.audience === 'student_or_guardian');
  return (
    <Panel title={t('inc.case.flags')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void post('/flags', { plichtsverzuim: flags.plichtsverzuim, verwijtbaarGedrag: flags.verwijtbaarGedrag, rationale: rationale.trim() }).then((ok) => ok && setRationale(''));
        }}
      >
        {(hasEmployee || c.flags.plichtsverzuim) && (
          <label className="choice">
            <input type="checkbox" disabled={!canHandle} checked={flags.plichtsverzuim} onChange={(e) => setFlags({ ...flags, plichtsverzuim: e.target.checked })} />
            <span>{t('inc.case.flag.plichtsverzuim')}</span>
          </label>
        )}
        {(hasStudent || c.flags.verwijtbaarGedrag) && (
          <label className="choice">
            <input type="checkbox" disabled={!canHandle} checked={flags.verwijtbaarGedrag} onChange={(e) => setFlags({ ...flags, verwijtbaarGedrag: e.target.checked })} />
            <span>{t('inc.case.flag.verwijtbaarGedrag')}</span>
          </label>
        )}
        {!hasEmployee && !hasStudent && !c.flags.plichtsverzuim && !c.flags.verwijtbaarGedrag && <p className="hint">{t('inc.case.measures.noSubjects')}</p>}
        {canHandle && (hasEmployee || hasStudent) && (
          <>
            <TextArea label={t('inc.case.flags.rationale')} value={rationale} onChange={setRationale} required />
            <button type="submit" className="secondary" disabled={busy || !rationale.trim()}>
              {t('inc.common.save')}
            </button>
          </>
        )}
      </form>
      {message}
    </Panel>
  );
}

// ---------------------------------------------------------------- legal steps

function StepsPanel({ c, post, busy, message, canHandle }: { c: CaseView; canHandle: boolean } & ReturnType<typeof useWrite>) {
  const t = useT();
  const { lang } = useLang();
  const [personId, setPersonId] = useState('');
  const [kind, setKind] = useState<StepKind>('hearing');
  const [on, setOn] = useState(today);
  const [note, setNote] = useState('');
  const subjects = c.people.filter((p, i, all) => all.findIndex((q) => q.personId === p.personId) === i);
  const chosen = subjects.find((p) => p.personId === personId) ?? subjects[0];
  const kinds: StepKind[] = chosen?.audience === 'student_or_guardian' ? ['hearing', 'inspectie_report', 'inspectie_consulted', 'other_school_sought'] : ['hearing'];
  const name = (id: string) => c.people.find((p) => p.personId === id)?.name ?? '?';
  return (
    <Panel title={t('inc.case.steps')}>
      {c.steps.length === 0 ? (
        <p className="hint">{t('inc.case.steps.none')}</p>
      ) : (
        <ul className="inc-earlier">
          {c.steps.map((s) => (
            <li key={s.id}>
              {t('inc.case.steps.item', { step: t(`inc.step.${s.kind}`), name: name(s.personId), date: shortDate(s.on, lang) })}
              {s.note && <span className="hint"> — {s.note}</span>}
            </li>
          ))}
        </ul>
      )}
      {canHandle && chosen && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void post('/steps', { personId: chosen.personId, kind: kinds.includes(kind) ? kind : 'hearing', on, ...(note.trim() ? { note: note.trim() } : {}) }).then((ok) => ok && setNote(''));
          }}
        >
          <h3>{t('inc.case.steps.record')}</h3>
          <div className="inc-two-cols">
            <Select label={t('inc.case.steps.person')} value={chosen.personId} onChange={setPersonId} options={subjects.map((p) => ({ value: p.personId, label: `${p.name} (${t(`inc.kind.${p.kind}`)})` }))} />
            <Select label={t('inc.case.steps.kind')} value={kinds.includes(kind) ? kind : 'hearing'} onChange={(v) => setKind(v as StepKind)} options={kinds.map((k) => ({ value: k, label: t(`inc.step.${k}`) }))} />
            <Input label={t('inc.case.steps.on')} type="date" value={on} max={today()} onChange={setOn} required />
          </div>
          <TextArea label={t('inc.case.steps.note')} value={note} onChange={setNote} />
          <button type="submit" className="secondary" disabled={busy || !on}>
            {t('inc.case.steps.record')}
          </button>
        </form>
      )}
      {message}
    </Panel>
  );
}

// ---------------------------------------------------------------- measures (D.3 / D.5)

function Earlier({ p, c }: { p: CasePerson; c: CaseView }) {
  const t = useT();
  const { lang } = useLang();
  const incidents = p.earlierIncidents.filter((i) => i.id !== c.id);
  return (
    <>
      <h4>{t('inc.case.measures.earlier', { name: p.name })}</h4>
      {incidents.length === 0 && p.earlierMeasures.length === 0 ? (
        <p className="hint">{t('inc.case.measures.earlierNone')}</p>
      ) : (
        <ul className="inc-earlier">
          {p.earlierMeasures.map((m, i) => (
            <li key={`m${i}`}>{t('inc.case.measures.earlierMeasure', { date: shortDate(m.decidedOn, lang), measure: t(`inc.measure.${m.kind}`) })}</li>
          ))}
          {incidents.map((i) => (
            <li key={i.id}>
              <Link to={`/meldingen?id=${i.id}`}>{t('inc.case.measures.earlierIncident', { date: shortDate(i.createdAt, lang), category: t(`inc.report.cat.${i.category}`), status: t(`inc.status.${i.status}`) })}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function MeasureForm({ p, c, post, busy }: { p: CasePerson; c: CaseView; post: Post; busy: boolean }) {
  const t = useT();
  const { me, school } = useSession();
  const isBoard = school!.roles.includes('board');
  const order = SEVERITY[p.audience];
  const heaviest = p.earlierMeasures.reduce((max, m) => Math.max(max, order.indexOf(m.kind)), -1);
  const proposed = p.proposal?.kind ?? order[0]!;
  const [kind, setKind] = useState('');
  const [days, setDays] = useState('1');
  const [decidedOn, setDecidedOn] = useState(today);
  const [rationale, setRationale] = useState('');
  const [outcome, setOutcome] = useState('');
  const heard = c.steps.some((s) => s.personId === p.personId && s.kind === 'hearing');
  const needsOutcome = kind === 'verwijdering' && p.kind === 'student';
  const id = useId();
  return (
    <form
      className="inc-measure-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!kind) return;
        void post('/measures', { personId: p.personId, kind, decidedOn, rationale: rationale.trim(), ...(kind === 'schorsing' ? { days: Number(days) } : {}), ...(needsOutcome && outcome ? { removalOutcome: outcome } : {}) }).then(
          (ok) => ok && (setKind(''), setRationale(''), setOutcome('')),
        );
      }}
    >
      <h3>{t('inc.case.measures.for', { name: p.name })}</h3>
      {p.audience === 'employee' && (
        <p className={`inc-notice ${heard ? 'ok' : 'warn'}`}>
          {heard ? `✓ ${t('inc.case.legal.employeeHeard')}` : t('inc.case.legal.employee')}
        </p>
      )}
      {p.audience === 'student_or_guardian' && p.kind === 'student' && (kind === 'schorsing' || kind === 'verwijdering') && (
        <p className="inc-notice warn">{t(kind === 'schorsing' ? 'inc.case.legal.suspension' : 'inc.case.legal.removal')}</p>
      )}
      <Earlier p={p} c={c} />
      <p className="hint">
        {t('inc.case.measures.proposal', {
          measure: t(`inc.measure.${proposed}`),
          reason: heaviest < 0 ? t('inc.case.measures.reason.none') : t('inc.case.measures.reason.earlier', { measure: t(`inc.measure.${order[heaviest]}`) }),
        })}
      </p>
      <fieldset>
        <legend>{t(`inc.case.measures.ladder.${p.audience}`)}</legend>
        {order.map((k) => {
          const boardOnly = p.audience === 'employee' && BOARD_ONLY.includes(k);
          return (
            <label key={k} className="choice">
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} disabled={boardOnly && !isBoard} onChange={() => setKind(k)} />
              <span>
                {t(`inc.measure.${k}`)} {boardOnly && <span className="hint">{t('inc.case.measures.boardOnly')}</span>}
              </span>
            </label>
          );
        })}
      </fieldset>
      {needsOutcome && (
        <fieldset>
          <legend>{t('inc.case.measures.removalOutcome')}</legend>
          {REMOVAL_OUTCOMES.map((o) => (
            <label key={o} className="choice">
              <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} required />
              <span>{t(`inc.case.measures.removalOutcome.${o}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="inc-two-cols">
        {kind === 'schorsing' && <Input label={t(p.audience === 'employee' ? 'inc.case.measures.daysEmployee' : 'inc.case.measures.days')} type="number" min={1} max={p.audience === 'employee' ? 365 : 5} value={days} onChange={setDays} required />}
        <Input label={t('inc.case.measures.decidedOn')} type="date" value={decidedOn} max={today()} onChange={setDecidedOn} required />
      </div>
      <TextArea label={t('inc.case.measures.rationale')} value={rationale} onChange={setRationale} required />
      <p className="hint">{t('inc.case.measures.decider', { name: me!.account.displayName })}</p>
      <button type="submit" disabled={busy || !kind || !rationale.trim() || (needsOutcome && !outcome)}>
        {t('inc.case.measures.submit')}
      </button>
    </form>
  );
}

function MeasuresPanel({ c, post, busy, message, canDecide, canHandle }: { c: CaseView; canDecide: boolean; canHandle: boolean } & ReturnType<typeof useWrite>) {
  const t = useT();
  const { lang } = useLang();
  const subjects = c.people.filter((p) => p.role === 'subject');
  const name = (id: string) => c.people.find((p) => p.personId === id)?.name ?? '?';
  return (
    <Panel title={t('inc.case.measures')}>
      {c.measures.length === 0 ? (
        <p className="hint">{t('inc.case.measures.none')}</p>
      ) : (
        <ul className="inc-earlier inc-measures">
          {c.measures.map((m) => (
            <li key={m.id}>
              <strong>{t('inc.case.measures.item', { measure: t(`inc.measure.${m.kind}`) + (m.days ? ` (${m.days === 1 ? t('inc.common.day') : t('inc.common.days', { n: m.days })})` : ''), name: name(m.personId), date: shortDate(m.decidedOn, lang) })}</strong>
              <span className="inc-body"> — {m.rationale}</span>
              {m.removalOutcome && <span className="hint"> ({t(`inc.case.measures.removalOutcome.${m.removalOutcome}`)})</span>}
            </li>
          ))}
        </ul>
      )}
      {canDecide &&
        (subjects.length === 0 ? (
          <p className="hint">{t('inc.case.measures.noSubjects')}</p>
        ) : c.status !== 'investigating' ? (
          <p className="hint">{t('inc.case.measures.onlyInvestigating')}</p>
        ) : (
          subjects.map((p) => <MeasureForm key={p.personId} p={p} c={c} post={post} busy={busy} />)
        ))}
      {c.tasks
        .filter((task) => task.kind === 'inspectie_melding')
        .map((task) => (
          <TaskItem key={task.id} task={task} post={post} busy={busy} canHandle={canHandle} />
        ))}
      {message}
    </Panel>
  );
}

// ---------------------------------------------------------------- D.2

function QualificationPanel({ c, post, busy, message, canQualify, canHandle }: { c: CaseView; canQualify: boolean; canHandle: boolean } & ReturnType<typeof useWrite>) {
  const t = useT();
  const { lang } = useLang();
  const employees = c.people.filter((p, i, all) => p.audience === 'employee' && all.findIndex((q) => q.personId === p.personId) === i);
  const [personId, setPersonId] = useState('');
  const [answer, setAnswer] = useState<'' | 'yes' | 'no'>('');
  const [rationale, setRationale] = useState('');
  const id = useId();
  const q = c.qualification;
  const lviTasks = c.tasks.filter((task) => task.kind === 'lvi_call');
  if (!q && !canQualify && lviTasks.length === 0) return null;
  const chosen = personId || employees[0]?.personId || '';
  return (
    <Panel title={t('inc.case.qualify')}>
      <p className="hint">{t('inc.case.qualify.explain')}</p>
      {q && (
        <p>
          <strong>{t('inc.case.qualify.done', { date: shortDate(q.decidedAt, lang), answer: t(q.grensoverschrijdend ? 'inc.case.qualify.yes' : 'inc.case.qualify.no'), rationale: q.rationale })}</strong>
        </p>
      )}
      {!q && canQualify && employees.length === 0 && <p className="hint">{t('inc.case.noEmployee')}</p>}
      {!q && canQualify && employees.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void post('/qualification', { personId: chosen, grensoverschrijdend: answer === 'yes', rationale: rationale.trim() });
          }}
        >
          <Select label={t('inc.case.qualify.person')} value={chosen} onChange={setPersonId} options={employees.map((p) => ({ value: p.personId, label: p.name }))} />
          <fieldset>
            <legend>{t('inc.case.qualify.question')}</legend>
            {(['yes', 'no'] as const).map((a) => (
              <label key={a} className="choice">
                <input type="radio" name={`${id}-answer`} checked={answer === a} onChange={() => setAnswer(a)} />
                <span>{t(a === 'yes' ? 'inc.case.qualify.yes' : 'inc.case.qualify.no')}</span>
              </label>
            ))}
          </fieldset>
          <TextArea label={t('inc.case.qualify.rationale')} value={rationale} onChange={setRationale} required />
          <button type="submit" disabled={busy || !answer || !rationale.trim()}>
            {t('inc.case.qualify.submit')}
          </button>
        </form>
      )}
      {lviTasks.map((task) => (
        <TaskItem key={task.id} task={task} post={post} busy={busy} canHandle={canHandle} />
      ))}
      {message}
    </Panel>
  );
}

function TaskItem({ task, post, busy, canHandle }: { task: CaseView['tasks'][number]; post: Post; busy: boolean; canHandle: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const [call, setCall] = useState({ date: today(), time: nowTime(), caller: me!.account.displayName, reference: '', advice: '' });
  const set = (k: keyof typeof call) => (v: string) => setCall((old) => ({ ...old, [k]: v }));
  const complete = Object.values(call).every((v) => v.trim());
  if (task.kind === 'inspectie_melding') return <InspectieTask task={task} post={post} busy={busy} canHandle={canHandle} />;
  return (
    <div className={`inc-task ${task.status}`}>
      <h3>{task.title}</h3>
      {task.phone && (
        <p className="inc-phone-number">
          <a href={`tel:${task.phone.replace(/[^0-9+]/g, '')}`}>{t('inc.case.task.call', { phone: task.phone })}</a>
        </p>
      )}
      {task.status === 'cancelled' ? (
        <p className="inc-notice info">{t('inc.case.task.cancelled')}</p>
      ) : task.status === 'done' && task.call ? (
        <div className="inc-notice ok">
          <p>{t('inc.case.task.done', { date: task.closedAt ? shortDate(task.closedAt, lang) : '', caller: task.call.caller, callDate: shortDate(task.call.date, lang), time: task.call.time, reference: task.call.reference })}</p>
          <p>
            {t('inc.case.task.advice')}: {task.call.advice}
          </p>
        </div>
      ) : (
        <>
          <p className="inc-notice warn">{t('inc.case.task.onlyWithRecord')}</p>
          {canHandle && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void post(`/tasks/${task.id}/close`, { call: { ...call, caller: call.caller.trim(), reference: call.reference.trim(), advice: call.advice.trim() } });
              }}
            >
              <h4>{t('inc.case.task.record')}</h4>
              <div className="inc-two-cols">
                <Input label={t('inc.case.task.date')} type="date" value={call.date} max={today()} onChange={set('date')} required />
                <Input label={t('inc.case.task.time')} type="time" value={call.time} onChange={set('time')} required />
                <Input label={t('inc.case.task.caller')} value={call.caller} onChange={set('caller')} required />
                <Input label={t('inc.case.task.reference')} value={call.reference} onChange={set('reference')} required />
              </div>
              <TextArea label={t('inc.case.task.adviceField')} value={call.advice} onChange={set('advice')} required />
              <button type="submit" disabled={busy || !complete}>
                {t('inc.case.task.close')}
              </button>
            </form>
          )}
        </>
      )}
    </div>
  );
}

/** Informing the Inspectie after a student's suspension of more than a day or a removal (WPO art. 40, 40c). */
function InspectieTask({ task, post, busy, canHandle }: { task: CaseView['tasks'][number]; post: Post; busy: boolean; canHandle: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const [date, setDate] = useState(today);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  return (
    <div className={`inc-task ${task.status}`}>
      <h3>{task.title}</h3>
      {task.status === 'done' && task.call ? (
        <p className="inc-notice ok">{t('inc.case.inspectie.done', { date: shortDate(task.call.date, lang), reference: task.call.reference || '—' })}</p>
      ) : (
        <>
          <p className="inc-notice warn">{t('inc.case.inspectie.explain')}</p>
          {canHandle && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void post(`/tasks/${task.id}/close`, { report: { date, ...(reference.trim() ? { reference: reference.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) } });
              }}
            >
              <div className="inc-two-cols">
                <Input label={t('inc.case.inspectie.date')} type="date" value={date} max={today()} onChange={setDate} required />
                <Input label={t('inc.case.inspectie.reference')} value={reference} onChange={setReference} />
              </div>
              <TextArea label={t('inc.case.inspectie.note')} value={note} onChange={setNote} />
              <button type="submit" disabled={busy || !date}>
                {t('inc.case.inspectie.close')}
              </button>
            </form>
          )}
        </>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- D.6

function PolicePanel({ c, post, busy, message, canDecide }: { c: CaseView; canDecide: boolean } & ReturnType<typeof useWrite>) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const [report, setReport] = useState<'' | 'yes' | 'no'>('');
  const [rationale, setRationale] = useState('');
  const [on, setOn] = useState(today);
  const [reference, setReference] = useState('');
  const p = c.police;
  if (!p && !canDecide && !c.policeDecisionRequired) return null;
  return (
    <Panel title={t('inc.case.police')} className={c.policeDecisionRequired && !p ? 'inc-task' : undefined}>
      <p className="hint">{t('inc.case.police.explain')}</p>
      {p && (
        <p>
          <strong>
            {p.report
              ? t('inc.case.police.doneYes', { date: p.reportedOn ? shortDate(p.reportedOn, lang) : '', reference: p.policeReference ?? '', rationale: p.rationale })
              : t('inc.case.police.doneNo', { rationale: p.rationale })}
          </strong>
        </p>
      )}
      {!p && canDecide && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void post('/police-decision', { report: report === 'yes', rationale: rationale.trim(), ...(report === 'yes' ? { reportedOn: on, policeReference: reference.trim() } : {}) });
          }}
        >
          <fieldset>
            <legend>{t('inc.case.police.question')}</legend>
            {(['yes', 'no'] as const).map((a) => (
              <label key={a} className="choice">
                <input type="radio" name={`${id}-report`} checked={report === a} onChange={() => setReport(a)} />
                <span>{t(a === 'yes' ? 'inc.case.police.yes' : 'inc.case.police.no')}</span>
              </label>
            ))}
          </fieldset>
          <TextArea label={t('inc.case.police.rationale')} value={rationale} onChange={setRationale} required />
          {report === 'yes' && (
            <div className="inc-two-cols">
              <Input label={t('inc.case.police.on')} type="date" value={on} max={today()} onChange={setOn} required />
              <Input label={t('inc.case.police.reference')} value={reference} onChange={setReference} required />
            </div>
          )}
          <button type="submit" disabled={busy || !report || !rationale.trim() || (report === 'yes' && (!on || !reference.trim()))}>
            {t('inc.case.police.submit')}
          </button>
        </form>
      )}
      {message}
    </Panel>
  );
}

// ---------------------------------------------------------------- notes and the log

function NotesPanel({ post, busy, message }: ReturnType<typeof useWrite>) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'shareable'>('internal');
  return (
    <Panel title={t('inc.case.notes')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void post('/notes', { text: text.trim(), visibility }).then((ok) => ok && setText(''));
        }}
      >
        <TextArea label={t('inc.case.notes.text')} value={text} onChange={setText} required />
        <fieldset>
          <legend>{t('inc.case.notes.visibility')}</legend>
          {(['internal', 'shareable'] as const).map((v) => (
            <label key={v} className="choice">
              <input type="radio" name={`${id}-vis`} checked={visibility === v} onChange={() => setVisibility(v)} aria-describedby={v === 'shareable' ? `${id}-share-hint` : undefined} />
              <span>
                {t(`inc.case.notes.${v}`)}
                {v === 'shareable' && (
                  <span className="hint" id={`${id}-share-hint`}>
                    {t('inc.case.notes.shareableHint')}
                  </span>
                )}
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="secondary" disabled={busy || !text.trim()}>
          {t('inc.case.notes.submit')}
        </button>
      </form>
      {message}
    </Panel>
  );
}

function eventText(e: CaseEvent, c: CaseView, t: T, lang: 'nl' | 'en'): { title: string; body?: string } {
  const p = e.payload;
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
  const name = (id: string) => c.people.find((x) => x.personId === id)?.name ?? '?';
  switch (e.type) {
    case 'status_changed':
      return { title: t('inc.ev.status_changed', { from: t(`inc.status.${s('from')}`), to: t(`inc.status.${s('to')}`) }), ...(s('reason') ? { body: t('inc.ev.reason', { reason: s('reason') }) } : {}) };
    case 'assigned':
      return { title: p.accountId ? t('inc.ev.assigned', { name: p.accountId === c.assignedTo ? (c.assignedName ?? '') : t('inc.ev.someone') }) : t('inc.ev.unassigned') };
    case 'deadline_set':
      return { title: t('inc.ev.deadline_set', { date: s('dueAt') ? dateTime(s('dueAt'), lang) : '' }) };
    case 'note':
      return { title: t(e.visibility === 'shareable' ? 'inc.ev.note.shareable' : 'inc.ev.note.internal'), body: s('text') };
    case 'person_added':
      return { title: t('inc.ev.person_added', { name: name(s('personId')), role: t(`inc.role.${s('role')}`) }) };
    case 'flags_set':
      return { title: t('inc.ev.flags_set'), body: s('rationale') };
    case 'step_recorded':
      return { title: t('inc.ev.step_recorded', { step: `${t(`inc.step.${s('kind')}`)} (${name(s('personId'))}, ${s('on') ? shortDate(s('on'), lang) : ''})` }) };
    case 'measure_imposed':
      return { title: t('inc.ev.measure_imposed', { measure: `${t(`inc.measure.${s('kind')}`)} (${name(s('personId'))})` }) };
    case 'qualified':
      return { title: t('inc.ev.qualified'), body: `${t(p.grensoverschrijdend ? 'inc.case.qualify.yes' : 'inc.case.qualify.no')}. ${s('rationale')}` };
    case 'police_decision':
      return { title: t('inc.ev.police_decision'), body: `${t(p.report ? 'inc.case.police.yes' : 'inc.case.police.no')}. ${s('rationale')}` };
    default: {
      const key = `inc.ev.${e.type}`;
      const own = t(key);
      return { title: own === key ? e.type : own };
    }
  }
}

function Timeline({ c }: { c: CaseView }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Panel title={t('inc.case.timeline')}>
      <p className="hint">{t('inc.case.timeline.hint')}</p>
      <ol className="inc-timeline">
        {c.events.map((e) => {
          const x = eventText(e, c, t, lang);
          return (
            <li key={e.id}>
              <span className="inc-when">
                {dateTime(e.at, lang)}
                {e.visibility === 'shareable' ? ` ${t('inc.ev.shareable')}` : ''}
              </span>
              <strong>{x.title}</strong>
              {x.body && <span className="inc-body">{`\n${x.body}`}</span>}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}

// ---------------------------------------------------------------- the page

export function CaseDetail({ id }: { id: string }) {
  const t = useT();
  const { lang } = useLang();
  const { school, can } = useSession();
  const schoolId = school!.id;
  const base = `/api/v1/schools/${schoolId}/incidents/${id}`;
  const [c, setCase] = useState<CaseView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    let live = true;
    setCase(null);
    setProblem(null);
    api<CaseView>('GET', base)
      .then((v) => {
        if (!live) return;
        setCase(v);
        setTimeout(() => heading.current?.focus(), 0);
      })
      .catch((e: unknown) => live && setProblem(e instanceof ApiError && (e.status === 404 || e.code === 'not_yours') ? t('inc.case.notFound') : t('common.error')));
    return () => {
      live = false;
    };
  }, [base, t]);
  const events = c?.events.length ?? 0;
  const status = useWrite(base, setCase, events);
  const handling = useWrite(base, setCase, events);
  const people = useWrite(base, setCase, events);
  const flags = useWrite(base, setCase, events);
  const steps = useWrite(base, setCase, events);
  const measures = useWrite(base, setCase, events);
  const qualify = useWrite(base, setCase, events);
  const police = useWrite(base, setCase, events);
  const notes = useWrite(base, setCase, events);
  const canHandle = can('incidents.handle');
  const canDecide = can('incidents.decide');
  const canQualify = can('incidents.qualify');

  return (
    <section className="incidents case page-wide">
      <p>
        <Link to="/meldingen">← {t('inc.case.back')}</Link>
      </p>
      {problem && <FormMessage kind="error">{problem}</FormMessage>}
      {!c && !problem && <p>{t('common.loading')}</p>}
      {c && (
        <>
          <div className="inc-case-head">
            <h1 ref={heading} tabIndex={-1}>
              {t('inc.case.title', { date: shortDate(c.createdAt, lang) })}
            </h1>
            <span className={`inc-status ${c.status}`}>{t(`inc.status.${c.status}`)}</span>
          </div>
          {c.policeDecisionRequired && !c.police && <p className="inc-notice danger">{t('inc.case.policeRequired')}</p>}
          <div className="inc-case-grid">
            <div className="inc-case-main">
              <StatusPanel c={c} canHandle={canHandle} {...status} />
              <Panel title={t('inc.case.facts')}>
                <dl className="inc-facts">
                  <dt>{t('inc.case.category')}</dt>
                  <dd>{t(`inc.report.cat.${c.category}`)}</dd>
                  <dt>{t('inc.case.reporter')}</dt>
                  <dd>
                    {c.source === 'public'
                      ? c.anonymous || !c.reporter
                        ? t('inc.case.reporter.anonymous')
                        : t('inc.case.reporter.public', { name: c.reporter.name ?? '', contact: c.reporter.contact ?? '' })
                      : (c.reporter?.name ?? '?')}
                  </dd>
                  {c.link && /^https?:\/\//i.test(c.link) && (
                    <>
                      <dt>{t('inc.case.link')}</dt>
                      <dd>
                        <a href={c.link} rel="noreferrer noopener" target="_blank">
                          {c.link}
                        </a>
                      </dd>
                    </>
                  )}
                </dl>
                <h3>{t('inc.case.text')}</h3>
                <p className="inc-quote">{c.text}</p>
                <SuggestedArticles ids={c.articles} headingLevel={3} />
              </Panel>
              <PeoplePanel c={c} canHandle={canHandle} {...people} />
              <StepsPanel c={c} canHandle={canHandle} {...steps} />
              <MeasuresPanel c={c} canDecide={canDecide} canHandle={canHandle} {...measures} />
              {can('files.letters') && <LettersPanel schoolId={schoolId} incidentId={c.id} version={events} />}
              <QualificationPanel c={c} canQualify={canQualify} canHandle={canHandle} {...qualify} />
              <PolicePanel c={c} canDecide={canDecide} {...police} />
              <FlagsPanel c={c} canHandle={canHandle} {...flags} />
            </div>
            <div className="inc-case-side">
              {canHandle && <HandlingPanel c={c} {...handling} />}
              {canHandle && <NotesPanel {...notes} />}
              <Timeline c={c} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
