// Importing a consent list (CSV) from another school system into a school, all or nothing
// (docs/consent.md). The bytes are decoded and the CSV read as the roster import does
// (src/modules/roster/decode.ts and csv.ts: Windows-1252, BOMs, sniffed delimiter, line numbers).
// Every row is checked against the school's roster before anything is written; any problem
// throws a ConsentImportError listing every problem with its line. Otherwise the choices go
// through recordConsents in ONE transaction (method "import"), with one consent.import audit
// event besides the events recordConsents writes. Answers the school holds already (same status,
// same decider) are not written again, so importing the same file twice changes nothing.
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDb, Tx } from '../../db/connection.ts';
import { consentChannels, consentsCurrent, guardianships, people, schools } from '../../db/schema/index.ts';
import { appendAudit } from '../audit/chain.ts';
import { parseCsv } from '../roster/csv.ts';
import type { CsvRow } from '../roster/csv.ts';
import { assertRosterSize, decodeRoster } from '../roster/decode.ts';
import type { TextEncoding } from '../roster/decode.ts';
import { hasControlCharacters, parseDate } from '../roster/fields.ts';
import { findSchool } from '../roster/service.ts';
import type { RosterFile, RosterProblem } from '../roster/types.ts';
import { describeProblems, RosterImportError } from '../roster/types.ts';
import type { ConsentMediaKind, ConsentStatus, Subject } from './rules.ts';
import { ageOn, decider, deciderProblem, MEDIA_KINDS, schoolYearSpan, STANDARD_CHANNELS } from './rules.ts';
import type { ConsentChoice } from './service.ts';
import { ConsentError, recordConsents } from './service.ts';

/** The largest consent list accepted, in bytes (about 80,000 rows). */
export const MAX_CONSENT_LIST_BYTES = 5 * 1024 * 1024;
export const MAX_NOTE_LENGTH = 500;

/** Where a problem is: the 1-based line (1 = the header; 0 = the file as a whole) and why. */
export type ConsentListProblem = RosterProblem;

/** The list cannot be imported; nothing was written. Lists every problem found. */
export class ConsentImportError extends Error {
  readonly problems: ConsentListProblem[];
  constructor(problems: ConsentListProblem[], summary?: string) {
    const sorted = [...problems].sort((a, b) => a.line - b.line);
    const head =
      summary ??
      `The consent list was not imported (nothing was changed) because of ${sorted.length === 1 ? '1 problem' : `${sorted.length} problems`}`;
    super(`${head}: ${describeProblems(sorted)}.`);
    this.name = 'ConsentImportError';
    this.problems = sorted;
  }
}

/** A problem with the file as a whole: one sentence. */
function listError(reason: string, file?: string, line = 0): ConsentImportError {
  return new ConsentImportError([{ line, reason, ...(file ? { file } : {}) }], 'The consent list was not imported (nothing was changed)');
}

// ---- the columns ---------------------------------------------------------------------------------

export const CONSENT_COLUMNS = ['person', 'channel', 'media', 'school_year', 'status', 'given_by', 'date', 'note'] as const;
export type ConsentColumn = (typeof CONSENT_COLUMNS)[number];
const REQUIRED: ConsentColumn[] = ['person', 'channel', 'media', 'school_year', 'status'];

/** Header names (lower case, spaces and hyphens as _) per column: English and Dutch. */
const COLUMN_ALIASES: Record<ConsentColumn, string[]> = {
  person: ['person', 'leerling', 'id', 'persoon', 'person_id', 'leerling_id', 'leerlingnummer', 'student', 'external_id'],
  channel: ['channel', 'kanaal'],
  media: ['media', 'medium', 'mediasoort', 'media_kind'],
  school_year: ['school_year', 'schooljaar', 'year', 'jaar'],
  status: ['status', 'toestemming', 'antwoord', 'keuze'],
  given_by: ['given_by', 'gegeven_door', 'door', 'beslisser', 'ouder', 'verzorger'],
  date: ['date', 'datum'],
  note: ['note', 'opmerking', 'notitie'],
};
const COLUMN_OF = new Map<string, ConsentColumn>(Object.entries(COLUMN_ALIASES).flatMap(([col, names]) => names.map((n) => [n, col as ConsentColumn])));

