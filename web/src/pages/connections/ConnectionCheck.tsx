// /connectiecheck: the connection check (A.6), in this browser only. An employee opens the data
// export of their own platform account (Instagram, Facebook, LinkedIn, TikTok) or pastes a list;
// the page reads it with File/Blob reads, matches it against the school's students from the check
// context it loaded on opening (the same roster the write page checks with), leaves out students of
// their active school projects, and shows what to do. Nothing of the file or the result is sent.
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { FormMessage } from '../../components/Field.tsx';
import { addTexts, useLang, useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { Connection, MatchReport, ProjectPermission, RosterStudent, Texts } from '../../../../src/connections/index.ts';
import { ConnectionFileError, matchConnections, parseConnectionFile, readConnectionFiles } from '../../../../src/connections/index.ts';
import '../permissions/permissions.css';

addTexts({
  'nav.connections': { nl: 'Connectiecheck', en: 'Connection check' },
  'conn.lead': {
    nl: 'Met je privéaccount ben je niet verbonden met leerlingen, behalve voor een schoolproject (artikel A.6). Controleer hier je volgers, wie je volgt en je vrienden of connecties.',
    en: 'From your private account you are not connected with students, except for a school project (article A.6). Check your followers, who you follow, and your friends or connections here.',
  },
  'conn.privacy': {
    nl: 'Je bestand blijft op je eigen apparaat. Postwijzer leest het alleen in deze browser en verstuurt of bewaart niets: niet het bestand en niet de uitkomst.',
    en: 'Your file stays on your own device. Postwijzer only reads it in this browser and sends or stores nothing: not the file and not the result.',
  },
  'conn.howto': { nl: 'Hoe krijg ik mijn gegevens?', en: 'How do I get my data?' },
  'conn.howto.instagram': {
    nl: 'Instagram: Instellingen → Accountcentrum → Je informatie en rechten → Je informatie downloaden. Kies "Volgers en gevolgd", indeling JSON. Kies daarna het ZIP-bestand, of followers_1.json en following.json.',
    en: 'Instagram: Settings → Accounts Centre → Your information and permissions → Download your information. Choose "Followers and following", format JSON. Then choose the ZIP file, or followers_1.json and following.json.',
  },
  'conn.howto.facebook': {
    nl: 'Facebook: Instellingen → Accountcentrum → Je informatie downloaden → "Vrienden", indeling JSON. Kies het ZIP-bestand of your_friends.json.',
    en: 'Facebook: Settings → Accounts Centre → Download your information → "Friends", format JSON. Choose the ZIP file or your_friends.json.',
  },
  'conn.howto.linkedin': {
    nl: 'LinkedIn: Instellingen → Gegevensprivacy → Een kopie van je gegevens downloaden → "Connecties". Kies het ZIP-bestand of Connections.csv.',
    en: 'LinkedIn: Settings → Data privacy → Get a copy of your data → "Connections". Choose the ZIP file or Connections.csv.',
  },
  'conn.howto.tiktok': {
    nl: 'TikTok: Instellingen en privacy → Account → Je gegevens downloaden, indeling JSON. Kies het ZIP-bestand of user_data.json.',
    en: 'TikTok: Settings and privacy → Account → Download your data, format JSON. Choose the ZIP file or user_data.json.',
  },
  'conn.howto.zip': {
    nl: 'Lukt het openen van het ZIP-bestand niet (een oudere browser)? Pak het dan eerst uit en kies het losse bestand.',
    en: 'If the ZIP file does not open (an older browser), unpack it first and choose the single file.',
  },
  'conn.file': { nl: 'Kies je exportbestand(en)', en: 'Choose your export file(s)' },
  'conn.fileHint': { nl: 'ZIP, JSON, CSV of een tekstbestand. Je kunt meer bestanden tegelijk kiezen.', en: 'ZIP, JSON, CSV or a text file. You can choose several files at once.' },
  'conn.paste': { nl: 'Of plak een lijst (één naam of gebruikersnaam per regel)', en: 'Or paste a list (one name or username per line)' },
  'conn.checkList': { nl: 'Controleer de lijst', en: 'Check the list' },
  'conn.loadingRoster': { nl: 'De leerlingenlijst van de school wordt geladen…', en: 'Loading the school’s list of students…' },
  'conn.noRoster': { nl: 'De leerlingenlijst kon niet geladen worden. Probeer het later opnieuw.', en: 'The list of students could not be loaded. Please try again later.' },
  'conn.reading': { nl: 'Bezig met lezen…', en: 'Reading…' },
  'conn.result': { nl: 'Uitkomst', en: 'Result' },
  'conn.read': { nl: 'We lazen {count} connecties uit: {files}.', en: 'We read {count} connections from: {files}.' },
  'conn.pasted': { nl: 'de geplakte lijst', en: 'the pasted list' },
  'conn.nothingSent': { nl: 'Er is niets verstuurd: de controle gebeurde in deze browser.', en: 'Nothing was sent: the check ran in this browser.' },
  'conn.nothingRead': {
    nl: 'We konden geen connecties uit deze bestanden lezen. We weten dus nog niet of er leerlingen tussen je connecties staan. Kies het bestand met je volgers, gevolgde accounts, vrienden of connecties (zie "Hoe krijg ik mijn gegevens?"), of plak een lijst met namen.',
    en: 'We could not read any connections from these files, so we do not know yet whether students are among your connections. Choose the file with your followers, following, friends or connections (see "How do I get my data?"), or paste a list of names.',
  },
  'conn.clean': { nl: 'We vonden geen leerlingen van de school tussen je connecties.', en: 'We found no students of the school among your connections.' },
  'conn.found': { nl: 'We vonden {count} leerling(en) van de school tussen je connecties.', en: 'We found {count} student(s) of the school among your connections.' },
  'conn.todo': {
    nl: 'Wat nu? Verbreek de verbinding: ontvolg, verwijder de volger of verwijder de vriendschap. Is de verbinding nodig voor school, vraag de directeur dan om een schoolproject.',
    en: 'What now? End the connection: unfollow, remove the follower or remove the friend. If you need the connection for school, ask the director for a school project.',
  },
  'conn.exact': { nl: 'zelfde naam', en: 'same name' },
  'conn.likely': { nl: 'waarschijnlijk', en: 'likely' },
  'conn.likelyHint': { nl: '"Waarschijnlijk" komt uit een gebruikersnaam of een andere schrijfwijze: kijk zelf of het echt deze leerling is.', en: '"Likely" comes from a username or another way of writing the name: check yourself whether it really is this student.' },
  'conn.matchedBy': { nl: 'Gevonden als: {list}', en: 'Found as: {list}' },
  'conn.group': { nl: 'groep {group}', en: 'group {group}' },
  'conn.covered': { nl: 'Toegestaan door een schoolproject ({count})', en: 'Allowed by a school project ({count})' },
  'conn.coveredBy': { nl: 'project: {project}', en: 'project: {project}' },
  'conn.errors': { nl: 'Niet gelezen', en: 'Not read' },
  'conn.clear': { nl: 'Uitkomst wissen', en: 'Clear the result' },
  'conn.limits': {
    nl: 'De check zoekt op voor- en achternaam samen (ook in gebruikersnamen zoals sanne.devries2016). Afkortingen, bijnamen in gebruikersnamen en alleen een voornaam vindt hij niet: kijk je lijst dus ook zelf na.',
    en: 'The check looks for given and family name together (also in usernames such as sanne.devries2016). It does not find abbreviations, nicknames in usernames or a given name alone, so look through your list yourself as well.',
  },
});

interface CheckContext {
  school: { timezone: string };
  roster: RosterStudent[];
  permissions: ProjectPermission[];
  /** The asking account's staff person at the school (their projects are under this id). */
  staffPersonId?: string | null;
}

interface Outcome {
  report: MatchReport;
  files: string[];
  errors: { name: string; texts: Texts }[];
}

const todayIn = (tz: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export function ConnectionCheck() {
  const t = useT();
  const { lang } = useLang();
  const { school } = useSession();
  const schoolId = school?.id;
  const id = useId();
  const [context, setContext] = useState<CheckContext | null | 'failed'>(null);
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!schoolId) return;
    let live = true;
    api<CheckContext>('GET', `/api/v1/schools/${schoolId}/check-context`)
      .then((c) => live && setContext(c))
      .catch(() => live && setContext('failed'));
    return () => {
      live = false;
    };
  }, [schoolId]);

  useEffect(() => {
    if (outcome) resultHeading.current?.focus();
  }, [outcome]);

  const ready = context !== null && context !== 'failed' ? context : null;
  const run = (connections: Connection[], files: string[], errors: Outcome['errors']) => {
    if (!ready) return;
    const report = matchConnections(ready.roster, connections, { employeeId: ready.staffPersonId ?? school?.personId ?? null, today: todayIn(ready.school.timezone), permissions: ready.permissions });
    setOutcome({ report, files, errors });
  };

  const onFiles = async (list: FileList | null) => {
    if (!list || !list.length || !ready) return;
    setBusy(true);
    setProblem(null);
    try {
      const read = await readConnectionFiles([...list].map((f) => ({ name: f.name, data: f })));
      run(read.connections, read.files.map((f) => f.name), read.errors);
    } catch {
      setProblem(t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  const onPaste = () => {
    setProblem(null);
    try {
      const parsed = parseConnectionFile('list.txt', pasted);
      run(parsed.connections, [t('conn.pasted')], []);
    } catch (e) {
      if (e instanceof ConnectionFileError) setProblem(e.texts[lang]);
      else setProblem(t('common.error'));
    }
  };

  const clear = () => {
    setOutcome(null);
    setPasted('');
    if (fileInput.current) fileInput.current.value = '';
  };

  const r = outcome?.report;
  return (
    <section className="connections-page">
      <h1>{t('nav.connections')}</h1>
      <p>{t('conn.lead')}</p>
      <p className="privacy-note">{t('conn.privacy')}</p>
      <section className="howto" aria-labelledby={`${id}-howto`}>
        <h2 id={`${id}-howto`}>{t('conn.howto')}</h2>
        {(['instagram', 'facebook', 'linkedin', 'tiktok'] as const).map((p) => (
          <details key={p}>
            <summary>{p === 'linkedin' ? 'LinkedIn' : p === 'tiktok' ? 'TikTok' : p.charAt(0).toUpperCase() + p.slice(1)}</summary>
            <p>{t(`conn.howto.${p}`)}</p>
          </details>
        ))}
        <p className="hint">{t('conn.howto.zip')}</p>
      </section>

      {context === null && <p role="status">{t('conn.loadingRoster')}</p>}
      {context === 'failed' && <FormMessage kind="error">{t('conn.noRoster')}</FormMessage>}
      {ready && (
        <>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('conn.file')}</label>
            <p className="hint" id={`${id}-file-hint`}>
              {t('conn.fileHint')}
            </p>
            <input ref={fileInput} id={`${id}-file`} type="file" multiple accept=".zip,.json,.csv,.txt,application/zip,application/json,text/csv,text/plain" aria-describedby={`${id}-file-hint`} onChange={(e) => void onFiles(e.target.files)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-paste`}>{t('conn.paste')}</label>
            <textarea id={`${id}-paste`} className="short" value={pasted} onChange={(e) => setPasted(e.target.value)} />
          </div>
          <button type="button" className="secondary" onClick={onPaste} disabled={!pasted.trim()}>
            {t('conn.checkList')}
          </button>
          <p className="hint">{t('conn.limits')}</p>
        </>
      )}
      {busy && <p role="status">{t('conn.reading')}</p>}
      {problem && <FormMessage kind="error">{problem}</FormMessage>}

      {outcome && r && (
        <section className={`conn-result ${r.notCovered.length ? 'found' : r.connections === 0 ? 'unread' : 'clean'}`} aria-labelledby={`${id}-result`}>
          <h2 id={`${id}-result`} ref={resultHeading} tabIndex={-1}>
            {t('conn.result')}
          </h2>
          {outcome.files.length > 0 && <p>{t('conn.read', { count: r.connections, files: outcome.files.join(', ') })}</p>}
          <p className="privacy-note">{t('conn.nothingSent')}</p>
          {outcome.errors.length > 0 && (
            <div className="file-errors">
              <h3>{t('conn.errors')}</h3>
              <ul>
                {outcome.errors.map((e) => (
                  <li key={e.name}>
                    {e.name}: {e.texts[lang]}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {r.connections === 0 ? (
            // Nothing read (an unknown file, every file failed, an empty list): no all-clear.
            <FormMessage kind="error">{t('conn.nothingRead')}</FormMessage>
          ) : r.notCovered.length === 0 ? (
            <p>
              <strong>{t('conn.clean')}</strong>
            </p>
          ) : (
            <>
              <p>
                <strong>{t('conn.found', { count: r.notCovered.length })}</strong>
              </p>
              <p>{t('conn.todo')}</p>
              <ul className="conn-students">
                {r.notCovered.map((m) => (
                  <li key={m.studentId}>
                    <p>
                      <strong>{m.name}</strong>
                      {m.group ? ` (${t('conn.group', { group: m.group })})` : ''}
                      <span className={`confidence ${m.confidence}`}>{t(`conn.${m.confidence}`)}</span>
                    </p>
                    <p className="hint">{t('conn.matchedBy', { list: m.matchedBy.join(', ') })}</p>
                  </li>
                ))}
              </ul>
              {r.notCovered.some((m) => m.confidence === 'likely') && <p className="hint">{t('conn.likelyHint')}</p>}
            </>
          )}
          {r.covered.length > 0 && (
            <>
              <h3>{t('conn.covered', { count: r.covered.length })}</h3>
              <ul>
                {r.covered.map((m) => (
                  <li key={m.studentId}>
                    {m.name} — {t('conn.coveredBy', { project: m.project ?? '' })}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="secondary" onClick={clear}>
            {t('conn.clear')}
          </button>
        </section>
      )}
    </section>
  );
}
