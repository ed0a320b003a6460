// "Inzage en wissen (AVG)" (/inzage), for the data-protection officer: find a person of the school,
// download the export (PDF to read, JSON for machines), see whether erasure is allowed now (every
// reason why not, and what it would do), and erase with the full name typed as confirmation.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { Field, FormMessage } from '../../components/Field.tsx';
import { ScrollTable } from '../../components/Table.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import './subject-access.css';

interface Found {
  id: string;
  name: string;
  kind: 'student' | 'employee' | 'guardian' | 'other';
  active: boolean;
  externalId: string;
}

interface Check {
  allowed: boolean;
  blockers: { code: string; table?: string; reason: string; reasonEn: string }[];
  plan: { table: string; column: string; action: 'delete' | 'nullify' | 'strip' | 'scrub'; rows: number; title: string }[];
  kept: { table: string; reason: string }[];
}

export function SubjectAccessPage() {
  const t = useT();
  const { school } = useSession();
  const schoolId = school!.id;
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [chosen, setChosen] = useState<Found | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    setFailed(false);
    try {
      const r = await api<{ people: Found[] }>('GET', `/api/v1/schools/${schoolId}/subject-access/people?q=${encodeURIComponent(q.trim())}`);
      setFound(r.people);
    } catch {
      setFailed(true);
    }
  };

  return (
    <section className="subject-access">
      <h1>{t('nav.subjectAccess')}</h1>
      <p>{t('sa.lead')}</p>
      <form className="sa-search" onSubmit={search} role="search">
        <Field label={t('sa.search')} hint={t('sa.searchHint')} value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" minLength={2} required />
        <button type="submit">{t('sa.searchButton')}</button>
      </form>
      {failed && <FormMessage kind="error">{t('common.error')}</FormMessage>}
      {done && <FormMessage kind="ok">{done}</FormMessage>}
      {found && (
        <>
          <p role="status">{found.length ? t('sa.found', { n: found.length }) : t('sa.none')}</p>
          <ul className="sa-results">
            {found.map((p) => (
              <li key={p.id}>
                <span className="name">{p.name}</span>
                <span className="hint">
                  {t(`sa.kind.${p.kind}`)} · {p.externalId}
                </span>
                {!p.active && <span className="sa-left">{t('sa.left')}</span>}
                <button type="button" className="secondary" aria-pressed={chosen?.id === p.id} aria-label={`${t('sa.choose')}: ${p.name}`} onClick={() => (setChosen(p), setDone(null))}>
                  {t('sa.choose')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {chosen && (
        <Person
          key={chosen.id}
          schoolId={schoolId}
          person={chosen}
          onErased={(name) => {
            setDone(t('sa.erased', { name }));
            setChosen(null);
            setFound((list) => list?.filter((p) => p.id !== chosen.id) ?? null);
          }}
        />
      )}
    </section>
  );
}

function Person({ schoolId, person, onErased }: { schoolId: string; person: Found; onErased: (name: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const heading = useRef<HTMLHeadingElement>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [failed, setFailed] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The reasons of a refusal (409), Dutch as the API gives them in its issues. */
  const [refused, setRefused] = useState<string[] | null>(null);
  const base = `/api/v1/schools/${schoolId}/subject-access/people/${person.id}`;

  useEffect(() => {
    heading.current?.focus();
    let live = true;
    api<Check>('GET', `${base}/erasure`)
      .then((c) => live && setCheck(c))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [base]);

  const erase = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api('POST', `${base}/erasure`, { confirmName: confirm });
      onErased(person.name);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setError(t('sa.nameMismatch'));
      else if (err instanceof ApiError && err.status === 409) {
        // Something changed since the check (a new case, a consent): say why in Dutch, and check again.
        setRefused(err.issues.map((i) => i.message));
        api<Check>('GET', `${base}/erasure`)
          .then(setCheck)
          .catch(() => setFailed(true));
      } else setError(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sa-person">
      <h2 tabIndex={-1} ref={heading}>
        {person.name}
      </h2>
      <h3>{t('sa.export')}</h3>
      <p>{t('sa.exportLead')}</p>
      <p className="sa-downloads">
        <a className="button" href={`${base}/export.pdf`} download>
          {t('sa.pdf')}
        </a>
        <a className="button secondary" href={`${base}/export.json`} download>
          {t('sa.json')}
        </a>
      </p>
      <h3>{t('sa.erasure')}</h3>
      {failed && <FormMessage kind="error">{t('common.error')}</FormMessage>}
      {!check && !failed && <p>{t('common.loading')}</p>}
      {refused && (
        <div className="sa-blockers" role="alert">
          <p>
            <strong>{t('sa.refused')}</strong>
          </p>
          <ul lang="nl">
            {refused.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {check && (
        <>
          {check.allowed ? (
            <p className="sa-allowed">{t('sa.allowed')}</p>
          ) : (
            <div className="sa-blockers">
              <p>
                <strong>{t('sa.blocked')}</strong>
              </p>
              <ul>
                {check.blockers.map((b) => (
                  <li key={`${b.code}-${b.table ?? ''}`}>{lang === 'en' ? b.reasonEn : b.reason}</li>
                ))}
              </ul>
            </div>
          )}
          <h4>{t('sa.plan')}</h4>
          <ScrollTable caption={t('sa.plan.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('sa.plan.what')}</th>
                <th scope="col">{t('sa.plan.action')}</th>
                <th scope="col">{t('sa.plan.rows')}</th>
              </tr>
            </thead>
            <tbody>
              {check.plan.map((p) => (
                <tr key={`${p.table}.${p.column}.${p.action}`}>
                  <th scope="row">
                    {p.title} <span className="hint">({p.table}.{p.column})</span>
                  </th>
                  <td>{t(`sa.action.${p.action}`)}</td>
                  <td>{p.rows}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <h4>{t('sa.kept')}</h4>
          <ul>
            {check.kept.map((k) => (
              <li key={k.table}>{k.reason}</li>
            ))}
          </ul>
          {check.allowed && (
            <form onSubmit={erase}>
              <Field label={t('sa.confirm')} hint={t('sa.confirmHint')} value={confirm} onChange={(e) => setConfirm(e.target.value)} error={error} autoComplete="off" required />
              <button type="submit" className="danger" disabled={busy}>
                {t('sa.erase')}
              </button>
            </form>
          )}
        </>
      )}
    </div>
  );
}