const normaliseHeader = (h: string): string => h.trim().toLowerCase().replace(/[\s-]+/g, '_');
/** For channel names: lower case, underscores, hyphens and runs of spaces as one space. */
const normaliseWords = (s: string): string => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** The standard channels and the words other systems use for them. */
const CHANNEL_ALIASES: Record<(typeof STANDARD_CHANNELS)[number], string[]> = {
  school_social_media: ['school social media', 'social media', 'sociale media', 'social media school', 'sociale media school', 'sociale media van school', 'sociale media van de school'],
  school_website: ['school website', 'website', 'schoolwebsite', 'website school', 'website van school', 'website van de school', 'site'],
  newsletter: ['newsletter', 'nieuwsbrief', 'schoolnieuwsbrief', 'nieuwsbrief school'],
  personal_social_media: ['personal social media', 'persoonlijke sociale media', 'eigen sociale media', 'priv\u00e9 sociale media', 'prive sociale media', 'sociale media van medewerkers'],
};
const STANDARD_CHANNEL_OF = new Map<string, string>(Object.entries(CHANNEL_ALIASES).flatMap(([code, names]) => names.map((n) => [n, code])));

const MEDIA_OF: Record<string, ConsentMediaKind[]> = {
  photo: ['photo'],
  photos: ['photo'],
  foto: ['photo'],
  fotos: ['photo'],
  "foto's": ['photo'],
  video: ['video'],
  videos: ['video'],
  "video's": ['video'],
  film: ['video'],
  films: ['video'],
  audio: ['audio'],
  sound: ['audio'],
  geluid: ['audio'],
  all: [...MEDIA_KINDS],
  alle: [...MEDIA_KINDS],
  alles: [...MEDIA_KINDS],
};

const STATUS_OF: Record<string, ConsentStatus> = {
  granted: 'granted',
  yes: 'granted',
  y: 'granted',
  ja: 'granted',
  j: 'granted',
  toestemming: 'granted',
  akkoord: 'granted',
  refused: 'refused',
  no: 'refused',
  n: 'refused',
  nee: 'refused',
  geweigerd: 'refused',
  'geen toestemming': 'refused',
  revoked: 'revoked',
  withdrawn: 'revoked',
  ingetrokken: 'revoked',
};

// ---- step one: the file (no database) --------------------------------------------------------------

/** A consent list decoded and parsed, its header understood. */
export interface ParsedConsentList {
  fileName: string;
  encoding: TextEncoding;
  delimiter: string;
  /** Per CSV column, the consent column it is. */
  columns: ConsentColumn[];
  rows: CsvRow[];
}

const baseName = (name: string): string => name.split(/[\\/]/).pop() || name;

/** The shared readers speak of the roster in their summary; the problems themselves are the file's. */
function asListError(e: unknown): unknown {
  return e instanceof RosterImportError ? new ConsentImportError(e.problems, 'The consent list was not imported (nothing was changed)') : e;
}

/** Refuses a file over the size cap before it is read (the CLI checks the file's size first). */
export function assertConsentListSize(size: number, name: string): void {
  try {
    assertRosterSize(size, baseName(name), MAX_CONSENT_LIST_BYTES);
  } catch (e) {
    throw asListError(e);
  }
}

