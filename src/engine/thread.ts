// The derailing signal (article B.2): is an online conversation getting out of hand, and which
// messages drive it? Pure TypeScript, no I/O: it runs on the server, in the CLI and in the browser.
//
// A thread is JSON: { "messages": [{ "author", "at", "text", "replyTo"? }], "employees"?: [names],
// "students"?: [names] }. Every message is read once: detectAbuse (A.7) says whether it is
// abusive; a small lexicon of our own, shouting and exclamation marks say whether it is hostile
// without being abusive; and a target is looked for (a listed employee or student, "juf/meester +
// name", "de leerkracht", "die directeur", "dat kind", a capitalised name, or "you" = the person
// it replies to). Then four signals over the thread, in time order:
//   - hostile majority: at least 3 of the last 6 messages are hostile          → derailing
//   - rising: the later half has ≥ 2 hostile messages and a share ≥ 0.3 higher  → watch
//   - pile-on: ≥ 3 different authors go at the same person within 24 hours     → derailing
//     (2 authors: the pile-on is forming                                       → watch)
//   - an abusive message aimed at an employee                                   → derailing
//   - a possible crime (threat, accusation of a crime, sextortion, doxxing)     → derailing
// docs/check-engine.md, "The derailing signal (B.2)", gives the reasoning behind each number.
import { z } from 'zod';
import type { Message } from './case.ts';
import { jsonPath } from './case.ts';
import type { AbuseCategory, AbuseHit } from './text/abuse.ts';
import { detectAbuse } from './text/abuse.ts';

// ---- thresholds -------------------------------------------------------------------------------

export const THREAD_THRESHOLDS = {
  /** The recent window: the last this many messages (in time order). */
  recentWindow: 6,
  /** Hostile messages in the recent window that make a hostile majority (3 of 6 = half). */
  recentHostile: 3,
  /** Hostile messages the later half needs before it can count as rising. */
  risingHostile: 2,
  /** How much higher the later half's hostile share must be than the earlier half's. */
  risingShare: 0.3,
  /** Different authors going at the same person: a pile-on. One fewer: a pile-on forming. */
  pileOnAuthors: 3,
  /** ... within this many hours of each other. */
  pileOnHours: 24,
  /** Abusive messages aimed at an employee that make the thread derail. */
  employeeAttacks: 1,
} as const;

/** The most messages one thread may hold. */
export const MAX_THREAD_MESSAGES = 10_000;

// ---- the thread contract ----------------------------------------------------------------------

const MOMENT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const threadMessageSchema = z.object({
  author: nonEmpty,
  at: z.string().refine((s) => parseMoment(s) !== undefined, 'expected a date and time such as 2026-11-26T16:05:00+01:00'),
  text: z.string(),
  /** Index of the message this one answers: "you" in it means that message's author. */
  replyTo: z.number().int().min(0).optional(),
});

export const threadSchema = z
  .object({
    /** Names of the school's staff: abuse aimed at them is a personal attack on an employee. */
    employees: z.array(nonEmpty).default([]),
    /** Names of students: abuse aimed at them is named as aimed at a child. */
    students: z.array(nonEmpty).default([]),
    messages: z.array(threadMessageSchema).max(MAX_THREAD_MESSAGES, `a thread holds at most ${MAX_THREAD_MESSAGES} messages`),
  })
  .superRefine((t, ctx) => {
    t.messages.forEach((m, i) => {
      if (m.replyTo === undefined) return;
      if (m.replyTo >= t.messages.length) ctx.addIssue({ code: 'custom', path: ['messages', i, 'replyTo'], message: `there is no message ${m.replyTo} (messages are numbered from 0)` });
      else if (m.replyTo === i) ctx.addIssue({ code: 'custom', path: ['messages', i, 'replyTo'], message: 'a message cannot reply to itself' });
    });
  });

export type Thread = z.infer<typeof threadSchema>;
export type ThreadInput = z.input<typeof threadSchema>;
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export interface ThreadIssue {
  path: string;
  message: string;
}

export class ThreadValidationError extends Error {
  readonly issues: ThreadIssue[];
  constructor(issues: ThreadIssue[]) {
    const one = (i: ThreadIssue) => `${i.path}: ${i.message}`;
    super(issues.length === 1 ? `invalid thread: ${one(issues[0]!)}` : `invalid thread (${issues.length} problems): ${issues.map(one).join('; ')}`);
    this.name = 'ThreadValidationError';
    this.issues = issues;
  }
}

export function parseThread(input: unknown): Thread {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ThreadValidationError([{ path: '$', message: 'a thread is a JSON object with a "messages" list' }]);
  }
  const r = threadSchema.safeParse(input);
  if (!r.success) throw new ThreadValidationError(r.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })));
  return r.data;
}

