// /mijn-toestemmingen: a parent decides per child, channel and kind (photo, film, sound) what the
// school may share; a student from 16 and an employee decide for themselves. Each choice is saved
// through the registry (POST .../people/:personId/consents): "ja" is granted, "nee" after "ja" is
// a revocation (effective at once), "nee" otherwise a refusal. The history stays visible.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { api } from '../api.ts';
import { FormMessage } from '../components/Field.tsx';
import { addTexts, useLang, useT } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import type { ConsentStatus, MediaKind } from './consent-texts.ts';
import { channelName, longDate } from './consent-texts.ts';
import { registerPage } from './registry.tsx';
import './consent.css';

addTexts({
  'nav.mySelfConsents': { nl: 'Mijn toestemming', en: 'My consent' },
  'mine.lead.parent': {
    nl: "Op school maken we soms foto's, filmpjes of geluidsopnames, bijvoorbeeld bij een schoolreis of de musical. Hier kiest u per kanaal of uw kind daarin te zien of te horen mag zijn.",
    en: 'At school we sometimes take photos, film or sound recordings, for example on a school trip or at the musical. Here you choose per channel whether your child may be seen or heard in them.',
  },
  'mine.lead.self': {
    nl: "Op school maken we soms foto's, filmpjes of geluidsopnames. Hier kies je per kanaal of jij daarin te zien of te horen mag zijn.",
    en: 'At school we sometimes take photos, film or sound recordings. Here you choose per channel whether you may be seen or heard in them.',
  },
  'mine.lead.readOnly': {
    nl: "Hier zie je wat er geldt voor foto's, film en geluid waarop jij te zien of te horen bent.",
    en: 'Here you see what counts for photos, film and sound in which you can be seen or heard.',
  },
  'mine.rule.yesNo.parent': {
    nl: 'Ja: de school mag het via dat kanaal delen. Nee, of niets gekozen: dan deelt de school daar niets van uw kind.',
    en: 'Yes: the school may share it on that channel. No, or nothing chosen: the school shares nothing of your child there.',
  },
  'mine.rule.yesNo.self': {
    nl: 'Ja: de school mag het via dat kanaal delen. Nee, of niets gekozen: dan deelt de school daar niets van jou.',
    en: 'Yes: the school may share it on that channel. No, or nothing chosen: the school shares nothing of you there.',
  },
  'mine.rule.change.parent': {
    nl: 'U kunt uw keuze altijd veranderen. Een nee na een eerder ja geldt meteen: de school haalt berichten waarop uw kind te zien is weg.',
    en: 'You can change your choice at any time. If you say no after an earlier yes, it counts at once: the school takes down posts that show your child.',
  },
  'mine.rule.change.self': {
    nl: 'Je kunt je keuze altijd veranderen. Een nee na een eerder ja geldt meteen: de school haalt berichten waarop jij te zien bent weg.',
    en: 'You can change your choice at any time. If you say no after an earlier yes, it counts at once: the school takes down posts that show you.',
  },
  'mine.rule.year': { nl: 'De keuze geldt voor schooljaar {year}. Elk schooljaar vraagt de school het opnieuw.', en: 'The choice counts for the {year} school year. The school asks again every year.' },
  'mine.none.parent': { nl: 'Er staan op deze school geen kinderen onder uw naam. Klopt dat niet? Neem contact op met de school.', en: 'No children are listed under your name at this school. Is that not right? Please contact the school.' },
  'mine.none.self': { nl: 'Er is hier niets voor je om te kiezen.', en: 'There is nothing for you to choose here.' },
  'mine.yes': { nl: 'Ja', en: 'Yes' },
  'mine.no': { nl: 'Nee', en: 'No' },
  'mine.notChosen': { nl: 'Nog niet gekozen', en: 'Not chosen yet' },
  'mine.unsaved': { nl: 'Nog niet opgeslagen', en: 'Not saved yet' },
  'mine.pending': { nl: '{n} wijziging(en) nog niet opgeslagen.', en: '{n} change(s) not saved yet.' },
  'mine.save.child': { nl: 'Keuze voor {name} opslaan', en: 'Save the choice for {name}' },
  'mine.save.self': { nl: 'Mijn keuze opslaan', en: 'Save my choice' },
  'mine.saving': { nl: 'Bezig met opslaan…', en: 'Saving…' },
  'mine.saved': { nl: 'Opgeslagen. Dit geldt vanaf nu voor {name}:', en: 'Saved. From now on this counts for {name}:' },
  'mine.nothingChanged': { nl: 'Er was niets veranderd, dus er is niets opgeslagen.', en: 'Nothing had changed, so nothing was saved.' },
  'mine.partlySaved': { nl: 'Niet alles is opgeslagen. Kijk hieronder wat nu geldt en probeer het opnieuw.', en: 'Not everything was saved. See below what counts now and try again.' },
  'mine.readOnly.sixteen': {
    nl: '{name} is 16 jaar of ouder en beslist nu zelf over foto’s, film en geluid. Dit geldt nu:',
    en: '{name} is 16 or older and now decides about photos, film and sound themselves. This counts now:',
  },
  'mine.readOnly.parents': {
    nl: 'Tot je 16e beslissen je ouders of verzorgers over foto’s, film en geluid van jou. Dit hebben zij gekozen:',
    en: 'Until you are 16 your parents or carers decide about photos, film and sound of you. This is what they chose:',
  },
  'mine.history': { nl: 'Wat ik eerder koos', en: 'What I chose before' },
  'mine.history.others': { nl: 'Wat eerder is gekozen', en: 'What was chosen before' },
  'mine.history.intro': { nl: 'Alle keuzes, de nieuwste bovenaan. Niemand kan ze achteraf veranderen.', en: 'Every choice, newest first. Nobody can change them afterwards.' },
  'mine.history.empty': { nl: 'Er is nog niets gekozen.', en: 'Nothing has been chosen yet.' },
  'mine.by.me.parent': { nl: 'door u', en: 'by you' },
  'mine.by.me.self': { nl: 'door jou', en: 'by you' },
  'mine.by.other': { nl: 'door {name}', en: 'by {name}' },
  'mine.by.school': { nl: 'via de school', en: 'through the school' },
  'mine.history.year': { nl: 'schooljaar {year}', en: 'school year {year}' },
});