/** Decodes and parses the file and reads its header. Throws ConsentImportError for a file that cannot be read. */
export function parseConsentList(file: RosterFile): ParsedConsentList {
  const name = baseName(file.name);
  let decoded;
  let table;
  try {
    decoded = decodeRoster({ name, bytes: file.bytes }, MAX_CONSENT_LIST_BYTES);
    table = parseCsv(decoded.text, name);
  } catch (e) {
    throw asListError(e);
  }
  const header = table.header.map(normaliseHeader);
  const columns = header.map((h) => COLUMN_OF.get(h));
  const unknown = header.filter((_h, i) => !columns[i]);
  const found = columns.filter((c): c is ConsentColumn => c !== undefined);
  const missing = REQUIRED.filter((c) => !found.includes(c));
  const repeated = [...new Set(found.filter((c, i) => found.indexOf(c) !== i))];
  const problems: string[] = [];
  if (missing.length) problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (unknown.length) problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => (u === '' ? '(empty)' : `"${u}"`)).join(', ')}`);
  if (repeated.length) problems.push(`${repeated.join(', ')} more than once (under different names?)`);
  if (problems.length) {
    throw listError(`the header has ${problems.join('; ')} (the columns are ${CONSENT_COLUMNS.join(', ')}; see docs/consent.md)`, name, table.headerLine);
  }
  if (table.rows.length === 0) throw listError('the file has a header but no rows', name);
  return { fileName: name, encoding: decoded.encoding, delimiter: table.delimiter, columns: columns as ConsentColumn[], rows: table.rows };
}

// ---- step two: the rows against the school (read in the import's transaction) -------------------

interface RosterEntry extends Subject {
  externalId: string;
  active: boolean;
}

/** What the checks need of the school, read in one query per table. */
interface SchoolSnapshot {
  byExternalId: Map<string, RosterEntry>;
  /** Student id → guardian ids (with whether the guardian is active). */
  guardians: Map<string, RosterEntry[]>;
  /** The school's own channels. */
  channels: { code: string; name: string }[];
  /** personId|channel|media|schoolYear → the current answer. */
  current: Map<string, { status: ConsentStatus; givenBy: string | null }>;
}

async function readSnapshot(tx: Tx, schoolId: string, schoolYears: string[]): Promise<SchoolSnapshot> {
  const personRows = await tx
    .select({ id: people.id, externalId: people.externalId, kind: people.kind, birthDate: people.birthDate, active: people.active })
    .from(people)
    .where(eq(people.schoolId, schoolId));
  const byExternalId = new Map<string, RosterEntry>();
  const byId = new Map<string, RosterEntry>();
  for (const p of personRows) {
    const entry: RosterEntry = { id: p.id, externalId: p.externalId, kind: p.kind, birthDate: p.birthDate ? String(p.birthDate).slice(0, 10) : null, active: p.active };
    byExternalId.set(p.externalId, entry);
    byId.set(p.id, entry);
  }
  const links = await tx
    .select({ guardianId: guardianships.guardianId, studentId: guardianships.studentId })
    .from(guardianships)
    .innerJoin(people, eq(people.id, guardianships.studentId))
    .where(eq(people.schoolId, schoolId));
  const guardians = new Map<string, RosterEntry[]>();
  for (const l of links) {
    const g = byId.get(l.guardianId);
    if (g) guardians.set(l.studentId, [...(guardians.get(l.studentId) ?? []), g]);
  }
  const channels = await tx.select({ code: consentChannels.code, name: consentChannels.name }).from(consentChannels).where(eq(consentChannels.schoolId, schoolId));
  const currentRows = await tx
    .select({ personId: consentsCurrent.personId, channel: consentsCurrent.channel, media: consentsCurrent.media, schoolYear: consentsCurrent.schoolYear, status: consentsCurrent.status, givenBy: consentsCurrent.givenBy })
    .from(consentsCurrent)
    .where(and(eq(consentsCurrent.schoolId, schoolId), inArray(consentsCurrent.schoolYear, schoolYears.length ? schoolYears : [''])));
  const current = new Map(currentRows.map((r) => [`${r.personId}|${r.channel}|${r.media}|${r.schoolYear}`, { status: r.status, givenBy: r.givenBy }]));
  return { byExternalId, guardians, channels, current };
}

function resolveChannel(text: string, own: { code: string; name: string }[]): string | null {
  const words = normaliseWords(text);
  const standard = STANDARD_CHANNEL_OF.get(words);
  if (standard) return standard;
  const lower = text.trim().toLowerCase();
  return own.find((c) => c.code === lower || normaliseWords(c.name) === words)?.code ?? null;
}

/** "photo;video", "foto | film", "foto, video": the media kinds, or the words that are not one. */
function readMedia(text: string): { media: ConsentMediaKind[]; unknown: string[] } {
  const words = text
    .split(/[;|,/+]/)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '');
  const media = new Set<ConsentMediaKind>();
  const unknown: string[] = [];
  for (const w of words) {
    const kinds = MEDIA_OF[w];
    if (kinds) for (const k of kinds) media.add(k);
    else unknown.push(w);
  }
  return { media: MEDIA_KINDS.filter((k) => media.has(k)), unknown };
}

/** "2026-2027", "2026/2027", "2026-27" → "2026-2027"; null when it is not a school year. */
function readSchoolYear(text: string): string | null {
  const m = /^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$/.exec(text.trim());
  if (!m) return null;
  const second = m[2]!.length === 2 ? `${m[1]!.slice(0, 2)}${m[2]}` : m[2]!;
  const year = `${m[1]}-${second}`;
  return schoolYearSpan(year) ? year : null;
}

const clamp = (d: string, from: string, until: string): string => (d < from ? from : d > until ? until : d);

/** A choice to record, with the lines it came from. */
interface PlannedChoice {
  choice: ConsentChoice;
  lines: number[];
}

interface Checked {
  planned: PlannedChoice[];
  problems: ConsentListProblem[];
  people: number;
  unchanged: number;
}

/** Checks every row against the school; collects every problem. */
function checkRows(list: ParsedConsentList, school: SchoolSnapshot, today: Date): Checked {
  const todayText = today.toISOString().slice(0, 10);
  const file = list.fileName;
  const problems: ConsentListProblem[] = [];
  const seen = new Map<string, number>();
  const merged = new Map<string, PlannedChoice>();
  const persons = new Set<string>();
  let unchanged = 0;
  const width = list.columns.length;
  const channelHint = `use ${[...STANDARD_CHANNELS, ...school.channels.map((c) => c.code)].join(', ')} (or sociale media, website, nieuwsbrief)`;

  for (const row of list.rows) {
    if (row.fields.length !== width) {
      problems.push({
        file,
        line: row.line,
        reason:
          row.fields.length < width
            ? `has ${row.fields.length} column${row.fields.length === 1 ? '' : 's'}, the header has ${width} (missing column)`
            : `has ${row.fields.length} columns, the header has ${width} (is a value with a "${list.delimiter}" not quoted? Separate media kinds with | in a file with ${list.delimiter === ';' ? 'semicolons' : 'this delimiter'})`,
      });
      continue;
    }
    const get = (c: ConsentColumn): string => {
      const i = list.columns.indexOf(c);
      return i < 0 ? '' : (row.fields[i] ?? '').trim();
    };
    const reasons: string[] = [];

    // The fields on their own.
    const personText = get('person');
    let subject: RosterEntry | undefined;
    if (personText === '') reasons.push('person is empty');
    else {
      subject = school.byExternalId.get(personText);
      if (!subject) reasons.push(`person "${personText}" is not in the school's roster`);
      else if (!subject.active) {
        reasons.push(`person "${personText}" has left the school (inactive in the roster)`);
        subject = undefined;
      }
    }

    const channelText = get('channel');
    const channel = channelText === '' ? null : resolveChannel(channelText, school.channels);
    if (channelText === '') reasons.push(`channel is empty (${channelHint})`);
    else if (!channel) reasons.push(`unknown channel "${channelText}" (${channelHint})`);

    const mediaText = get('media');
    const { media, unknown } = readMedia(mediaText);
    if (unknown.length) reasons.push(`unknown media kind${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (use photo, video or audio, or foto, film, geluid; several separated by | or ;)`);
    else if (media.length === 0) reasons.push('media is empty (use photo, video or audio; several separated by | or ;)');

    const yearText = get('school_year');
    const schoolYear = yearText === '' ? null : readSchoolYear(yearText);
    const span = schoolYear ? schoolYearSpan(schoolYear) : null;
    if (yearText === '') reasons.push('school_year is empty (use a school year such as 2026-2027)');
    else if (!schoolYear) reasons.push(`school_year "${yearText}" is not a school year such as 2026-2027`);

    const statusText = get('status');
    const status = STATUS_OF[normaliseWords(statusText)];
    if (!status) reasons.push(statusText === '' ? 'status is empty (use granted, refused or revoked; ja, nee or ingetrokken)' : `unknown status "${statusText}" (use granted, refused or revoked; ja, nee or ingetrokken)`);

    const dateText = get('date');
    let decidedOn = todayText;
    if (dateText !== '') {
      const d = parseDate(dateText, today);
      if (!d) reasons.push(`date "${dateText}" is not a date (use YYYY-MM-DD or DD-MM-YYYY)`);
      else if (d > todayText) reasons.push(`date ${d} is in the future`);
      else if (span && d > span.until) reasons.push(`date ${d} is after the end of school year ${schoolYear} (${span.until})`);
      else decidedOn = d;
    }

    const noteText = get('note');
    if (noteText.length > MAX_NOTE_LENGTH) reasons.push(`note is longer than ${MAX_NOTE_LENGTH} characters`);
    else if (hasControlCharacters(noteText)) reasons.push('note contains a control character');

    // Who decided: given_by, or the one who decides on that day.
    const givenByText = get('given_by');
    let givenBy: string | null = null;
    if (subject) {
      const age = subject.birthDate ? `${ageOn(subject.birthDate, decidedOn)} on ${decidedOn}` : 'no birth date in the roster';
      const guardiansOfSubject = school.guardians.get(subject.id) ?? [];
      if (givenByText !== '') {
        const g = school.byExternalId.get(givenByText);
        if (!g) reasons.push(`given_by "${givenByText}" is not in the school's roster`);
        else if (!g.active) reasons.push(`given_by "${givenByText}" has left the school (inactive in the roster)`);
        else {
          const problem = deciderProblem(subject, g.id, new Set(guardiansOfSubject.map((x) => x.id)), decidedOn);
          if (problem) reasons.push(`given_by "${givenByText}" may not decide for "${personText}" (${subject.kind === 'student' ? age : subject.kind}): ${problem}`);
          else givenBy = g.id;
        }
      } else if (decider(subject, decidedOn) === 'self') {
        givenBy = subject.id;
      } else {
        const active = guardiansOfSubject.filter((x) => x.active);
        if (active.length === 1) givenBy = active[0]!.id;
        else if (active.length === 0) reasons.push(`given_by is empty and "${personText}" (${age}) is under 16 but has no guardian in the roster: a parent or guardian decides; fill in given_by`);
        else reasons.push(`given_by is empty and "${personText}" (${age}) has ${active.length} guardians (${active.map((x) => x.externalId).sort().join(', ')}): fill in which one decided`);
      }
    }

    // One row per person, channel, media kind and school year.
    if (subject && channel && schoolYear) {
      for (const m of media) {
        const key = `${subject.id}|${channel}|${m}|${schoolYear}`;
        const first = seen.get(key);
        if (first !== undefined) reasons.push(`the answer about ${m} on ${channel} in ${schoolYear} for "${personText}" is on line ${first} already (one row per person, channel, media kind and school year)`);
        else seen.set(key, row.line);
      }
    }

    if (reasons.length) {
      problems.push({ file, line: row.line, reason: reasons.join('; ') });
      continue;
    }
    persons.add(subject!.id);
    // Answers the school has already are not recorded again.
    const changed = media.filter((m) => {
      const now = school.current.get(`${subject!.id}|${channel}|${m}|${schoolYear}`);
      return !(now && now.status === status && now.givenBy === givenBy);
    });
    unchanged += media.length - changed.length;
    if (!changed.length) continue;
    const validFrom = status === 'granted' ? span!.from : clamp(decidedOn, span!.from, span!.until);
    const note = noteText || null;
    const key = [subject!.id, channel, schoolYear, status, givenBy, decidedOn, validFrom, note ?? ''].join('|');
    const same = merged.get(key);
    if (same) {
      same.choice.media = MEDIA_KINDS.filter((k) => same.choice.media.includes(k) || changed.includes(k));
      same.lines.push(row.line);
    } else {
      merged.set(key, {
        choice: { personId: subject!.id, channel: channel!, media: changed, schoolYear: schoolYear!, status: status!, givenBy: givenBy!, method: 'import', note, validFrom, validUntil: span!.until, decidedOn },
        lines: [row.line],
      });
    }
  }
  return { planned: [...merged.values()], problems, people: persons.size, unchanged };
}

