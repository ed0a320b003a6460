// Words shared by the consent pages (/mijn-toestemmingen and /toestemmingen): the channels with
// what they mean in plain words, the media kinds, the answers, and how an answer was given.
import { addTexts } from '../i18n.tsx';

export type MediaKind = 'photo' | 'video' | 'audio';
export type ConsentStatus = 'granted' | 'refused' | 'revoked';
export const STANDARD_CHANNELS = ['school_social_media', 'school_website', 'newsletter', 'personal_social_media'] as const;

addTexts({
  'consent.channel.school_social_media': { nl: 'Sociale media van de school', en: "The school's social media" },
  'consent.channel.school_website': { nl: 'Website van de school', en: "The school's website" },
  'consent.channel.newsletter': { nl: 'Nieuwsbrief', en: 'Newsletter' },
  'consent.channel.personal_social_media': { nl: 'Sociale media van medewerkers', en: "Staff's own social media" },
  'consent.explain.school_social_media': {
    nl: 'Berichten op de Facebook-, Instagram- of andere accounts van de school. Iedereen kan ze zien en doorsturen.',
    en: "Posts on the school's Facebook, Instagram or other accounts. Anyone can see and share them.",
  },
  'consent.explain.school_website': { nl: 'De openbare website van de school. Iedereen kan hem bekijken.', en: "The school's public website. Anyone can look at it." },
  'consent.explain.newsletter': { nl: 'De nieuwsbrief die de school aan ouders stuurt, per e-mail of in de ouder-app.', en: 'The newsletter the school sends to parents, by e-mail or in the parents’ app.' },
  'consent.explain.personal_social_media': {
    nl: 'Een leerkracht of andere medewerker deelt iets op een eigen account, bijvoorbeeld LinkedIn of Instagram. Dat mag alleen met toestemming.',
    en: 'A teacher or other member of staff shares something on their own account, for example LinkedIn or Instagram. Only allowed with consent.',
  },
  'consent.explain.own': { nl: 'Een kanaal van de school zelf.', en: "One of the school's own channels." },
  'consent.media.photo': { nl: "Foto's", en: 'Photos' },
  'consent.media.video': { nl: 'Film', en: 'Film' },
  'consent.media.audio': { nl: 'Geluid', en: 'Sound' },
  'consent.media.audio.hint': { nl: 'bijvoorbeeld een podcast of opname', en: 'for example a podcast or recording' },
  'consent.status.granted': { nl: 'ja', en: 'yes' },
  'consent.status.refused': { nl: 'nee', en: 'no' },
  'consent.status.revoked': { nl: 'nee (ingetrokken)', en: 'no (withdrawn)' },
  'consent.status.no_answer': { nl: 'geen antwoord', en: 'no answer' },
  'consent.method.portal': { nl: 'online', en: 'online' },
  'consent.method.form': { nl: 'met het formulier', en: 'on the form' },
  'consent.method.paper': { nl: 'op papier', en: 'on paper' },
  'consent.method.import': { nl: 'overgenomen uit het vorige systeem van school', en: "taken over from the school's previous system" },
  'consent.method.staff': { nl: 'door de school vastgelegd', en: 'recorded by the school' },
  'consent.group': { nl: 'groep {group}', en: 'group {group}' },
});

/** The name of a channel: the four standard ones in the chosen language, a school's own by its name. */
export function channelName(t: (key: string) => string, code: string, own?: string | null): string {
  return (STANDARD_CHANNELS as readonly string[]).includes(code) ? t(`consent.channel.${code}`) : (own ?? code);
}

/** A date (or a timestamp) as people write it: 26 november 2026. */
export function longDate(lang: 'nl' | 'en', value: string | Date): string {
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}
