// "Dossiers" (/dossiers): find a person with a file of a kind one may read (the page opens with a
// first list; after that the list changes only on *Zoeken*), open the file (every
// opening is recorded on the server), read its entries, download letters, and say so at once when
// a file was opened by mistake (a possible data breach for the FG). A file opens at
// /dossiers?kind=<personnel|student>&id=<personId>.
import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { ScrollTable } from '../../components/Table.tsx';
import { useLang, useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import './texts.ts';
import './files.css';

type Kind = 'personnel' | 'student';
interface Found {
  personId: string;
  name: string;
  active: boolean;
  fileKind: Kind;
  entries: number;
  lastAt: string | null;
}
interface Entry {
  id: string;
  incidentId: string | null;
  entryType: string;
  title: string;
  body: string | null;
  createdAt: string;
  createdByName: string | null;
  document: { filename: string; sizeBytes: number } | null;
  retainUntil: string | null;
}
interface FileView {
  person: { id: string; name: string; kind: string; active: boolean };
  fileKind: Kind;
  entries: Entry[];
}

const dateOf = (iso: string, lang: 'nl' | 'en') => new Date(iso).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

function Search() {
  const t = useT();
  const { lang } = useLang();
  const { school, can } = useSession();
  const schoolId = school!.id;
  const id = useId();
  const kinds = (['personnel', 'student'] as Kind[]).filter((k) => can(`files.read_${k}`));
  const [kind, setKind] = useState<Kind | ''>(kinds.length === 1 ? kinds[0]! : '');
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState<{ kind: Kind | ''; q: string }>({ kind, q: '' });
  const [found, setFound] = useState<Found[] | null>(null);
  const [cutOff, setCutOff] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    const params = new URLSearchParams();
    if (asked.kind) params.set('kind', asked.kind);
    if (asked.q.trim()) params.set('q', asked.q.trim());
    api<{ files: Found[]; cutOff: boolean }>('GET', `/api/v1/schools/${schoolId}/files${params.size ? `?${params}` : ''}`)
      .then((r) => live && (setFound(r.files), setCutOff(r.cutOff), setFailed(false)))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [schoolId, asked]);

  return (
    <section className="files">
      <h1>{t('nav.files')}</h1>
      <p>{t('files.lead')}</p>
      <form
        className="files-search"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ kind, q });
        }}
      >
        {kinds.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('files.search.kind')}</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind | '')}>
              <option value="">{t('files.search.kind.all')}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`files.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('files.search.q')}</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
        </div>
        <button type="submit">{t('files.search.submit')}</button>
      </form>
      <p className="hint">{t('files.search.how')}</p>
      {failed && <FormMessage kind="error">{t('common.error')}</FormMessage>}
      {!found && !failed && <p>{t('common.loading')}</p>}
      {found && found.length === 0 && <p>{t('files.search.empty')}</p>}
      {found && found.length > 0 && (
        <ScrollTable caption={cutOff ? t('files.search.cutOff', { n: found.length }) : t(found.length === 1 ? 'files.search.caption.one' : 'files.search.caption.many', { n: found.length })} className="files-list">
          <thead>
            <tr>
              <th scope="col">{t('files.col.name')}</th>
              <th scope="col">{t('files.col.kind')}</th>
              <th scope="col">{t('files.col.entries')}</th>
              <th scope="col">{t('files.col.last')}</th>
            </tr>
          </thead>
          <tbody>
            {found.map((f) => (
              <tr key={`${f.fileKind}-${f.personId}`}>
                <th scope="row">
                  <Link to={`/dossiers?kind=${f.fileKind}&id=${f.personId}`} aria-label={t('files.open', { name: f.name })}>
                    {f.name}
                  </Link>{' '}
                  {!f.active && <span className="hint">{t('files.left')}</span>}
                </th>
                <td>{t(`files.kind.${f.fileKind}`)}</td>
                <td>{f.entries}</td>
                <td className="nowrap">{f.lastAt ? dateOf(f.lastAt, lang) : ''}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

function OneFile({ kind, personId }: { kind: Kind; personId: string }) {
  const t = useT();
  const { lang } = useLang();
  const { school, can } = useSession();
  const schoolId = school!.id;
  // The case link only for who may read cases (the internal supervisor may not: a dead end).
  const readsCases = can('incidents.read');
  const heading = useRef<HTMLHeadingElement>(null);
  const [file, setFile] = useState<FileView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reported, setReported] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api<FileView>('GET', `/api/v1/schools/${schoolId}/files/${kind}/${personId}`)
      .then((f) => {
        if (!live) return;
        setFile(f);
        setTimeout(() => heading.current?.focus(), 0);
      })
      .catch((e: unknown) => live && setProblem(e instanceof ApiError ? e.message : t('common.error')));
    return () => {
      live = false;
    };
  }, [schoolId, kind, personId, t]);

  const mistake = async () => {
    setBusy(true);
    try {
      const r = await api<{ created: boolean }>('POST', `/api/v1/schools/${schoolId}/files/${kind}/${personId}/mistaken-read`, {});
      setReported({ kind: 'ok', text: t(r.created ? 'files.mistake.done' : 'files.mistake.again') });
    } catch (e) {
      setReported({ kind: 'error', text: e instanceof ApiError ? e.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="files">
      <p>
        <Link to="/dossiers">← {t('files.file.back')}</Link>
      </p>
      {problem && <FormMessage kind="error">{problem}</FormMessage>}
      {!file && !problem && <p>{t('common.loading')}</p>}
      {file && (
        <>
          <h1 ref={heading} tabIndex={-1}>
            {t('files.file.title', { kind: t(`files.kind.${kind}`), name: file.person.name })}
          </h1>
          <p className="files-logged">{t('files.file.logged')}</p>
          {file.entries.length === 0 && <p>{t('files.file.empty')}</p>}
          <ol className="files-entries">
            {file.entries.map((e) => (
              <li key={e.id}>
                <article aria-labelledby={`entry-${e.id}`}>
                  <h2 id={`entry-${e.id}`}>{e.title}</h2>
                  <p className="hint">
                    <span className={`files-type ${e.entryType}`}>{t(`files.type.${e.entryType}`)}</span> {dateOf(e.createdAt, lang)}
                    {e.createdByName ? ` ${t('files.file.by', { name: e.createdByName })}` : ''}
                    {e.incidentId && readsCases && (
                      <>
                        {' · '}
                        <Link to={`/meldingen?id=${e.incidentId}`}>{t('files.file.case')}</Link>
                      </>
                    )}
                  </p>
                  {e.body && <p className="files-body">{e.body}</p>}
                  {e.document && (
                    <p>
                      <a className="button secondary" href={`/api/v1/schools/${schoolId}/files/entries/${e.id}/document`} download={e.document.filename}>
                        {t('files.file.download')}
                      </a>
                    </p>
                  )}
                  <p className="hint">{e.retainUntil ? t('files.file.keep.until', { date: dateOf(`${e.retainUntil}T12:00:00Z`, lang) }) : t('files.file.keep.while', { name: file.person.name })}</p>
                </article>
              </li>
            ))}
          </ol>
          <div className="files-mistake">
            <p className="hint">{t('files.mistake.hint')}</p>
            <button type="button" className="secondary" onClick={() => void mistake()} disabled={busy || reported?.kind === 'ok'}>
              {t('files.mistake.button')}
            </button>
            {reported && <FormMessage kind={reported.kind}>{reported.text}</FormMessage>}
          </div>
        </>
      )}
    </section>
  );
}

export function FilesPage({ kind, personId }: { kind: string | null; personId: string | null }) {
  if ((kind === 'personnel' || kind === 'student') && personId) return <OneFile key={`${kind}-${personId}`} kind={kind} personId={personId} />;
  return <Search />;
}