// ---- the import ------------------------------------------------------------------------------------

export interface ImportConsentsProps {
  db: AppDb;
  schoolId: string;
  /** The file as received (decoded, parsed and checked here), or a list parsed already. */
  source: RosterFile | ParsedConsentList;
  /** The moment of the import: recorded_at, and "today" for rows without a date. Default: now. */
  now?: Date;
  /** Check and count, write nothing. */
  dryRun?: boolean;
  /** The account that imports (recorded_by); null for the CLI. */
  importedBy?: string | null;
  /** For the audit trail: the account id, or "cli". Default: importedBy, else "cli". */
  actor?: string;
  requestId?: string;
}

export interface ConsentImportResult {
  fileName: string;
  dryRun: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Different people in the file. */
  people: number;
  /** Consent events written (one per person, channel, media kind and school year); for a dry run, that would be. */
  events: number;
  /** Events per status. */
  granted: number;
  refused: number;
  revoked: number;
  /** Answers the school held already (same status, same decider): not written again. */
  unchanged: number;
  /** Takedown tasks made for published posts (refusals and revocations). */
  takedowns: number;
}

/** Thrown inside the transaction of a dry run, so that everything is rolled back. */
class DryRun extends Error {
  constructor(readonly result: ConsentImportResult) {
    super('dry run');
  }
}

