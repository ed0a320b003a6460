// /toestemmingen: the school's consent overview for staff (consent.overview): per group how many
// students have a yes for everything, partly, a no somewhere or no answer, and per student the
// answer for each channel and kind. The director and the communication officer (consent.manage)
// also open the yearly round, see who answered, send reminders and complete takedown tasks.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { FormMessage } from '../components/Field.tsx';
import { ScrollTable } from '../components/Table.tsx';
import { addTexts, useLang, useT } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import type { ConsentStatus, MediaKind } from './consent-texts.ts';
import { channelName, longDate } from './consent-texts.ts';
import { registerPage } from './registry.tsx';
import './consent.css';

addTexts({
  'overview.lead': {
    nl: "Schooljaar {year}: wie toestemming gaf voor foto's, film en geluid. Alleen medewerkers van de school zien dit overzicht.",
    en: 'School year {year}: who gave consent for photos, film and sound. Only the school’s staff see this overview.',
  },
  'overview.groups.caption': { nl: 'Antwoorden per groep', en: 'Answers per group' },
  'overview.col.group': { nl: 'Groep', en: 'Group' },
  'overview.col.agreed': { nl: 'Alles ja', en: 'Yes to all' },
  'overview.col.partly': { nl: 'Deels', en: 'Partly' },
  'overview.col.refused': { nl: 'Ergens nee', en: 'A no somewhere' },
  'overview.col.noAnswer': { nl: 'Geen antwoord', en: 'No answer' },
  'overview.col.total': { nl: 'Leerlingen', en: 'Students' },
  'overview.col.student': { nl: 'Leerling', en: 'Student' },
  'overview.col.state': { nl: 'Stand', en: 'State' },
  'overview.noGroup': { nl: 'zonder groep', en: 'no group' },
  'overview.perStudent': { nl: 'Per leerling', en: 'Per student' },
  'overview.filter.group': { nl: 'Groep', en: 'Group' },
  'overview.filter.channel': { nl: 'Kanaal', en: 'Channel' },
  'overview.filter.allChannels': { nl: 'Alle kanalen', en: 'All channels' },
  'overview.students.caption': { nl: 'Groep {group}: toestemming per leerling', en: 'Group {group}: consent per student' },
  'overview.students.captionChannel': { nl: 'Groep {group}: toestemming per leerling voor {channel}', en: 'Group {group}: consent per student for {channel}' },
  'overview.legend': { nl: 'Betekenis van de tekens', en: 'What the signs mean' },
  'overview.scrollHint': { nl: 'Op een smal scherm schuift de tabel opzij.', en: 'On a narrow screen the table scrolls sideways.' },
  'overview.state.agreed': { nl: 'alles ja', en: 'yes to all' },
  'overview.state.partly': { nl: 'deels', en: 'partly' },
  'overview.state.refused': { nl: 'ergens nee', en: 'a no somewhere' },
  'overview.state.noAnswer': { nl: 'geen antwoord', en: 'no answer' },
  'overview.empty': { nl: 'Deze school heeft nog geen leerlingen in Postwijzer.', en: 'This school has no students in Postwijzer yet.' },
  'round.title': { nl: 'Jaarlijkse toestemmingsronde', en: 'Yearly consent round' },
  'round.explain': {
    nl: 'Elk schooljaar vraagt de school opnieuw om toestemming. Ouders van leerlingen onder 16 en leerlingen vanaf 16 krijgen een e-mail met een eigen link naar de toestemmingspagina. Wie al in de app heeft gekozen, telt als beantwoord.',
    en: 'Every school year the school asks for consent again. Parents of students under 16 and students from 16 get an e-mail with a link of their own to the consent page. Who already chose in the app counts as answered.',
  },
  'round.none': { nl: 'De ronde voor schooljaar {year} is nog niet geopend.', en: 'The round for the {year} school year has not been opened yet.' },
  'round.open': { nl: 'Ronde {year} openen', en: 'Open the {year} round' },
  'round.confirm': { nl: 'Dit stuurt meteen een e-mail naar alle ouders en leerlingen vanaf 16. Doorgaan?', en: 'This sends an e-mail to every parent and every student from 16 at once. Go ahead?' },
  'round.confirmYes': { nl: 'Ja, verstuur de e-mails', en: 'Yes, send the e-mails' },
  'round.cancel': { nl: 'Annuleren', en: 'Cancel' },
  'round.opened': { nl: 'De ronde is geopend: {mailed} e-mails verstuurd, {without} mensen zonder e-mailadres.', en: 'The round is open: {mailed} e-mails sent, {without} people without an e-mail address.' },
  'round.openedOn': { nl: 'Geopend op {date}.', en: 'Opened on {date}.' },
  'round.progress': { nl: '{answered} van de {requests} hebben geantwoord', en: '{answered} of {requests} have answered' },
  'round.remind': { nl: 'Herinnering sturen aan wie nog niet antwoordde', en: 'Remind who has not answered' },
  'round.reminded': {
    nl: '{sent} herinnering(en) verstuurd. {skipped} overgeslagen: geen e-mailadres, of in de afgelopen 24 uur al gevraagd.',
    en: '{sent} reminder(s) sent. {skipped} skipped: no e-mail address, or asked in the last 24 hours.',
  },
  'round.who': { nl: 'Wie heeft geantwoord?', en: 'Who has answered?' },
  'round.onlyOpen': { nl: 'Alleen wie nog niet antwoordde', en: 'Only who has not answered' },
  'round.caption': { nl: 'Ouders en leerlingen in de ronde {year}', en: 'Parents and students in the {year} round' },
  'round.col.name': { nl: 'Naam', en: 'Name' },
  'round.col.email': { nl: 'E-mailadres bekend', en: 'E-mail address known' },
  'round.col.reminders': { nl: 'Herinneringen', en: 'Reminders' },
  'round.col.answered': { nl: 'Beantwoord', en: 'Answered' },
  'round.yes': { nl: 'ja', en: 'yes' },
  'round.no': { nl: 'nee', en: 'no' },
  'round.notYet': { nl: 'nog niet', en: 'not yet' },
  'takedown.title': { nl: 'Berichten weghalen', en: 'Posts to take down' },
  'takedown.explain': {
    nl: 'Zegt iemand nee na een eerder ja, dan staan hier de geplaatste berichten waarop die persoon te zien of te horen is. Haal het bericht weg en vink het daarna hier af.',
    en: 'When someone says no after an earlier yes, the published posts that show or let you hear that person are listed here. Take the post down, then tick it off here.',
  },
  'takedown.none': { nl: 'Er zijn geen berichten om weg te halen.', en: 'There are no posts to take down.' },
  'takedown.since': { nl: 'Gemeld op {date}', en: 'Listed on {date}' },
  'takedown.open': { nl: 'Open het bericht', en: 'Open the post' },
  'takedown.done': { nl: 'Is weggehaald', en: 'Has been taken down' },
  'takedown.doneFor': { nl: 'bericht met {name}', en: 'post with {name}' },
  'takedown.marked': { nl: 'Afgevinkt: het bericht met {name} staat nu als ingetrokken.', en: 'Ticked off: the post with {name} is now marked as withdrawn.' },
});