/**
 * Milliseconds since the epoch of an ISO 8601 moment, or undefined when it is not one (or not a
 * real date, such as 30 February). A moment without an offset is read as UTC: only the order of a
 * thread's messages and the hours between them matter, and those stay right as long as a thread
 * does not mix moments with and without offsets. A date alone is the start of that day.
 */
export function parseMoment(s: string): number | undefined {
  const m = MOMENT.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > new Date(Date.UTC(y!, mo!, 0)).getUTCDate() || h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offset = 0;
  const z = m[8];
  if (z && z.toUpperCase() !== 'Z') {
    const oh = Number(z.slice(1, 3));
    const om = Number(z.slice(-2));
    if (oh > 14 || om > 59) return undefined;
    offset = (z[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(y!, mo! - 1, d!, h, mi, sec, ms) - offset * 60_000;
}

// ---- the result -------------------------------------------------------------------------------

export const THREAD_LEVELS = ['calm', 'watch', 'derailing'] as const;
export type ThreadLevel = (typeof THREAD_LEVELS)[number];

export type ThreadReasonCode =
  | 'thread.hostile_majority'
  | 'thread.rising'
  | 'thread.pile_on'
  | 'thread.pile_on_forming'
  | 'thread.employee_attack'
  | 'thread.possible_crime';

export type TargetKind = 'employee' | 'student' | 'participant' | 'person';

export interface ThreadTarget {
  kind: TargetKind;
  /** The person as the thread names them: "juf Anouk", "de directeur", "Sanne", "dat kind". */
  name: string;
  /** How the target was found. */
  via: 'name' | 'title' | 'role' | 'you' | 'capitalised';
}

export interface ThreadReason {
  code: ThreadReasonCode;
  level: Exclude<ThreadLevel, 'calm'>;
  message: Message;
  /** Indices into the input's messages (numbered from 0), ascending. */
  messages: number[];
  target?: ThreadTarget;
}

export interface ThreadMessageSignal {
  index: number;
  abusive: boolean;
  hostile: boolean;
  /** Categories of the A.7 abuse found (empty when not abusive). */
  categories: AbuseCategory[];
  /** Hostile cues of our own lexicon ("schandalig", "wat een zooi"), "shouting", "exclamations", "angry emoji". */
  cues: string[];
  /** Whom a hostile or abusive message goes at, when that can be told. */
  target?: ThreadTarget;
}

export interface ThreadSignal {
  derailing: boolean;
  level: ThreadLevel;
  /** 0–29 calm, 30–59 watch, 60–100 derailing; orders threads, the level comes from the reasons. */
  score: number;
  reasons: ThreadReason[];
  /** Indices of the messages that drive the reasons, ascending. */
  drivers: number[];
  perMessage: ThreadMessageSignal[];
  stats: {
    messages: number;
    hostile: number;
    abusive: number;
    /** Hostile share of the last `recentWindow` messages. */
    recentHostileShare: number;
    earlierHostileShare: number;
    laterHostileShare: number;
    /** The most different authors that went at one person within the pile-on window. */
    maxAuthorsOnOnePerson: number;
  };
  /** What the employee should do (B.2; D.6 too for a possible crime). */
  action: { articles: string[]; message: Message };
}

// ---- words ------------------------------------------------------------------------------------
// Our own lists, folded (lower case, no diacritics). Hostile is less than abusive: it judges,
// shouts or demands, but insults nobody; one hostile message is ordinary, many are a sign.

const HOSTILE_WORDS = new Set([
  'schandalig', 'schandelijk', 'schande', 'belachelijk', 'bespottelijk', 'lachwekkend', 'absurd',
  'waardeloos', 'waardeloze', 'onacceptabel', 'onaanvaardbaar', 'ontoelaatbaar', 'onbeschoft',
  'onbeschofte', 'respectloos', 'respectloze', 'schaamteloos', 'schaamteloze', 'ongehoord',
  'onzin', 'kolder', 'bullshit', 'gezeik', 'gezever', 'geneuzel', 'puinhoop', 'janboel',
  'poppenkast', 'aanfluiting', 'wanvertoning', 'wanbeleid', 'prutswerk', 'amateuristisch',
  'amateurs', 'incompetent', 'incompetente', 'onbekwaam', 'onbekwame', 'kansloos', 'walgelijk',
  'misselijkmakend', 'hypocriet', 'hypocriete', 'arrogant', 'arrogante', 'leugens', 'leugenachtig',
  'liegt', 'liegen', 'gelogen', 'spuugzat', 'kotsbeu', 'strontziek', 'woedend',
  'furieus', 'lachertje', 'schandpaal', 'boycot', 'boycotten',
]);
/** Several words in a row; matched on whole words. */
const HOSTILE_PHRASES: string[][] = [
  'wat een zooi', 'wat een puinhoop', 'wat een schande', 'slaat nergens op',
  'slaat helemaal nergens op', 'sloeg nergens op', 'kant noch wal', 'hoe durf je', 'hoe durft u',
  'hoe durven jullie', 'hoe durven ze', 'schaam je', 'schaam jullie', 'schaamt u', 'schaam je kapot',
  'ik ben het zat', 'we zijn het zat', 'ben er klaar mee', 'zijn er klaar mee', 'genoeg is genoeg',
  'moet ontslagen worden', 'moeten ontslagen worden', 'moet eruit', 'moeten eruit', 'eruit gooien',
  'te gek voor woorden', 'te triest voor woorden', 'de druppel', 'ik pik het niet',
  'pikken het niet', 'pikken dit niet', 'naar de krant', 'doe normaal', 'doe eens normaal',
  'pas op je tellen', 'zit te liegen', 'zitten te liegen',
].map((p) => p.split(' '));
const ANGRY_EMOJI = /[\u{1F92C}\u{1F621}\u{1F620}\u{1F92E}\u{1F595}]/u; // 🤬 😡 😠 🤮 🖕
const POSITIVE_EMOJI = /[\u2764\u{1F60D}\u{1F389}\u{1F44F}\u{1F973}\u{1F4AA}\u{1F64F}\u{1F60A}\u{1F44D}\u{1F602}\u{1F923}\u2B50\u{1F308}\u{1F970}\u{1F618}]/u;
/** A hostile adjective right before one of these is an intensifier: "belachelijk goed". */
const POSITIVE_WORDS = new Set([
  'goed', 'mooi', 'mooie', 'leuk', 'leuke', 'lekker', 'lekkere', 'knap', 'gaaf', 'gave', 'vet',
  'vette', 'snel', 'grappig', 'blij', 'gezellig', 'sterk', 'fijn', 'cool', 'lief', 'prachtig',
  'geweldig', 'fantastisch', 'super', 'top', 'toppie', 'trots', 'gefeliciteerd', 'proficiat',
  'bedankt', 'dank', 'dankjewel', 'dankuwel', 'bravo', 'hoera', 'hiep', 'welkom', 'succes',
  'beterschap', 'yes', 'yay', 'haha', 'hahaha', 'lol', 'wauw', 'wow', 'love',
]);
const NEGATIONS = new Set(['niet', 'geen', 'nooit', 'allerminst', 'nergens']);

const YOU = new Set(['je', 'jij', 'jou', 'jouw', 'u', 'uw']);
const TITLES_EMPLOYEE = new Set(['juf', 'juffrouw', 'meester', 'meesters']);
const TITLES_OTHER = new Set(['meneer', 'mevrouw', 'mevr', 'mw', 'dhr', 'mr']);
const EMPLOYEE_ROLES = new Map<string, string>([
  ...['leerkracht', 'leraar', 'lerares', 'docent', 'docente', 'mentor', 'mentrix', 'invaller', 'invalkracht', 'stagiair', 'stagiaire', 'onderwijsassistent', 'klassenassistent', 'vakleerkracht'].map((w): [string, string] => [w, 'leerkracht']),
  ...['juf', 'juffrouw', 'meester', 'gymleraar', 'gymjuf', 'gymmeester'].map((w): [string, string] => [w, w === 'juffrouw' ? 'juf' : w]),
  ...['directeur', 'directrice', 'schoolleider', 'teamleider', 'adjunct', 'adjunct-directeur', 'locatieleider'].map((w): [string, string] => [w, 'directeur']),
  ...['conciërge', 'concierge', "ib'er", 'ibber', 'zorgcoordinator', 'bestuurder', 'rector', 'conrector'].map((w): [string, string] => [fold(w), fold(w)]),
]);
const CHILD_NOUNS = new Set([
  'kind', 'kindje', 'jongen', 'jongetje', 'meisje', 'meid', 'meidje', 'leerling', 'leerlinge',
  'joch', 'jochie', 'zoon', 'zoontje', 'dochter', 'dochtertje', 'ventje', 'klasgenoot', 'klasgenootje',
]);
const DETERMINERS = new Set(['de', 'die', 'deze', 'dat', 'dit', 'het', 'onze', 'ons', 'jullie', 'hun', 'mijn', "m'n", 'je', 'jouw', 'zijn', "z'n", 'haar', 'uw']);
/** Capitalised words that are not names: function words and common sentence openers. */
const NOT_NAMES = new Set([
  'de', 'het', 'een', 'die', 'dat', 'deze', 'dit', 'wat', 'wie', 'hoe', 'waarom', 'waar', 'wanneer',
  'ik', 'jij', 'je', 'hij', 'zij', 'ze', 'we', 'wij', 'jullie', 'u', 'men', 'iedereen', 'niemand',
  'en', 'maar', 'of', 'want', 'dus', 'ook', 'nou', 'ja', 'nee', 'echt', 'zo', 'toch', 'nog', 'al',
  'als', 'omdat', 'hallo', 'hoi', 'hey', 'dag', 'beste', 'lieve', 'haha', 'lol', 'pff', 'oke', 'ok',
  'sorry', 'dank', 'bedankt', 'super', 'top', 'wow', 'jammer', 'helaas', 'gelukkig', 'natuurlijk',
  'misschien', 'eerlijk', 'serieus', 'sterker', 'volgens', 'vandaag', 'gisteren', 'morgen',
  'school', 'schooltje', 'groep', 'klas', 'ouders', 'kinderen', 'leerkrachten', 'directie', 'bestuur',
  'mijn', 'onze', 'ons', 'zijn', 'haar', 'hun', 'er', 'hier', 'daar', 'nu', 'dan', 'toen', 'zeg',
  'is', 'was', 'ben', 'bent', 'heeft', 'hebben', 'moet', 'kan', 'mag', 'wil', 'zou', 'gaat', 'ga',
  'kom', 'laat', 'stop', 'hou', 'doe', 'let', 'kijk', 'lees', 'weg', 'schaam', 'belachelijk',
  'schandalig', 'walgelijk', 'niet', 'geen', 'nooit', 'alle', 'elke', 'iemand', 'zulke', 'zo\'n',
  'god', 'jezus', 'allemachtig', 'tja', 'mwah', 'inderdaad', 'precies', 'klopt', 'idd',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'facebook', 'instagram', 'whatsapp', 'tiktok', 'nederland', 'amsterdam', 'nederlands', 'engels',
  'frans', 'duits', 'rekenen', 'taal', 'gym', 'kerst', 'pasen', 'sinterklaas', 'ramadan', 'suikerfeest',
]);
/** A capitalised word that opens a sentence is a name only before one of these. */
const NAME_VERBS = new Set(['is', 'was', 'moet', 'hoort', 'heeft', 'doet', 'deed', 'kan', 'mag', 'zou', 'wordt', 'werd', 'blijft', 'zit', 'gaat', 'liegt', 'snapt', 'weet', 'vindt', 'en', 'die']);

// ---- text -------------------------------------------------------------------------------------

interface Word {
  /** Folded: lower case, no diacritics, ’ as '. */
  w: string;
  start: number;
  end: number;
  /** First letter upper case ("Sanne", also "SANNE"). */
  cap: boolean;
  /** Capitalised as a name is: first letter upper case, not all capitals ("Sanne"). */
  name: boolean;
  at: boolean;
  /** A comma follows: "Sanne, ..." addresses Sanne. */
  comma: boolean;
  /** Sentence number. */
  s: number;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\u2019/g, "'");
}

const WORD = /@?[\p{L}\p{N}][\p{L}\p{N}\p{M}'\u2019_-]*/gu;
const SENTENCE_END = /[.!?;\n]/;

function words(text: string): Word[] {
  const out: Word[] = [];
  let s = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    for (let i = last; i < start; i++) if (SENTENCE_END.test(text[i]!)) { s++; break; }
    last = start + m[0].length;
    const at = m[0][0] === '@';
    const raw = at ? m[0].slice(1) : m[0];
    const w = fold(raw).replace(/['_-]+$/, '');
    const cap = /^\p{Lu}/u.test(raw);
    const name = cap && !(raw.length > 1 && raw === raw.toUpperCase());
    out.push({ w, start, end: last, cap, name, at, comma: /^\s*,/.test(text.slice(last, last + 3)), s });
  }
  return out;
}

// ---- names ------------------------------------------------------------------------------------

interface NamedPerson {
  key: string;
  kind: TargetKind;
  name: string;
}
interface NameIndex {
  /** Folded word sequence → people it may be; `single` entries need a capital or a title. */
  names: Map<string, NamedPerson[]>;
  longest: number;
  /** Folded author → the person that author is (a listed person, or a participant). */
  authors: Map<string, NamedPerson>;
}

const KIND_RANK: Record<TargetKind, number> = { employee: 0, student: 1, participant: 2, person: 3 };

function buildIndex(thread: Thread): NameIndex {
  const names = new Map<string, NamedPerson[]>();
  let longest = 1;
  const put = (key: string, p: NamedPerson) => {
    if (!key) return;
    const list = names.get(key) ?? [];
    if (!list.some((x) => x.key === p.key)) list.push(p);
    list.sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
    names.set(key, list);
    longest = Math.max(longest, key.split(' ').length);
  };
  const addPerson = (full: string, kind: TargetKind): NamedPerson => {
    const parts = words(full).map((x) => x.w);
    const p: NamedPerson = { key: `${kind}:${parts.join(' ')}`, kind, name: full.trim() };
    put(parts.join(' '), p);
    if (parts.length > 1) {
      put(parts[0]!, p); // given name
      put(parts[parts.length - 1]!, p); // family name
      if (parts.length > 2) put(parts.slice(1).join(' '), p); // "de vries"
    }
    return p;
  };
  for (const e of thread.employees) addPerson(e, 'employee');
  for (const s of thread.students) addPerson(s, 'student');
  const authors = new Map<string, NamedPerson>();
  for (const m of thread.messages) {
    const key = words(m.author).map((x) => x.w).join(' ');
    if (authors.has(key)) continue;
    const known = names.get(key)?.[0];
    if (known) { authors.set(key, known); continue; }
    const p: NamedPerson = { key: `participant:${key}`, kind: 'participant', name: m.author.trim() };
    put(key, p);
    const first = key.split(' ')[0]!;
    if (first !== key && !NOT_NAMES.has(first) && !EMPLOYEE_ROLES.has(first) && !['mama', 'papa', 'moeder', 'vader', 'ouder', 'oma', 'opa', 'tante', 'oom'].includes(first)) put(first, p);
    authors.set(key, p);
  }
  return { names, longest, authors };
}

interface Candidate {
  person: NamedPerson;
  via: ThreadTarget['via'];
  tier: number;
  pos: number;
}

/** People named in words[from, to): listed names, titles, roles, capitalised names. */
function findTargets(ws: Word[], from: number, to: number, index: NameIndex): Candidate[] {
  const out: Candidate[] = [];
  for (let i = from; i < to; i++) {
    const x = ws[i]!;
    const prev = i > from ? ws[i - 1] : undefined;
    const titled = prev !== undefined && prev.s === x.s && (TITLES_EMPLOYEE.has(prev.w) || TITLES_OTHER.has(prev.w));
    // Listed names and participants, the longest first.
    let matched = 0;
    for (let len = Math.min(index.longest, to - i); len >= 1 && !matched; len--) {
      if (ws[i + len - 1]!.s !== x.s) continue;
      const key = ws.slice(i, i + len).map((y) => y.w).join(' ');
      const people = index.names.get(key);
      if (!people) continue;
      if (len === 1 && !x.cap && !x.at && !titled) continue;
      const person = (titled && TITLES_EMPLOYEE.has(prev!.w) ? people.find((p) => p.kind === 'employee') : undefined) ?? people[0]!;
      out.push({ person, via: titled ? 'title' : 'name', tier: 0, pos: titled ? i - 1 : i });
      matched = len;
    }
    if (matched) { i += matched - 1; continue; }
    // "juf Anouk", "meester Kees", "meneer De Boer": a title and a capitalised word.
    if (titled && (x.name || x.at)) {
      const employee = TITLES_EMPLOYEE.has(prev!.w);
      const title = prev!.w === 'juffrouw' ? 'juf' : prev!.w === 'meesters' ? 'meester' : prev!.w;
      out.push({ person: { key: `${employee ? 'employee' : 'person'}:${title} ${x.w}`, kind: employee ? 'employee' : 'person', name: `${title} ${nameCase(x.w)}` }, via: 'title', tier: 0, pos: i - 1 });
      continue;
    }
    // "@sanne": addressed by handle.
    if (x.at) {
      out.push({ person: { key: `person:${x.w}`, kind: 'person', name: `@${x.w}` }, via: 'name', tier: 0, pos: i });
      continue;
    }
    // "die directeur", "de leerkracht", "dat kind".
    const det = prev !== undefined && prev.s === x.s && DETERMINERS.has(prev.w);
    const next = ws[i + 1];
    const nameFollows = next !== undefined && next.s === x.s && next.name;
    if (det && !nameFollows) {
      const role = EMPLOYEE_ROLES.get(x.w);
      if (role) { out.push({ person: { key: `employee:role:${role}`, kind: 'employee', name: `de ${role}` }, via: 'role', tier: 1, pos: i - 1 }); continue; }
      if (CHILD_NOUNS.has(x.w)) { out.push({ person: { key: 'student:role:kind', kind: 'student', name: 'een kind' }, via: 'role', tier: 1, pos: i - 1 }); continue; }
    }
    // An unlisted capitalised name: "die Daan", "Daan is ...".
    if (x.name && x.w.length > 1 && !NOT_NAMES.has(x.w) && !EMPLOYEE_ROLES.has(x.w) && !CHILD_NOUNS.has(x.w) && !TITLES_EMPLOYEE.has(x.w) && !TITLES_OTHER.has(x.w)) {
      const opensSentence = prev === undefined || prev.s !== x.s;
      const afterArticle = prev !== undefined && prev.s === x.s && ['de', 'het', 'een', 'van', 'op', 'in'].includes(prev.w);
      const verbFollows = next !== undefined && next.s === x.s && NAME_VERBS.has(next.w);
      if (!afterArticle && (!opensSentence || verbFollows || x.comma)) out.push({ person: { key: `person:${x.w}`, kind: 'person', name: nameCase(x.w) }, via: 'capitalised', tier: 2, pos: i });
    }
  }
  return out;
}

function nameCase(w: string): string {
  return w.replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

function best(cands: Candidate[]): Candidate | undefined {
  let b: Candidate | undefined;
  for (const c of cands) if (!b || c.tier < b.tier || (c.tier === b.tier && c.pos < b.pos)) b = c;
  return b;
}

// ---- one message --------------------------------------------------------------------------------

interface Analysed extends ThreadMessageSignal {
  t: number;
  authorKey: string;
  criminal: boolean;
  targetKey?: string;
}

function hostileCues(text: string, ws: Word[]): { cues: string[]; sentences: Set<number> } {
  const cues: string[] = [];
  const sentences = new Set<number>();
  const negated = (i: number) => [ws[i - 1], ws[i - 2]].some((y) => y !== undefined && y.s === ws[i]!.s && NEGATIONS.has(y.w));
  for (let i = 0; i < ws.length; i++) {
    const x = ws[i]!;
    let hit: string | undefined;
    let len = 0;
    for (const p of HOSTILE_PHRASES) {
      if (p.length > len && p.every((w, k) => ws[i + k]?.w === w && ws[i + k]!.s === x.s)) { hit = p.join(' '); len = p.length; }
    }
    if (!hit && HOSTILE_WORDS.has(x.w)) {
      const next = ws[i + 1];
      if (next && next.s === x.s && POSITIVE_WORDS.has(next.w)) continue; // "belachelijk goed"
      hit = x.w;
      len = 1;
    }
    if (!hit || negated(i)) continue;
    cues.push(hit);
    sentences.add(x.s);
    i += len - 1;
  }
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const shouting = letters >= 10 && upper / letters >= 0.7;
  const exclamations = (text.match(/!/g)?.length ?? 0) >= 3 || /\?!|!\?/.test(text);
  const positive = POSITIVE_EMOJI.test(text) || ws.some((x) => POSITIVE_WORDS.has(x.w));
  if (ANGRY_EMOJI.test(text)) cues.push('angry emoji');
  // Capitals and exclamation marks alone are often joy ("GEFELICITEERD JUF!!!"): only both
  // together, without a positive word or emoji, make a message hostile.
  if (shouting && exclamations && !positive) cues.push('shouting', 'exclamations');
  return { cues, sentences };
}

function analyseMessage(thread: Thread, index: NameIndex, i: number, t: number, starter: number | undefined): Analysed {
  const m = thread.messages[i]!;
  const authorKey = words(m.author).map((x) => x.w).join(' ');
  const hits: AbuseHit[] = m.text ? detectAbuse(m.text) : [];
  const ws = words(m.text);
  const { cues, sentences } = hostileCues(m.text, ws);
  const abusive = hits.length > 0;
  const hostile = abusive || cues.length > 0;
  const out: Analysed = {
    index: i, abusive, hostile, categories: [...new Set(hits.map((h) => h.category))], cues, t, authorKey,
    criminal: hits.some((h) => h.criminal),
  };
  if (!hostile) return out;
  // Where to look for the target: the sentences with abuse, else those with hostile cues.
  const focus = new Set<number>();
  for (const h of hits) for (const x of ws) if (x.start >= h.sentence[0] && x.start < h.sentence[1]) focus.add(x.s);
  if (focus.size === 0) for (const s of sentences) focus.add(s);
  const inFocus = (x: Word) => focus.has(x.s);
  let chosen: Candidate | undefined;
  if (focus.size) {
    const cands = findTargets(ws, 0, ws.length, index).filter((c) => inFocus(ws[c.pos]!) || (ws[c.pos + 1] !== undefined && inFocus(ws[c.pos + 1]!)));
    chosen = best(cands);
  }
  chosen ??= best(findTargets(ws, 0, ws.length, index));
  // Not named: "you" is the author of the message it replies to, or of the thread's first post.
  const author = index.authors.get(authorKey);
  if (!chosen && ws.some((x) => (focus.size === 0 || inFocus(x)) && YOU.has(x.w))) {
    const to = m.replyTo ?? starter;
    if (to !== undefined && to !== i) {
      const other = index.authors.get(words(thread.messages[to]!.author).map((x) => x.w).join(' '));
      if (other && other.key !== author?.key) chosen = { person: other, via: 'you', tier: 0, pos: 0 };
    }
  }
  if (chosen && chosen.person.key !== author?.key) {
    out.target = { kind: chosen.person.kind, name: chosen.person.name, via: chosen.via };
    out.targetKey = chosen.person.key;
  }
  return out;
}

// ---- the thread -------------------------------------------------------------------------------

/** Validates a thread (throws ThreadValidationError) and says whether it is derailing. */
export function checkThread(input: unknown): ThreadSignal {
  return analyseThread(parseThread(input));
}

/** The derailing signal of a parsed thread. */
export function analyseThread(thread: Thread): ThreadSignal {
  const T = THREAD_THRESHOLDS;
  const n = thread.messages.length;
  const times = thread.messages.map((m) => parseMoment(m.at)!);
  const order = [...times.keys()].sort((a, b) => times[a]! - times[b]! || a - b);
  const index = buildIndex(thread);
  const all: Analysed[] = new Array(n);
  for (const i of order) all[i] = analyseMessage(thread, index, i, times[i]!, order[0]);
  const timeline = order.map((i) => all[i]!);

  const reasons: ThreadReason[] = [];
  const idx = (list: Analysed[]) => list.map((a) => a.index).sort((a, b) => a - b);
  const share = (list: Analysed[]) => (list.length ? list.filter((a) => a.hostile).length / list.length : 0);

  // 1. A hostile majority in the recent window.
  const recent = timeline.slice(-T.recentWindow);
  const recentHostile = recent.filter((a) => a.hostile);
  if (recentHostile.length >= T.recentHostile) {
    reasons.push({
      code: 'thread.hostile_majority', level: 'derailing', messages: idx(recentHostile),
      message: {
        nl: `${recentHostile.length} van de laatste ${recent.length} berichten zijn vijandig of grof: de toon is omgeslagen.`,
        en: `${recentHostile.length} of the last ${recent.length} messages are hostile or abusive: the tone has turned.`,
      },
    });
  }

  // 2. Rising: the later half is more hostile than the earlier half.
  const earlier = timeline.slice(0, Math.floor(n / 2));
  const later = timeline.slice(Math.floor(n / 2));
  const laterHostile = later.filter((a) => a.hostile);
  const rise = share(later) - share(earlier);
  if (laterHostile.length >= T.risingHostile && rise >= T.risingShare - 1e-9) {
    reasons.push({
      code: 'thread.rising', level: 'watch', messages: idx(laterHostile),
      message: {
        nl: `De toon wordt grimmiger: ${pct(share(later))} van de latere berichten is vijandig, tegen ${pct(share(earlier))} eerder.`,
        en: `The tone is getting harsher: ${pct(share(later))} of the later messages are hostile, against ${pct(share(earlier))} before.`,
      },
    });
  }

  // 3. Pile-on: different authors going at the same person within the window.
  const byTarget = new Map<string, Analysed[]>();
  for (const a of timeline) if (a.hostile && a.targetKey) byTarget.set(a.targetKey, [...(byTarget.get(a.targetKey) ?? []), a]);
  let maxAuthors = 0;
  const windowMs = T.pileOnHours * 3_600_000;
  for (const list of byTarget.values()) {
    const w = busiestWindow(list, windowMs);
    maxAuthors = Math.max(maxAuthors, w.authors);
    if (w.authors < T.pileOnAuthors - 1) continue;
    const target = list[0]!.target!;
    const who = describeTarget(target);
    const full = w.authors >= T.pileOnAuthors;
    reasons.push({
      code: full ? 'thread.pile_on' : 'thread.pile_on_forming', level: full ? 'derailing' : 'watch', messages: idx(w.messages), target,
      message: full
        ? {
          nl: `${w.authors} verschillende mensen vallen ${who.nl} aan${target.kind === 'student' && target.via !== 'role' ? ', een kind' : ''}: dit is een hetze.`,
          en: `${w.authors} different people go at ${who.en}${target.kind === 'student' && target.via !== 'role' ? ', a child' : ''}: this is a pile-on.`,
        }
        : {
          nl: `Twee mensen vallen ${who.nl} aan; komt er een derde bij, dan is het een hetze.`,
          en: `Two people go at ${who.en}; one more and it is a pile-on.`,
        },
    });
  }

  // 4. Personal attacks on an employee.
  const attacks = new Map<string, Analysed[]>();
  for (const a of timeline) if (a.abusive && a.target?.kind === 'employee') attacks.set(a.targetKey!, [...(attacks.get(a.targetKey!) ?? []), a]);
  for (const list of attacks.values()) {
    if (list.length < T.employeeAttacks) continue;
    const target = list[0]!.target!;
    const who = describeTarget(target);
    reasons.push({
      code: 'thread.employee_attack', level: 'derailing', messages: idx(list), target,
      message: {
        nl: `${list.length === 1 ? 'Een bericht valt' : `${list.length} berichten vallen`} ${who.nl} persoonlijk aan, een medewerker van de school.`,
        en: `${list.length === 1 ? 'A message attacks' : `${list.length} messages attack`} ${who.en} personally, a member of the school's staff.`,
      },
    });
  }

  // 5. A possible crime.
  const crimes = timeline.filter((a) => a.criminal);
  if (crimes.length) {
    reasons.push({
      code: 'thread.possible_crime', level: 'derailing', messages: idx(crimes),
      message: {
        nl: 'Er staat mogelijk iets strafbaars in: een bedreiging, een beschuldiging van een misdrijf, afpersing of iemands adres.',
        en: 'It may contain a crime: a threat, an accusation of a crime, extortion or someone’s address.',
      },
    });
  }

  const level: ThreadLevel = reasons.some((r) => r.level === 'derailing') ? 'derailing' : reasons.length ? 'watch' : 'calm';
  const recentShare = share(recent);
  const heat = Math.round(20 * recentShare);
  const score = level === 'calm'
    ? Math.min(29, heat)
    : level === 'watch'
      ? Math.min(59, 30 + 10 * (reasons.length - 1) + heat)
      : Math.min(100, 60 + 10 * (reasons.length - 1) + heat);

  const drivers = [...new Set(reasons.flatMap((r) => r.messages))].sort((a, b) => a - b);
  return {
    derailing: level === 'derailing',
    level,
    score,
    reasons,
    drivers,
    perMessage: all.map(({ index: i, abusive, hostile, categories, cues, target }) => ({ index: i, abusive, hostile, categories, cues, ...(target ? { target } : {}) })),
    stats: {
      messages: n,
      hostile: all.filter((a) => a.hostile).length,
      abusive: all.filter((a) => a.abusive).length,
      recentHostileShare: round2(recentShare),
      earlierHostileShare: round2(share(earlier)),
      laterHostileShare: round2(share(later)),
      maxAuthorsOnOnePerson: maxAuthors,
    },
    action: actionFor(level, crimes.length > 0),
  };
}

/** The window of at most `ms` with the most different authors (the earliest such window). */
function busiestWindow(list: Analysed[], ms: number): { authors: number; messages: Analysed[] } {
  const count = new Map<string, number>();
  let bestAuthors = 0;
  let bestFrom = 0;
  let bestTo = 0;
  let from = 0;
  for (let to = 0; to < list.length; to++) {
    const a = list[to]!;
    count.set(a.authorKey, (count.get(a.authorKey) ?? 0) + 1);
    while (a.t - list[from]!.t > ms) {
      const k = list[from]!.authorKey;
      const c = count.get(k)! - 1;
      if (c) count.set(k, c); else count.delete(k);
      from++;
    }
    if (count.size > bestAuthors) { bestAuthors = count.size; bestFrom = from; bestTo = to; }
  }
  return { authors: bestAuthors, messages: list.slice(bestFrom, bestTo + 1) };
}

function describeTarget(t: ThreadTarget): Message {
  if (t.via === 'role') {
    if (t.kind === 'student') return { nl: 'een kind', en: 'a child' };
    const role = t.name.replace(/^de /, '');
    const en: Record<string, string> = { leerkracht: 'the teacher', juf: 'the teacher', meester: 'the teacher', directeur: 'the head', gymleraar: 'the PE teacher', gymjuf: 'the PE teacher', gymmeester: 'the PE teacher' };
    return { nl: `de ${role}`, en: en[role] ?? `the ${role}` };
  }
  return { nl: t.name, en: t.name };
}

function actionFor(level: ThreadLevel, crime: boolean): ThreadSignal['action'] {
  if (level === 'derailing') {
    return {
      articles: crime ? ['B.2', 'D.6'] : ['B.2'],
      message: {
        nl: `Dit gesprek ontspoort. Reageer niet verder, maak schermafbeeldingen van de aangewezen berichten en neem meteen contact op met je leidinggevende (B.2).${crime ? ' Bij een mogelijk strafbaar feit kan de school aangifte doen bij de politie (D.6).' : ''}`,
        en: `This conversation is derailing. Do not reply further, take screenshots of the messages pointed out and contact your supervisor at once (B.2).${crime ? ' For a possible crime the school can report it to the police (D.6).' : ''}`,
      },
    };
  }
  if (level === 'watch') {
    return {
      articles: ['B.2'],
      message: {
        nl: 'Dit gesprek dreigt te ontsporen. Reageer rustig of niet, en bel je leidinggevende als het doorgaat (B.2).',
        en: 'This conversation threatens to derail. Reply calmly or not at all, and call your supervisor if it goes on (B.2).',
      },
    };
  }
  return { articles: [], message: { nl: 'Het gesprek is rustig: niets te melden.', en: 'The conversation is calm: nothing to report.' } };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