const CHOICE_PATH = /^\$\.choices\[(\d+)\]/;

/**
 * Imports a consent list into a school. Throws ConsentImportError (every problem with its line;
 * nothing is written) or SchoolNotFoundError. A dry run does everything in a transaction and rolls
 * it back, so its counts (takedowns included) are exactly those of the real import.
 */
export async function importConsents(props: ImportConsentsProps): Promise<ConsentImportResult> {
  const { db, schoolId } = props;
  const now = props.now ?? new Date();
  const dryRun = props.dryRun ?? false;
  const list = 'columns' in props.source ? props.source : parseConsentList(props.source);
  await findSchool(db, schoolId);
  const actor = props.actor ?? props.importedBy ?? 'cli';
  try {
    return await db.transaction(async (tx) => {
      // One consent import per school at a time (the roster import takes the same lock).
      await tx.select({ id: schools.id }).from(schools).where(eq(schools.id, schoolId)).for('update');
      // The school's current answers for the years in the file (to leave out what it has already).
      const yearColumn = list.columns.indexOf('school_year');
      const years = [...new Set(list.rows.map((r) => readSchoolYear(r.fields[yearColumn] ?? '')).filter((y): y is string => y !== null))];
      const checked = checkRows(list, await readSnapshot(tx, schoolId, years), now);
      if (checked.problems.length) throw new ConsentImportError(checked.problems);
      const choices = checked.planned.map((p) => p.choice);
      const recorded = choices.length
        ? await recordConsents(tx, choices, { schoolId, recordedBy: props.importedBy ?? null, actor, now, ...(props.requestId ? { requestId: props.requestId } : {}) }).catch((e: unknown) => {
            // recordConsents checks again; a choice it refuses is named by its index: give its lines.
            if (!(e instanceof ConsentError)) throw e;
            const i = choices.length === 1 ? 0 : Number(CHOICE_PATH.exec(e.path)?.[1] ?? -1);
            const lines = checked.planned[i]?.lines ?? [0];
            throw new ConsentImportError(lines.map((line) => ({ file: list.fileName, line, reason: e.message })));
          })
        : { eventIds: [], takedowns: 0 };
      await appendAudit(tx, {
        schoolId,
        actor,
        action: 'consent.import',
        subjectType: 'school',
        subjectId: schoolId,
        requestId: props.requestId ?? null,
        fields: ['consent_events'],
        at: now,
      });
      const count = (s: ConsentStatus) => choices.filter((c) => c.status === s).reduce((n, c) => n + c.media.length, 0);
      const result: ConsentImportResult = {
        fileName: list.fileName,
        dryRun,
        rows: list.rows.length,
        people: checked.people,
        events: recorded.eventIds.length,
        granted: count('granted'),
        refused: count('refused'),
        revoked: count('revoked'),
        unchanged: checked.unchanged,
        takedowns: recorded.takedowns,
      };
      if (dryRun) throw new DryRun(result);
      return result;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result;
    throw e;
  }
}