type Cell = ConsentStatus | 'no_answer';
const MEDIA: MediaKind[] = ['photo', 'video', 'audio'];
const SIGN: Record<Cell, string> = { granted: '✓', refused: '✗', revoked: '⊘', no_answer: '–' };

interface Student {
  id: string;
  name: string;
  consents: Record<string, Record<MediaKind, Cell>>;
}
interface Group {
  group: string;
  agreed: number;
  refused: number;
  partly: number;
  noAnswer: number;
  students: Student[];
}
interface Overview {
  schoolYear: string;
  channels: string[];
  groups: Group[];
}
interface Round {
  id: string;
  schoolYear: string;
  openedAt: string;
  requests: number;
  answered: number;
}
interface RoundStatus {
  responders: { id: string; name: string; email: boolean; reminders: number; answeredAt: string | null }[];
}
interface Task {
  id: string;
  personName: string;
  platform: string | null;
  excerpt: string;
  publishedUrl: string | null;
  createdAt: string;
}

function stateOf(s: Student): 'agreed' | 'partly' | 'refused' | 'noAnswer' {
  const values = Object.values(s.consents).flatMap((m) => Object.values(m));
  if (values.every((v) => v === 'no_answer')) return 'noAnswer';
  if (values.some((v) => v === 'refused' || v === 'revoked')) return 'refused';
  if (values.every((v) => v === 'granted')) return 'agreed';
  return 'partly';
}

