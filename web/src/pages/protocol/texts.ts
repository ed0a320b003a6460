// Words of the protocol pages (/protocol and /protocol/bevestigingen) and of the prompt on the
// start page, Dutch first.
import { addTexts } from '../../i18n.tsx';

addTexts({
  'nav.protocol': { nl: 'Protocol', en: 'Protocol' },
  'nav.protocolAcks': { nl: 'Bevestigingen protocol', en: 'Protocol confirmations' },
  'acks.title': { nl: 'Wie heeft het protocol bevestigd?', en: 'Who confirmed the protocol?' },
  'protocol.title': { nl: 'Protocol sociale media', en: 'Social media protocol' },
  'protocol.lead': {
    nl: 'De afspraken over sociale media van {board}. Hieronder staan de artikelen in het kort, in onze eigen woorden, met hun nummer. Wat echt geldt, staat in het officiële document van het bestuur.',
    en: 'The social media rules of {board}. Below are the articles in short, in our own words, with their numbers. What really applies is in the board’s official document.',
  },
  'protocol.current': { nl: 'Huidige versie: {version}', en: 'Current version: {version}' },
  'protocol.adopted': { nl: 'Vastgesteld door het bestuur op {date}.', en: 'Adopted by the board on {date}.' },
  'protocol.changed': { nl: 'Wat is er veranderd?', en: 'What changed?' },
  'protocol.download': { nl: 'Download het officiële document (PDF, {size})', en: 'Download the official document (PDF, {size})' },
  'protocol.noVersion': {
    nl: 'Het bestuur heeft nog geen versie met het officiële document in Postwijzer gezet. De artikelen hieronder gelden wel.',
    en: 'The board has not put a version with the official document in Postwijzer yet. The articles below do apply.',
  },
  'protocol.chapters': { nl: 'De artikelen', en: 'The articles' },
  'protocol.ack.title': { nl: 'Bevestig dat je het protocol kent', en: 'Confirm that you know the protocol' },
  'protocol.ack.explain': {
    nl: 'Iedere medewerker bevestigt elke versie één keer. Je bent zelf verantwoordelijk voor wat je plaatst (A.3), en wat je plaatst blijft vindbaar (A.4).',
    en: 'Every member of staff confirms each version once. You are responsible for what you post (A.3), and what you post stays findable (A.4).',
  },
  'protocol.ack.check': { nl: 'Ik heb het protocol gelezen en houd me eraan', en: 'I have read the protocol and keep to it' },
  'protocol.ack.submit': { nl: 'Bevestigen', en: 'Confirm' },
  'protocol.ack.needCheck': { nl: 'Zet eerst het vinkje: dan weten we dat je het gelezen hebt.', en: 'Tick the box first: then we know you have read it.' },
  'protocol.ack.done': { nl: 'Je hebt versie {version} bevestigd op {date}. Dank je wel.', en: 'You confirmed version {version} on {date}. Thank you.' },
  'protocol.ack.notStaff': {
    nl: 'Leerlingen en ouders hoeven niets te bevestigen: het protocol geldt wel ook voor jullie.',
    en: 'Students and parents do not need to confirm anything: the protocol does apply to you too.',
  },
  'protocol.ack.noPerson': {
    nl: 'Je account hoort niet bij een medewerker in het rooster van deze school, dus je hoeft hier niets te bevestigen.',
    en: 'Your account is not linked to an employee on this school’s roster, so there is nothing for you to confirm here.',
  },
  'protocol.history': { nl: 'Alle versies', en: 'All versions' },
  'protocol.history.caption': { nl: 'Alle versies van het protocol', en: 'All versions of the protocol' },
  'protocol.col.version': { nl: 'Versie', en: 'Version' },
  'protocol.col.adopted': { nl: 'Vastgesteld', en: 'Adopted' },
  'protocol.col.summary': { nl: 'Wat is er veranderd', en: 'What changed' },
  'protocol.col.document': { nl: 'Document', en: 'Document' },
  'protocol.currentMark': { nl: '(huidige versie)', en: '(current version)' },
  'protocol.pdf': { nl: 'PDF, versie {version}', en: 'PDF, version {version}' },
  'protocol.none': { nl: 'geen', en: 'none' },
  'protocol.publish.title': { nl: 'Nieuwe versie publiceren', en: 'Publish a new version' },
  'protocol.publish.explain': {
    nl: 'Alleen het bestuur. De nieuwe versie wordt meteen de huidige versie voor alle scholen van het bestuur, en alle medewerkers wordt gevraagd haar opnieuw te bevestigen.',
    en: 'Board only. The new version becomes the current version for all of the board’s schools at once, and every member of staff is asked to confirm it again.',
  },
  'protocol.publish.label': { nl: 'Naam van de versie', en: 'Name of the version' },
  'protocol.publish.labelHint': { nl: 'Bijvoorbeeld 2026-1.', en: 'For example 2026-1.' },
  'protocol.publish.date': { nl: 'Datum waarop het bestuur deze versie vaststelde', en: 'Date the board adopted this version' },
  'protocol.publish.summary': { nl: 'Wat is er veranderd? (kort)', en: 'What changed? (short)' },
  'protocol.publish.file': { nl: 'Het officiële document (PDF, hooguit {mb} MB)', en: 'The official document (PDF, at most {mb} MB)' },
  'protocol.publish.submit': { nl: 'Versie publiceren', en: 'Publish version' },
  'protocol.publish.noFile': { nl: 'Kies het PDF-bestand van het officiële document.', en: 'Choose the PDF file of the official document.' },
  'protocol.publish.tooLarge': { nl: 'Dit bestand is te groot: hooguit {mb} MB.', en: 'This file is too large: at most {mb} MB.' },
  'protocol.publish.done': { nl: 'Versie {version} is gepubliceerd en is nu de huidige versie.', en: 'Version {version} has been published and is now the current version.' },
  'protocol.chapter': { nl: 'Hoofdstuk {section}: {title}', en: 'Chapter {section}: {title}' },
  'prompt.title': { nl: 'Lees en bevestig het protocol sociale media', en: 'Read and confirm the social media protocol' },
  'prompt.text': {
    nl: 'Er is een versie van het protocol ({version}) die je nog niet hebt bevestigd. Het kost een paar minuten.',
    en: 'There is a version of the protocol ({version}) that you have not confirmed yet. It takes a few minutes.',
  },
  'prompt.link': { nl: 'Naar het protocol', en: 'Go to the protocol' },
  'acks.lead': {
    nl: 'Wie van de medewerkers van {school} versie {version} van het protocol heeft bevestigd. Medewerkers zijn de mensen in het rooster met een aanstelling op deze school.',
    en: 'Which of the staff of {school} have confirmed version {version} of the protocol. Staff are the people on the roster employed at this school.',
  },
  'acks.noVersion': { nl: 'Het bestuur heeft nog geen versie gepubliceerd: er is nog niets te bevestigen.', en: 'The board has not published a version yet: there is nothing to confirm.' },
  'acks.rate': { nl: '{done} van de {total} medewerkers hebben bevestigd ({percent}%).', en: '{done} of the {total} staff have confirmed ({percent}%).' },
  'acks.unreachable': {
    nl: '{n} medewerker(s) zonder account of e-mailadres: niet bereikbaar per e-mail. Spreek ze zelf aan.',
    en: '{n} member(s) of staff without an account or e-mail address: not reachable by e-mail. Talk to them yourself.',
  },
  'acks.remindAll': { nl: 'Herinnering sturen aan iedereen die nog niet bevestigde', en: 'Remind everyone who has not confirmed' },
  'acks.remindOne': { nl: 'Herinnering', en: 'Remind' },
  'acks.remindOneFor': { nl: 'Herinnering sturen aan {name}', en: 'Send a reminder to {name}' },
  'acks.reminded': {
    nl: '{sent} herinnering(en) verstuurd. {skipped} overgeslagen: vandaag al herinnerd. {unreachable} niet bereikbaar per e-mail.',
    en: '{sent} reminder(s) sent. {skipped} skipped: reminded today already. {unreachable} not reachable by e-mail.',
  },
  'acks.onlyOpen': { nl: 'Alleen wie nog niet bevestigde', en: 'Only who has not confirmed' },
  'acks.caption': { nl: 'Medewerkers en versie {version}', en: 'Staff and version {version}' },
  'acks.col.name': { nl: 'Naam', en: 'Name' },
  'acks.col.function': { nl: 'Functie', en: 'Job' },
  'acks.col.confirmed': { nl: 'Bevestigd', en: 'Confirmed' },
  'acks.col.reminders': { nl: 'Herinneringen', en: 'Reminders' },
  'acks.col.action': { nl: 'Actie', en: 'Action' },
  'acks.notYet': { nl: 'nog niet', en: 'not yet' },
  'acks.notReachable': { nl: 'niet bereikbaar per e-mail', en: 'not reachable by e-mail' },
  'acks.remindedToday': { nl: 'vandaag herinnerd', en: 'reminded today' },
  'acks.lastReminded': { nl: '{n}, laatst {date}', en: '{n}, last {date}' },
  'acks.empty': { nl: 'Deze school heeft nog geen medewerkers in Postwijzer.', en: 'This school has no staff in Postwijzer yet.' },
  'acks.allDone': { nl: 'Iedereen heeft bevestigd.', en: 'Everyone has confirmed.' },
});

