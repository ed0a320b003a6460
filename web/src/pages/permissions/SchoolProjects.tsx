// /schoolprojecten: school projects (A.6). The director (and the board) creates a project for one
// or more employees with the students in it (chosen from the roster by search), changes its
// students and ends it. Other staff see the projects they are part of.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { PickPerson } from './PeoplePicker.tsx';
import { PeoplePicker } from './PeoplePicker.tsx';
import './texts.ts';
import './permissions.css';

interface Project {
  id: string;
  name: string;
  reason: string | null;
  startsOn: string;
  endsOn: string;
  status: 'current' | 'future' | 'past' | 'ended';
  endedAt: string | null;
  employees: { id: string; name: string }[];
  students: { id: string; name: string; group: string | null }[];
}

const formatDay = (d: string, lang: string) => new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

const STATUS_ORDER = { current: 0, future: 1, past: 2, ended: 3 } as const;
/** Running projects first, then planned ones (soonest first), then past and ended ones (latest first). */
const byStatus = (a: Project, b: Project) =>
  STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.status === 'future' || a.status === 'current' ? a.startsOn.localeCompare(b.startsOn) : b.endsOn.localeCompare(a.endsOn));

export function SchoolProjects() {
  const t = useT();
  const { lang } = useLang();
  const { school, can } = useSession();
  const schoolId = school?.id;
  const manager = can('grants.projectManage');
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [people, setPeople] = useState<PickPerson[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [employees, setEmployees] = useState<string[]>([]);
  const [students, setStudents] = useState<string[]>([]);
  const [editing, setEditing] = useState<{ id: string; students: string[] } | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Changed after a project was created: the form's pickers start afresh. */
  const [formKey, setFormKey] = useState(0);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    if (!schoolId) return;
    try {
      const [p, c] = await Promise.all([
        api<{ projects: Project[] }>('GET', `/api/v1/schools/${schoolId}/school-projects`),
        manager ? api<{ people: PickPerson[] }>('GET', `/api/v1/schools/${schoolId}/grant-candidates`) : Promise.resolve({ people: [] }),
      ]);
      setProjects(p.projects);
      setPeople(c.people);
    } catch {
      setMessage({ kind: 'error', text: t('common.error') });
    }
  }, [schoolId, manager, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const failed = (err: unknown) => setMessage({ kind: 'error', text: err instanceof ApiError && err.status < 500 ? err.message : t('common.error') });
  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !startsOn || !endsOn || employees.length === 0) return setMessage({ kind: 'error', text: t('projects.needEmployee') });
    setBusy(true);
    try {
      await api('POST', `/api/v1/schools/${schoolId}/school-projects`, { name, ...(reason.trim() ? { reason } : {}), startsOn, endsOn, employeeIds: employees, studentIds: students });
      setMessage({ kind: 'ok', text: t('projects.created', { name: name.trim() }) });
      setName('');
      setReason('');
      setEmployees([]);
      setStudents([]);
      setStartsOn('');
      setEndsOn('');
      setFormKey((k) => k + 1);
      await load();
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };
  const saveStudents = async (p: Project) => {
    if (!editing) return;
    setBusy(true);
    try {
      await api('PUT', `/api/v1/schools/${schoolId}/school-projects/${p.id}/students`, { studentIds: editing.students });
      setMessage({ kind: 'ok', text: t('projects.saved', { name: p.name }) });
      setEditing(null);
      await load();
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };
  const end = async (p: Project) => {
    setBusy(true);
    try {
      await api('POST', `/api/v1/schools/${schoolId}/school-projects/${p.id}/end`);
      setMessage({ kind: 'ok', text: t('projects.ended', { name: p.name }) });
      setEnding(null);
      await load();
      listHeading.current?.focus();
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };

  const employeeOptions = people.filter((p) => p.kind === 'employee');
  const studentOptions = people.filter((p) => p.kind === 'student');
  return (
    <section className="grants-page">
      <h1>{t('nav.projects')}</h1>
      <p>{t('projects.lead')}</p>
      {!manager && <p className="hint">{t('projects.readOnly')}</p>}
      {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
      {manager && (
        <form className="project-form" onSubmit={(e) => void create(e)} noValidate>
          <h2>{t('projects.new')}</h2>
          <div className="field">
            <label htmlFor="project-name">{t('projects.name')}</label>
            <input id="project-name" type="text" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="project-reason">{t('projects.reason')}</label>
            <textarea id="project-reason" className="short" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="project-from">{t('projects.startsOn')}</label>
              <input id="project-from" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} aria-describedby="project-period-hint" />
            </div>
            <div className="field">
              <label htmlFor="project-until">{t('projects.endsOn')}</label>
              <input id="project-until" type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} aria-describedby="project-period-hint" />
            </div>
          </div>
          <p className="hint" id="project-period-hint">
            {t('projects.periodHint')}
          </p>
          <PeoplePicker key={`e${formKey}`} label={t('projects.employees')} people={employeeOptions} chosen={employees} onChange={setEmployees} />
          <PeoplePicker key={`s${formKey}`} label={t('projects.students')} people={studentOptions} chosen={students} onChange={setStudents} />
          <button type="submit" disabled={busy}>
            {t('projects.create')}
          </button>
        </form>
      )}
      <h2 ref={listHeading} tabIndex={-1}>
        {t('projects.list')}
      </h2>
      {!projects ? (
        !message && <p>{t('common.loading')}</p>
      ) : projects.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        <ul className="project-list">
          {[...projects].sort(byStatus).map((p) => {
            const open = p.status === 'current' || p.status === 'future';
            return (
              <li key={p.id} className={`project ${p.status}`}>
                <h3>
                  {p.name}
                  <span className="status">{t(`projects.status.${p.status}`)}</span>
                </h3>
                <p>{t('projects.period', { from: formatDay(p.startsOn, lang), until: formatDay(p.endsOn, lang) })}</p>
                {p.reason && <p className="grant-reason">{p.reason}</p>}
                <p>
                  <strong>{t('projects.for')}:</strong> {p.employees.map((e) => e.name).join(', ')}
                </p>
                <details>
                  <summary>{t('projects.studentsCount', { count: p.students.length })}</summary>
                  <ul>
                    {p.students.map((s) => (
                      <li key={s.id}>
                        {s.name}
                        {s.group ? ` (${t('picker.group', { group: s.group })})` : ''}
                      </li>
                    ))}
                  </ul>
                </details>
                {manager && open && editing?.id === p.id && (
                  <div className="project-edit">
                    <PeoplePicker label={t('projects.editStudentsOf', { name: p.name })} people={studentOptions} chosen={editing.students} onChange={(ids) => setEditing({ id: p.id, students: ids })} />
                    <div className="project-actions">
                      <button type="button" disabled={busy} onClick={() => void saveStudents(p)}>
                        {t('projects.save')}
                      </button>
                      <button type="button" className="secondary" onClick={() => setEditing(null)}>
                        {t('projects.cancel')}
                      </button>
                    </div>
                  </div>
                )}
                {manager && open && ending === p.id && (
                  <div className="confirm" role="group" aria-label={t('projects.endOf', { name: p.name })}>
                    <p>{t('projects.confirmEnd')}</p>
                    <div className="confirm-actions">
                      <button type="button" disabled={busy} onClick={() => void end(p)}>
                        {t('projects.confirmYes')}
                      </button>
                      <button type="button" className="secondary" onClick={() => setEnding(null)}>
                        {t('projects.cancel')}
                      </button>
                    </div>
                  </div>
                )}
                {manager && open && editing?.id !== p.id && ending !== p.id && (
                  <div className="project-actions">
                    <button type="button" className="secondary" onClick={() => setEditing({ id: p.id, students: p.students.map((s) => s.id) })}>
                      {t('projects.editStudents')}
                      <span className="sr-only"> ({p.name})</span>
                    </button>
                    <button type="button" className="secondary" onClick={() => setEnding(p.id)}>
                      {t('projects.end')}
                      <span className="sr-only"> ({p.name})</span>
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