function CellView({ value }: { value: Cell }) {
  const t = useT();
  return (
    <td className={`consent-cell ${value}`}>
      <span aria-hidden="true">{SIGN[value]}</span>
      <span className="sr-only">{t(`consent.status.${value}`)}</span>
    </td>
  );
}

function ConsentOverview() {
  const t = useT();
  const { school, can } = useSession();
  const schoolId = school?.id;
  const [overview, setOverview] = useState<Overview | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  const [channel, setChannel] = useState<string>('');
  const detailRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    if (!schoolId) return;
    try {
      const [o, ch] = await Promise.all([
        api<Overview>('GET', `/api/v1/schools/${schoolId}/consents`),
        api<{ names?: Record<string, string> }>('GET', `/api/v1/schools/${schoolId}/consent-channels`),
      ]);
      setOverview(o);
      setNames(ch.names ?? {});
      setGroup((g) => (g !== null && o.groups.some((x) => x.group === g) ? g : (o.groups[0]?.group ?? null)));
      setError(null);
    } catch {
      setError(t('common.error'));
    }
  }, [schoolId, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const groupName = (g: string) => g || t('overview.noGroup');
  const chName = (code: string) => channelName(t, code, names[code]);
  const current = overview?.groups.find((g) => g.group === group) ?? null;
  const channels = overview ? (channel ? [channel] : overview.channels) : [];

  return (
    <section className="consent-page page-wide">
      <h1>{t('nav.consents')}</h1>
      {error && <FormMessage kind="error">{error}</FormMessage>}
      {!overview && !error && <p>{t('common.loading')}</p>}
      {overview && (
        <>
          <p>{t('overview.lead', { year: overview.schoolYear })}</p>
          {overview.groups.length === 0 ? (
            <p>{t('overview.empty')}</p>
          ) : (
            <>
              <ScrollTable caption={t('overview.groups.caption')} className="counts">
                <thead>
                  <tr>
                    <th scope="col">{t('overview.col.group')}</th>
                    <th scope="col">{t('overview.col.agreed')}</th>
                    <th scope="col">{t('overview.col.partly')}</th>
                    <th scope="col">{t('overview.col.refused')}</th>
                    <th scope="col">{t('overview.col.noAnswer')}</th>
                    <th scope="col">{t('overview.col.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.groups.map((g) => (
                    <tr key={g.group} className={g.group === group ? 'selected' : undefined}>
                      <th scope="row">
                        <button
                          type="button"
                          className="link"
                          aria-pressed={g.group === group}
                          onClick={() => {
                            setGroup(g.group);
                            detailRef.current?.focus();
                          }}
                        >
                          {groupName(g.group)}
                        </button>
                      </th>
                      <td>{g.agreed}</td>
                      <td>{g.partly}</td>
                      <td>{g.refused}</td>
                      <td>{g.noAnswer}</td>
                      <td>{g.students.length}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>

              <h2 ref={detailRef} tabIndex={-1}>
                {t('overview.perStudent')}
              </h2>
              <div className="filters">
                <div className="field">
                  <label htmlFor="overview-group">{t('overview.filter.group')}</label>
                  <select id="overview-group" value={group ?? ''} onChange={(e) => setGroup(e.target.value)}>
                    {overview.groups.map((g) => (
                      <option key={g.group} value={g.group}>
                        {groupName(g.group)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="overview-channel">{t('overview.filter.channel')}</label>
                  <select id="overview-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
                    <option value="">{t('overview.filter.allChannels')}</option>
                    {overview.channels.map((c) => (
                      <option key={c} value={c}>
                        {chName(c)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              {current && (
                <>
                  <p className="hint">
                    {t('overview.col.agreed')}: {current.agreed} · {t('overview.col.partly')}: {current.partly} · {t('overview.col.refused')}: {current.refused} · {t('overview.col.noAnswer')}: {current.noAnswer}
                  </p>
                  <ScrollTable
                    caption={channel ? t('overview.students.captionChannel', { group: groupName(current.group), channel: chName(channel) }) : t('overview.students.caption', { group: groupName(current.group) })}
                    className="students"
                  >
                    <colgroup>
                      <col />
                      <col />
                    </colgroup>
                    {channels.map((c) => (
                      <colgroup key={c} span={MEDIA.length} className="channel" />
                    ))}
                    <thead>
                      <tr>
                        <th scope="col" rowSpan={2}>
                          {t('overview.col.student')}
                        </th>
                        <th scope="col" rowSpan={2}>
                          {t('overview.col.state')}
                        </th>
                        {channels.map((c) => (
                          <th scope="colgroup" colSpan={MEDIA.length} key={c}>
                            {chName(c)}
                          </th>
                        ))}
                      </tr>
                      <tr>
                        {channels.flatMap((c) =>
                          MEDIA.map((m) => (
                            <th scope="col" key={`${c}/${m}`} className="media">
                              {t(`consent.media.${m}`)}
                            </th>
                          )),
                        )}
                      </tr>
                    </thead>
                    <tbody>
                      {current.students.map((s) => {
                        const state = stateOf(s);
                        return (
                          <tr key={s.id}>
                            <th scope="row">{s.name}</th>
                            <td className={`consent-state ${state}`}>{t(`overview.state.${state}`)}</td>
                            {channels.flatMap((c) => MEDIA.map((m) => <CellView key={`${c}/${m}`} value={s.consents[c]?.[m] ?? 'no_answer'} />))}
                          </tr>
                        );
                      })}
                    </tbody>
                  </ScrollTable>
                  <p className="consent-legend">
                    <span className="sr-only">{t('overview.legend')}: </span>
                    {(['granted', 'refused', 'revoked', 'no_answer'] as const).map((v) => (
                      <span key={v} className={`consent-cell ${v}`}>
                        <span aria-hidden="true">{SIGN[v]}</span> {t(`consent.status.${v}`)}
                      </span>
                    ))}
                  </p>
                  <p className="hint">{t('overview.scrollHint')}</p>
                </>
              )}
            </>
          )}
          {can('consent.manage') && schoolId && (
            <>
              <RoundPanel schoolId={schoolId} schoolYear={overview.schoolYear} />
              <Takedowns schoolId={schoolId} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function RoundPanel({ schoolId, schoolYear }: { schoolId: string; schoolYear: string }) {
  const t = useT();
  const { lang } = useLang();
  const [round, setRound] = useState<Round | null | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [status, setStatus] = useState<RoundStatus | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    const { rounds } = await api<{ rounds: Round[] }>('GET', `/api/v1/schools/${schoolId}/consent-rounds`);
    const r = rounds.find((x) => x.schoolYear === schoolYear) ?? null;
    setRound(r);
    return r;
  }, [schoolId, schoolYear]);
  const loadStatus = useCallback(async (id: string) => setStatus(await api<RoundStatus>('GET', `/api/v1/schools/${schoolId}/consent-rounds/${id}`)), [schoolId]);
  useEffect(() => {
    load().catch(() => setMessage({ kind: 'error', text: t('common.error') }));
  }, [load, t]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const open = async () => {
    setBusy(true);
    try {
      const r = await api<{ mailed: number; withoutEmail: number }>('POST', `/api/v1/schools/${schoolId}/consent-rounds`, { schoolYear });
      setMessage({ kind: 'ok', text: t('round.opened', { mailed: r.mailed, without: r.withoutEmail }) });
      setConfirming(false);
      await load();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError && e.status === 400 ? e.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const remind = async () => {
    if (!round) return;
    setBusy(true);
    try {
      const r = await api<{ sent: number; skipped: number }>('POST', `/api/v1/schools/${schoolId}/consent-rounds/${round.id}/reminders`);
      setMessage({ kind: 'ok', text: t('round.reminded', { sent: r.sent, skipped: r.skipped }) });
      const fresh = await load();
      if (status && fresh) await loadStatus(fresh.id);
    } catch {
      setMessage({ kind: 'error', text: t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const responders = status ? status.responders.filter((r) => !onlyOpen || !r.answeredAt) : [];
  return (
    <section className="consent-manage" aria-labelledby="round-title">
      <h2 id="round-title">{t('round.title')}</h2>
      <p>{t('round.explain')}</p>
      {round === null && (
        <>
          <p>{t('round.none', { year: schoolYear })}</p>
          {!confirming ? (
            <button type="button" onClick={() => setConfirming(true)}>
              {t('round.open', { year: schoolYear })}
            </button>
          ) : (
            <div className="confirm">
              <p>{t('round.confirm')}</p>
              <p className="button-row">
                <button type="button" ref={confirmRef} disabled={busy} onClick={open}>
                  {t('round.confirmYes')}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                  {t('round.cancel')}
                </button>
              </p>
            </div>
          )}
        </>
      )}
      {round && (
        <>
          <p>{t('round.openedOn', { date: longDate(lang, round.openedAt) })}</p>
          <p>
            <label htmlFor="round-progress" className="progress-label">
              {t('round.progress', { answered: round.answered, requests: round.requests })}
            </label>
            <progress id="round-progress" value={round.answered} max={Math.max(round.requests, 1)} />
          </p>
          <p>
            <button type="button" disabled={busy} onClick={remind}>
              {t('round.remind')}
            </button>
          </p>
        </>
      )}
      <p role={message?.kind === 'error' ? 'alert' : 'status'} className={`form-message ${message?.kind ?? ''}`}>
        {message?.text ?? null}
      </p>
      {round && (
        <details
          className="consent-history"
          onToggle={(e) => {
            if ((e.target as HTMLDetailsElement).open && !status) void loadStatus(round.id).catch(() => setMessage({ kind: 'error', text: t('common.error') }));
          }}
        >
          <summary>{t('round.who')}</summary>
          <div className="field checkbox">
            <label>
              <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} /> {t('round.onlyOpen')}
            </label>
          </div>
          {!status ? (
            <p>{t('common.loading')}</p>
          ) : (
            <ScrollTable caption={t('round.caption', { year: schoolYear })} className="responders">
              <thead>
                <tr>
                  <th scope="col">{t('round.col.name')}</th>
                  <th scope="col">{t('round.col.email')}</th>
                  <th scope="col">{t('round.col.reminders')}</th>
                  <th scope="col">{t('round.col.answered')}</th>
                </tr>
              </thead>
              <tbody>
                {responders.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td>{r.email ? t('round.yes') : t('round.no')}</td>
                    <td>{r.reminders}</td>
                    <td>{r.answeredAt ? longDate(lang, r.answeredAt) : t('round.notYet')}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )}
        </details>
      )}
    </section>
  );
}

function Takedowns({ schoolId }: { schoolId: string }) {
  const t = useT();
  const { lang } = useLang();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const load = useCallback(async () => setTasks((await api<{ tasks: Task[] }>('GET', `/api/v1/schools/${schoolId}/takedowns`)).tasks), [schoolId]);
  useEffect(() => {
    load().catch(() => setMessage({ kind: 'error', text: t('common.error') }));
  }, [load, t]);

  const done = async (task: Task) => {
    try {
      await api('POST', `/api/v1/schools/${schoolId}/takedowns/${task.id}/done`);
      setMessage({ kind: 'ok', text: t('takedown.marked', { name: task.personName }) });
      await load();
      headingRef.current?.focus();
    } catch {
      setMessage({ kind: 'error', text: t('common.error') });
    }
  };

  return (
    <section className="consent-manage" aria-labelledby="takedown-title">
      <h2 id="takedown-title" ref={headingRef} tabIndex={-1}>
        {t('takedown.title')}
      </h2>
      <p>{t('takedown.explain')}</p>
      <p role={message?.kind === 'error' ? 'alert' : 'status'} className={`form-message ${message?.kind ?? ''}`}>
        {message?.text ?? null}
      </p>
      {tasks && tasks.length === 0 && <p>{t('takedown.none')}</p>}
      {tasks && tasks.length > 0 && (
        <ul className="takedowns">
          {tasks.map((task) => (
            <li key={task.id}>
              <p>
                <strong>{task.personName}</strong>
                {task.platform ? ` · ${task.platform}` : ''}
              </p>
              {task.excerpt && <blockquote>{task.excerpt}</blockquote>}
              <p className="hint">{t('takedown.since', { date: longDate(lang, task.createdAt) })}</p>
              <p className="button-row">
                {task.publishedUrl && (
                  <a className="button secondary" href={task.publishedUrl} target="_blank" rel="noreferrer noopener">
                    {t('takedown.open')}
                  </a>
                )}
                <button type="button" aria-label={`${t('takedown.done')}: ${t('takedown.doneFor', { name: task.personName })}`} onClick={() => done(task)}>
                  {t('takedown.done')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

registerPage({
  path: '/toestemmingen',
  label: 'nav.consents',
  allowed: (can) => can('consent.overview'),
  render: () => <ConsentOverview />,
});
