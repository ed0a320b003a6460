// What every rule gets: the school prepared once (roster index, consents, permissions,
// timetable) and the post prepared once (folded text, words, sentences, mentions).
import type { CheckCase, Consent, Organization, Post, Role, School, Span } from './case.ts';
import { CaseValidationError, DEFAULT_TIMETABLE } from './case.ts';
import type { GroupMention, Mention } from './mentions.ts';
import { findGroups, findMentions } from './mentions.ts';
import type { PreparedRoster, RosterPerson } from './roster.ts';
import { FirstWordIndex, NAME_FULL, NAME_GIVEN, NAME_ORG, NameMap, prepareRoster } from './roster.ts';
import type { Folded } from './text/normalize.ts';
import { fold, originalStart, toOriginal } from './text/normalize.ts';
import type { Token, Tokenized } from './text/tokens.ts';
import { tokenize } from './text/tokens.ts';
import type { LocalTime } from './time.ts';
import { hhmmToMinutes, localTime, parseMoment } from './time.ts';
import type { ProtocolDefinition, RuleArticles } from '../protocols/index.ts';
import type { AbuseHit, PreparedAbuseLexicon } from './text/abuse.ts';
import { detectAbuse, prepareAbuseLexicon } from './text/abuse.ts';
import type { IdentifierMatch } from './text/identifiers.ts';
import { findIdentifiers } from './text/identifiers.ts';

export interface LessonPermission {
  from: number;
  until: number;
}
export interface ProjectPermission {
  students: Set<string>;
  from: string;
  until: string;
}

export interface PreparedSchool {
  protocol: ProtocolDefinition;
  organization: Required<Pick<Organization, 'name'>> & { aliases: string[]; disclosure: string; disclaimer: string };
  school: School;
  timezone: string;
  roster: PreparedRoster;
  /** Organisation and school names and aliases; the value says which. */
  names: NameMap;
  /** Which names a word can start: full, given (roster) or organisation names (NAME_* flags). */
  firstWords: FirstWordIndex;
  orgIds: { org: string; school: string };
  consents: Map<string, Consent[]>;
  lessonPermissions: Map<string, LessonPermission[]>;
  projects: Map<string, ProjectPermission[]>;
  /** Lesson blocks per ISO weekday, in minutes since midnight. */
  timetable: Map<number, [number, number][]>;
  holidays: [string, string][];
  contactPhoneDigits?: string;
  contactEmail?: string;
  /** The school's own decency terms (school.decency), prepared once; absent when it has none. */
  abuseLexicon?: PreparedAbuseLexicon;
}

export interface Author {
  role: Role;
  person?: RosterPerson;
}

export interface PostContext {
  school: PreparedSchool;
  articles: RuleArticles;
  post: Post;
  text: string;
  folded: Folded;
  tk: Tokenized;
  groups: GroupMention[];
  mentions: Mention[];
  /** Token ranges where the organisation or the school is named. */
  orgMentions: { from: number; to: number; which: 'org' | 'school' }[];
  author: Author;
  at: number;
  local: LocalTime;
  isEmployee: boolean;
  isPersonalChannel: boolean;
  /** BSN, IBAN, phone, e-mail, address and date matches in the text. */
  identifiers: IdentifierMatch[];
  /** Abusive language in the text (computed once, on first use). */
  abuse(): AbuseHit[];
  /** Original spans of the abuse hits. */
  abuseSpans(): Span[];
}

export type SchoolInput = Omit<CheckCase, 'post'>;

export function prepareSchool(c: SchoolInput, protocol: ProtocolDefinition): PreparedSchool {
  const orgName = c.organization?.name ?? protocol.organization.name;
  const orgAliases = c.organization?.aliases ?? (c.organization ? [] : protocol.organization.aliases);
  const fill = (t: string) => t.replaceAll('{org}', orgName);
  const organization = {
    name: orgName,
    aliases: orgAliases,
    disclosure: c.organization?.disclosure ?? fill(protocol.sentences.disclosure.nl),
    disclaimer: c.organization?.disclaimer ?? fill(protocol.sentences.disclaimer.nl),
  };
  const names = new NameMap();
  const orgIds = { org: '\u0000org', school: '\u0000school' };
  const orgPerson = { id: orgIds.org, kind: 'other', givenName: orgName } as const;
  const schoolPerson = { id: orgIds.school, kind: 'other', givenName: c.school.name } as const;
  for (const n of [orgName, ...orgAliases]) if (n.trim()) names.add(n, orgPerson);
  for (const n of [c.school.name, ...(c.school.aliases ?? [])]) if (n.trim()) names.add(n, schoolPerson);

  const consents = new Map<string, Consent[]>();
  for (const k of c.consents) {
    const l = consents.get(k.personId);
    if (l) l.push(k);
    else consents.set(k.personId, [k]);
  }
  const tz = c.school.timezone;
  const lessonPermissions = new Map<string, LessonPermission[]>();
  const projects = new Map<string, ProjectPermission[]>();
  c.permissions.forEach((p, i) => {
    if (p.kind === 'lesson_time') {
      const entry = { from: parseMoment(p.from, tz), until: parseMoment(p.until, tz) };
      for (const key of ['from', 'until'] as const) {
        if (Number.isNaN(entry[key])) throw new CaseValidationError([{ path: `$.permissions[${i}].${key}`, message: `"${p[key]}" is not a valid date and time` }]);
      }
      // A date alone as the end means up to and including that day.
      if (/^\d{4}-\d{2}-\d{2}$/.test(p.until.trim())) entry.until += 24 * 3600 * 1000;
      const l = lessonPermissions.get(p.personId);
      if (l) l.push(entry);
      else lessonPermissions.set(p.personId, [entry]);
    } else {
      const entry = { students: new Set(p.studentIds), from: p.from, until: p.until };
      const l = projects.get(p.personId);
      if (l) l.push(entry);
      else projects.set(p.personId, [entry]);
    }
  });
  const timetable = new Map<number, [number, number][]>();
  for (const [day, blocks] of Object.entries(c.school.timetable ?? DEFAULT_TIMETABLE)) {
    timetable.set(
      Number(day),
      blocks.map(([a, b]) => [hhmmToMinutes(a), hhmmToMinutes(b)] as [number, number]),
    );
  }
  const phone = c.school.contact?.phone?.replace(/\D/g, '');
  const roster = prepareRoster(c.roster);
  const firstWords = new FirstWordIndex();
  firstWords.add(roster.fullNames, NAME_FULL);
  firstWords.add(roster.givenNames, NAME_GIVEN);
  firstWords.add(names, NAME_ORG);
  const abuseLexicon = prepareAbuseLexicon(c.school.decency);
  return {
    protocol,
    organization,
    school: c.school,
    timezone: tz,
    roster,
    names,
    firstWords,
    orgIds,
    consents,
    lessonPermissions,
    projects,
    timetable,
    holidays: c.school.holidays ?? [],
    ...(phone ? { contactPhoneDigits: nationalDigits(phone) } : {}),
    ...(c.school.contact?.email ? { contactEmail: c.school.contact.email.trim().toLowerCase() } : {}),
    ...(abuseLexicon ? { abuseLexicon } : {}),
  };
}