/** A date (or a timestamp) as people write it: 26 november 2026. */
export function longDate(lang: 'nl' | 'en', value: string | Date): string {
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(d);
}

/** A file size people read: 1,2 MB, 840 kB. */
export function fileSize(lang: 'nl' | 'en', bytes: number): string {
  const fmt = (n: number) => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
  return bytes >= 1024 * 1024 ? `${fmt(bytes / (1024 * 1024))} MB` : `${fmt(Math.max(1, Math.round(bytes / 1024)))} kB`;
}

export const MAX_DOCUMENT_MB = 10;

export interface Text {
  nl: string;
  en: string;
}
export interface Version {
  id: string;
  version: string;
  adoptedOn: string | null;
  summary: string | null;
  current: boolean;
  publishedAt: string;
  document: { fileName: string; size: number; sha256: string } | null;
}
export interface ProtocolView {
  board: { id: string; name: string };
  protocol: { id: string; name: string };
  chapters: { section: string; title: Text; articles: { id: string; title: Text; summary: Text }[] }[];
  current: Version | null;
  versions: Version[];
  me: { expected: boolean; acknowledgedAt: string | null };
}

export const documentUrl = (schoolId: string, versionId: string) => `/api/v1/schools/${schoolId}/protocol/versions/${versionId}/document`;