interface Channel {
  code: string;
  name: string | null;
  standard: boolean;
}

interface Person {
  id: string;
  name: string;
  group: string | null;
  relation: 'child' | 'self';
  decider: 'guardian' | 'self';
  decides: boolean;
  current: { channel: string; media: MediaKind; status: ConsentStatus; recordedAt: string }[];
  history: { id: number; channel: string; media: MediaKind; schoolYear: string; status: ConsentStatus; method: string; recordedAt: string; givenByName: string | null; byMe: boolean }[];
}

interface Mine {
  schoolYear: string;
  media: MediaKind[];
  channels: Channel[];
  people: Person[];
}

type Choice = 'granted' | 'refused';
const keyOf = (channel: string, media: string) => `${channel}/${media}`;
const asChoice = (s: ConsentStatus | undefined): Choice | undefined => (s === 'granted' ? 'granted' : s ? 'refused' : undefined);

function MyConsents() {
  const t = useT();
  const { school } = useSession();
  const [data, setData] = useState<Mine | null>(null);
  const [error, setError] = useState<string | null>(null);
  const schoolId = school?.id;
  const load = useCallback(async () => {
    if (!schoolId) return;
    try {
      setData(await api<Mine>('GET', `/api/v1/schools/${schoolId}/consents/mine`));
      setError(null);
    } catch {
      setError(t('common.error'));
    }
  }, [schoolId, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const parent = school?.roles.includes('guardian') ?? false;
  const form = parent ? 'parent' : 'self';
  // Nobody here to decide for (a student under 16): what counts, without the how-to.
  const readOnly = !!data && data.people.length > 0 && data.people.every((p) => !p.decides);
  return (
    <section className="consent-page">
      <h1>{t(parent ? 'nav.myConsents' : 'nav.mySelfConsents')}</h1>
      {readOnly ? (
        <p>{t('mine.lead.readOnly')}</p>
      ) : (
        <>
          <p>{t(`mine.lead.${form}`)}</p>
          <ul className="consent-rules">
            <li>{t(`mine.rule.yesNo.${form}`)}</li>
            <li>{t(`mine.rule.change.${form}`)}</li>
            {data && <li>{t('mine.rule.year', { year: data.schoolYear })}</li>}
          </ul>
        </>
      )}
      {error && <FormMessage kind="error">{error}</FormMessage>}
      {!data && !error && <p>{t('common.loading')}</p>}
      {data && data.people.length === 0 && <p>{t(`mine.none.${form}`)}</p>}
      {data?.people.map((p) => <PersonConsents key={p.id} person={p} mine={data} schoolId={schoolId!} form={form} onSaved={load} />)}
    </section>
  );
}

function PersonConsents({ person, mine, schoolId, form, onSaved }: { person: Person; mine: Mine; schoolId: string; form: 'parent' | 'self'; onSaved: () => Promise<void> }) {
  const t = useT();
  const { lang } = useLang();
  const headingId = useId();
  const initial = useMemo(() => Object.fromEntries(person.current.map((c) => [keyOf(c.channel, c.media), asChoice(c.status)])) as Record<string, Choice | undefined>, [person.current]);
  const [choices, setChoices] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; lines: string[]; text: string } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => setChoices(initial), [initial]);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const statusOf = (channel: string, media: string) => person.current.find((c) => c.channel === channel && c.media === media)?.status;
  const ownName = new Map(mine.channels.map((c) => [c.code, c.name]));
  const chName = (code: string) => channelName(t, code, ownName.get(code));
  const title = person.relation === 'self' ? person.name : `${person.name}${person.group ? ` (${t('consent.group', { group: person.group })})` : ''}`;

  // What would change: "nee" after "ja" withdraws the consent, otherwise it is a refusal.
  const changes = mine.channels.flatMap((ch) =>
    mine.media.flatMap((m) => {
      const chosen = choices[keyOf(ch.code, m)];
      const before = statusOf(ch.code, m);
      if (!chosen || chosen === asChoice(before)) return [];
      const status: ConsentStatus = chosen === 'granted' ? 'granted' : before === 'granted' ? 'revoked' : 'refused';
      return [{ channel: ch.code, media: m, status }];
    }),
  );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!changes.length) {
      setResult({ kind: 'ok', lines: [], text: t('mine.nothingChanged') });
      return;
    }
    setBusy(true);
    // One request per channel and answer, with the media kinds it covers.
    const batches = new Map<string, { channel: string; status: ConsentStatus; media: MediaKind[] }>();
    for (const c of changes) {
      const k = `${c.channel}/${c.status}`;
      const b = batches.get(k) ?? { channel: c.channel, status: c.status, media: [] };
      b.media.push(c.media);
      batches.set(k, b);
    }
    const lines = changes.map((c) => `${chName(c.channel)}, ${t(`consent.media.${c.media}`).toLowerCase()}: ${t(`consent.status.${c.status}`)}`);
    let failed = false;
    for (const b of batches.values()) {
      try {
        await api('POST', `/api/v1/schools/${schoolId}/people/${person.id}/consents`, { channel: b.channel, media: b.media, status: b.status, schoolYear: mine.schoolYear });
      } catch {
        failed = true;
      }
    }
    await onSaved().catch(() => {});
    setBusy(false);
    setResult(failed ? { kind: 'error', lines: [], text: t('mine.partlySaved') } : { kind: 'ok', lines, text: t('mine.saved', { name: person.relation === 'self' ? (lang === 'nl' ? 'jou' : 'you') : person.name }) });
  };

  const by = (h: Person['history'][number]) => (h.byMe ? t(`mine.by.me.${form}`) : h.givenByName ? t('mine.by.other', { name: h.givenByName }) : t('mine.by.school'));

  return (
    <section className="consent-person" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {person.decides ? (
        <form onSubmit={submit} noValidate>
          {mine.channels.map((ch) => (
            <div className="consent-channel" key={ch.code}>
              <h3 id={`${headingId}-${ch.code}`}>{chName(ch.code)}</h3>
              <p className="hint">{t(ch.standard ? `consent.explain.${ch.code}` : 'consent.explain.own')}</p>
              {mine.media.map((m) => {
                const k = keyOf(ch.code, m);
                const chosen = choices[k];
                const changed = chosen !== undefined && chosen !== asChoice(statusOf(ch.code, m));
                const labelId = `${headingId}-${ch.code}-${m}`;
                return (
                  <div className="consent-choice" role="radiogroup" aria-labelledby={`${headingId}-${ch.code} ${labelId}`} key={m}>
                    <span className="consent-choice-label">
                      <span id={labelId}>{t(`consent.media.${m}`)}</span>
                      {m === 'audio' && <span className="hint"> ({t('consent.media.audio.hint')})</span>}
                      {chosen === undefined && <span className="consent-note">{t('mine.notChosen')}</span>}
                      {changed && <span className="consent-note changed">{t('mine.unsaved')}</span>}
                    </span>
                    <span className="yesno">
                      {(['granted', 'refused'] as const).map((value) => (
                        <label key={value} className={value === 'granted' ? 'yes' : 'no'}>
                          <input
                            type="radio"
                            name={`${person.id}/${k}`}
                            value={value}
                            checked={chosen === value}
                            onChange={() => {
                              setChoices((c) => ({ ...c, [k]: value }));
                              setResult(null);
                            }}
                          />
                          {t(value === 'granted' ? 'mine.yes' : 'mine.no')}
                        </label>
                      ))}
                    </span>
                  </div>
                );
              })}
            </div>
          ))}
          <div className="consent-actions">
            <button type="submit" disabled={busy}>
              {busy ? t('mine.saving') : person.relation === 'self' ? t('mine.save.self') : t('mine.save.child', { name: person.name.split(' ')[0]! })}
            </button>
            {changes.length > 0 && <span className="hint">{t('mine.pending', { n: changes.length })}</span>}
          </div>
          <div ref={resultRef} tabIndex={-1} role={result?.kind === 'error' ? 'alert' : 'status'} className={result ? `consent-result ${result.kind}` : 'consent-result'}>
            {result && (
              <>
                <p>{result.text}</p>
                {result.lines.length > 0 && (
                  <ul>
                    {result.lines.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </div>
        </form>
      ) : (
        <>
          <p>{person.relation === 'self' ? t('mine.readOnly.parents') : t('mine.readOnly.sixteen', { name: person.name.split(' ')[0]! })}</p>
          <ul className="consent-readonly">
            {mine.channels.map((ch) => (
              <li key={ch.code}>
                <strong>{chName(ch.code)}</strong>: {mine.media.map((m) => `${t(`consent.media.${m}`).toLowerCase()} ${t(`consent.status.${statusOf(ch.code, m) ?? 'no_answer'}`)}`).join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="consent-history">
        <summary>
          {t(person.decides ? 'mine.history' : 'mine.history.others')} ({person.history.length})
        </summary>
        {person.history.length === 0 ? (
          <p>{t('mine.history.empty')}</p>
        ) : (
          <>
            <p className="hint">{t('mine.history.intro')}</p>
            <ol>
              {person.history.map((h) => (
                <li key={h.id}>
                  <time dateTime={h.recordedAt}>{longDate(lang, h.recordedAt)}</time>: {chName(h.channel)}, {t(`consent.media.${h.media}`).toLowerCase()}: <strong>{t(`consent.status.${h.status}`)}</strong>{' '}
                  <span className="hint">
                    ({by(h)}, {t(`consent.method.${h.method}`)}
                    {h.schoolYear !== mine.schoolYear ? `, ${t('mine.history.year', { year: h.schoolYear })}` : ''})
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
      </details>
    </section>
  );
}

// Guardians (for their children), students and staff with a roster person (for themselves). One
// path, two names: a parent sees "Toestemming voor mijn kind", everyone else "Mijn toestemming".
const isParent = (school: { roles: string[] } | null) => school?.roles.includes('guardian') ?? false;
registerPage({
  path: '/mijn-toestemmingen',
  label: 'nav.myConsents',
  allowed: (can, school) => can('consent.mine') && isParent(school),
  render: () => <MyConsents />,
});
registerPage({
  path: '/mijn-toestemmingen',
  label: 'nav.mySelfConsents',
  allowed: (can, school) => can('consent.mine') && !isParent(school) && !!school?.personId,
  render: () => <MyConsents />,
});