/** +31 / 0031 writings to the national form starting with 0. */
export function nationalDigits(digits: string): string {
  if (digits.startsWith('0031')) return `0${digits.slice(4).replace(/^0/, '')}`;
  if (digits.startsWith('31') && digits.length === 11) return `0${digits.slice(2)}`;
  return digits;
}

export function preparePost(school: PreparedSchool, post: Post, now: number): PostContext {
  const text = post.text;
  // Identifiers are not words: words are read with them blanked out (same length, so offsets
  // hold), exactly as they read once the identifiers are redacted ("Vries'sinfo@x.nl").
  const identifiers = findIdentifiers(text);
  const folded = fold(identifiers.length ? blankOut(text, identifiers) : text);
  const tk = tokenize(folded.text);
  const groups = findGroups(folded.text, tk.tokens);
  const isCapitalised = (t: Token) => {
    const c = text[originalStart(folded, t.start)]!;
    return c !== c.toLowerCase();
  };
  // One look-up per word says which name maps can match there; the passes below skip the rest.
  // (A plain array: a typed array over 64 bytes gets a backing store outside the heap, which
  // costs more than the whole loop.)
  const starts: number[] = new Array<number>(tk.tokens.length);
  let anyOrg = false;
  for (let i = 0; i < tk.tokens.length; i++) {
    const f = school.firstWords.flagsAt(tk.tokens[i]!);
    starts[i] = f;
    if (f & NAME_ORG) anyOrg = true;
  }
  const mentions = findMentions(school.roster, tk, groups, isCapitalised, starts);
  const orgMentions: PostContext['orgMentions'] = [];
  for (let i = 0; anyOrg && i < tk.tokens.length; i++) {
    if (!(starts[i]! & NAME_ORG)) continue;
    const m = school.names.longestAt(tk.tokens, i);
    // A name of several words ("De Regenboog") is also an ordinary phrase ("na de regen kwam de
    // regenboog"): as a name its last word is capitalised. One-word names match in any case.
    if (m && (m.to - m.from === 1 || isCapitalised(tk.tokens[m.to - 1]!))) {
      orgMentions.push({ from: m.from, to: m.to, which: m.people.some((p) => p.id === school.orgIds.org) ? 'org' : 'school' });
      i = m.to - 1;
    }
  }
  const author = resolveAuthor(school, post);
  const at = post.at ? parseMoment(post.at, school.timezone) : now;
  if (Number.isNaN(at)) throw new CaseValidationError([{ path: '$.post.at', message: `"${post.at}" is not a valid date and time` }]);
  let abuse: AbuseHit[] | undefined;
  const getAbuse = () => (abuse ??= detectAbuse(text, school.abuseLexicon));
  return {
    identifiers,
    abuse: getAbuse,
    abuseSpans: () => getAbuse().map((h) => [h.start, h.end] as Span),
    school,
    articles: school.protocol.rules,
    post,
    text,
    folded,
    tk,
    groups,
    mentions,
    orgMentions,
    author,
    at,
    local: localTime(at, school.timezone),
    isEmployee: author.role === 'employee',
    isPersonalChannel: post.channel.kind === 'personal',
  };
}

function resolveAuthor(school: PreparedSchool, post: Post): Author {
  if ('personId' in post.author) {
    const person = school.roster.people.get(post.author.personId);
    if (person) return { role: person.kind, person };
    return { role: 'other' };
  }
  return { role: post.author.role };
}

/** Original-text span of tokens [from, to). */
export function tokenSpan(ctx: PostContext, from: number, to: number): Span {
  const t = ctx.tk.tokens;
  return toOriginal(ctx.folded, t[from]!.start, t[to - 1]!.end);
}

/** Original-text span of a folded range. */
export function foldedSpan(ctx: PostContext, start: number, end: number): Span {
  return toOriginal(ctx.folded, start, end);
}

/** Is a token inside the organisation's or school's name? */
export function inOrgName(ctx: PostContext, tokenIndex: number): boolean {
  return ctx.orgMentions.some((m) => tokenIndex >= m.from && tokenIndex < m.to);
}

function blankOut(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + ' '.repeat(s.end - s.start);
    at = s.end;
  }
  return out + text.slice(at);
}
