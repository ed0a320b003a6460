// A.2 (C.1 for an employee in a private situation): no personal or confidential information.
//   names       a student's or guardian's full name, or a student's given name with their group
//   identifiers BSN, IBAN, phone, e-mail, address, birth date (whoever they belong to)
//   sensitive   health, religion, ethnicity, home situation, grades, discipline about a person
//   confidential matters marked confidential, unannounced plans, complaints in progress
import type { Finding, Span } from '../case.ts';
import type { PostContext } from '../context.ts';
import { foldedSpan, inOrgName, tokenSpan } from '../context.ts';
import type { GroupMention, Mention } from '../mentions.ts';
import type { RosterPerson } from '../roster.ts';
import type { SensitiveCategory } from '../text/lexicon.ts';
import { ANNOUNCED, CONFIDENTIAL, NEGATORS, PERSON_PRONOUNS, SENSITIVE } from '../text/lexicon.ts';
import type { IdentifierKind } from '../text/identifiers.ts';
import { nationalDigits } from '../context.ts';
import { finding } from './finding.ts';

export const REDACTED = '[verwijderd]';

export function personalDataRule(ctx: PostContext): Finding[] {
  const rule = ctx.isEmployee && ctx.post.situation === 'private' ? ctx.articles.personalDataPrivateEmployee : ctx.articles.personalData;
  if (!rule) return [];
  return [...nameFindings(ctx, rule), ...identifierFindings(ctx, rule), ...sensitiveFindings(ctx, rule), ...confidentialFindings(ctx, rule)];
}

// ---- names ---------------------------------------------------------------------------------

function nameFindings(ctx: PostContext, rule: string): Finding[] {
  const out: Finding[] = [];
  // Group phrases that a name fix takes away with the name ("Yusuf uit groep 5b" -> "Yusuf").
  const consumed = new Set<GroupMention>();
  for (const m of ctx.mentions) if (m.group && adjacency(ctx, m) !== 'none') consumed.add(m.group);
  for (const m of ctx.mentions) {
    if (m.kind !== 'full' && m.kind !== 'given_group') continue;
    const person =
      m.kind === 'full'
        ? m.people.find((p) => p.kind === 'student' || p.kind === 'guardian')
        : m.people.find((p) => p.kind === 'student');
    if (!person) continue;
    const { span, text } = nameFix(ctx, m, person, consumed);
    out.push(
      finding(
        rule,
        'fix',
        'personal.name',
        {
          nl: `Hiermee is ${person.kind === 'guardian' ? 'een ouder' : 'een leerling'} te herkennen. Noem alleen de voornaam.`,
          en: `This makes ${person.kind === 'guardian' ? 'a parent' : 'a student'} recognisable. Use the first name only.`,
        },
        { span, personId: person.id, fix: { kind: 'replace', span, text } },
      ),
    );
  }
  return out;
}

/**
 * The whole naming and what replaces it: the full name, or the name with its group phrase right
 * after it ("Yusuf Demir uit groep 5b"), becomes the given name alone. When the group stands
 * elsewhere in the sentence the given name would still name the child, so it becomes
 * "een leerling" (documented in docs/check-engine.md).
 */
/** Does the mention's group phrase stand right after or right before the name? */
function adjacency(ctx: PostContext, m: Mention): 'after' | 'before' | 'none' {
  const g = m.group;
  if (!g) return 'none';
  const tokens = ctx.tk.tokens;
  const start = tokens[m.from]!.start;
  const end = tokens[m.to - 1]!.end;
  if (g.start >= end && /^[\s,]*$/.test(ctx.folded.text.slice(end, g.start))) return 'after';
  if (g.end <= start && /^[\s,:]*$/.test(ctx.folded.text.slice(g.end, start))) return 'before';
  return 'none';
}

function nameFix(ctx: PostContext, m: Mention, person: RosterPerson, consumed: Set<GroupMention>): { span: Span; text: string } {
  const tokens = ctx.tk.tokens;
  const first = tokens[m.from]!;
  const last = tokens[m.to - 1]!;
  let start = first.start;
  let end = last.end;
  let text = person.givenName;
  // Keep a possessive: "Yusuf Demirs fiets" -> "Yusufs fiets".
  const origLast = ctx.text.slice(...foldedSpan(ctx, last.start, last.end));
  const possessive = /['’]s$/i.test(origLast) ? origLast.slice(-2) : last.raw !== last.word ? "'s" : '';
  if (possessive) text += possessive;
  else if (m.kind === 'full' && ctx.school.roster.fullNames.get(tokens.slice(m.from, m.to).map((t) => t.word).join(' ')) === undefined) {
    // Matched by dropping a trailing "s" ("Demirs"): a possessive without apostrophe.
    text += /[aeiouy]$/i.test(text) ? "'s" : 's';
  }
  if (m.group) {
    const side = adjacency(ctx, m);
    // Another phrase of the same group left in the sentence would still name the child with
    // the given name alone.
    const g = m.group;
    const leftOver = ctx.groups.some((x) => x !== g && x.sentence === g.sentence && x.group === g.group && !consumed.has(x));
    if (side === 'none' || leftOver) {
      const atStart = ctx.tk.sentences[m.sentence]?.from === m.from;
      text = atStart ? 'Een leerling' : 'een leerling';
      if (side === 'after') end = g.end;
      else if (side === 'before') start = g.start;
    } else if (side === 'after') end = g.end;
    else start = g.start;
  }
  return { span: foldedSpan(ctx, start, end), text };
}

// ---- identifiers ---------------------------------------------------------------------------

const ID_CODE: Record<IdentifierKind, string> = {
  bsn: 'personal.bsn',
  iban: 'personal.iban',
  phone: 'personal.phone',
  email: 'personal.email',
  address: 'personal.address',
  date: 'personal.birthdate',
};
const ID_NL: Record<IdentifierKind, string> = {
  bsn: 'een burgerservicenummer (BSN)',
  iban: 'een bankrekeningnummer (IBAN)',
  phone: 'een telefoonnummer',
  email: 'een e-mailadres',
  address: 'een adres',
  date: 'een geboortedatum',
};
const ID_EN: Record<IdentifierKind, string> = {
  bsn: 'a citizen service number (BSN)',
  iban: 'a bank account number (IBAN)',
  phone: 'a phone number',
  email: 'an e-mail address',
  address: 'an address',
  date: 'a date of birth',
};

function identifierFindings(ctx: PostContext, rule: string): Finding[] {
  const out: Finding[] = [];
  for (const id of ctx.identifiers) {
    if (id.kind === 'phone' && ctx.school.contactPhoneDigits && nationalDigits(id.normalized) === ctx.school.contactPhoneDigits) continue;
    if (id.kind === 'email' && ctx.school.contactEmail === id.normalized) continue;
    if (id.kind === 'date' && !id.birthContext && !ctx.school.roster.birthDates.has(id.normalized)) continue;
    const span: Span = [id.start, id.end];
    out.push(
      finding(
        rule,
        'fix',
        ID_CODE[id.kind],
        {
          nl: `Hier staat ${ID_NL[id.kind]}. Dat blijft openbaar zodra je het plaatst; haal het weg.`,
          en: `This is ${ID_EN[id.kind]}. It stays public once posted; remove it.`,
        },
        { span, fix: { kind: 'replace', span, text: REDACTED } },
      ),
    );
  }
  return out;
}

// ---- special categories --------------------------------------------------------------------

const CATEGORY_NL: Record<SensitiveCategory, string> = {
  health: 'gezondheid',
  religion: 'geloof',
  ethnicity: 'afkomst',
  home: 'de thuissituatie',
  grades: 'schoolresultaten',
  discipline: 'straffen of maatregelen',
};
const CATEGORY_EN: Record<SensitiveCategory, string> = {
  health: 'health',
  religion: 'religion',
  ethnicity: 'ethnic origin',
  home: 'the home situation',
  grades: 'school results',
  discipline: 'discipline',
};

const GRADE = /(?<![\p{L}\p{N}])(?:een|n|'n)\s+\d{1,2}(?:[.,]\d{1,2})?\s+(?:voor|gehaald|gescoord|op)(?![\p{L}])/gu;

/**
 * False when GRADE cannot match, read from the tokens instead of running the regex over the text:
 * its number starts a word right after white space, and the word before ends in the "n" of
 * een/n/'n.
 */
function mayHaveGrade(ctx: PostContext): boolean {
  const { tokens } = ctx.tk;
  const text = ctx.folded.text;
  for (let k = 1; k < tokens.length; k++) {
    const c = text.charCodeAt(tokens[k]!.start);
    if (c >= 48 && c <= 57 && text.charCodeAt(tokens[k - 1]!.end - 1) === 110) return true;
  }
  return false;
}

function sensitiveFindings(ctx: PostContext, rule: string): Finding[] {
  const { tokens, sentences } = ctx.tk;
  const hits: { span: Span; category: SensitiveCategory; sentence: number }[] = [];
  for (const m of SENSITIVE.match(tokens)) {
    if (inOrgName(ctx, m.from)) continue;
    hits.push({ span: tokenSpan(ctx, m.from, m.to), category: m.value, sentence: tokens[m.from]!.sentence });
  }
  if (mayHaveGrade(ctx)) {
    GRADE.lastIndex = 0;
    let g: RegExpExecArray | null;
    while ((g = GRADE.exec(ctx.folded.text)) !== null) {
      const at = g.index;
      const sentence = Math.max(0, sentences.findIndex((x) => at < x.end));
      hits.push({ span: foldedSpan(ctx, at, at + g[0].length), category: 'grades', sentence });
    }
  }
  if (hits.length === 0) return [];
  const personIn = (s: number): Mention | undefined => ctx.mentions.find((m) => m.sentence === s);
  const abuse = ctx.abuseSpans();
  const out: Finding[] = [];
  for (const h of hits) {
    let who = personIn(h.sentence);
    if (!who && h.sentence > 0) {
      const s = sentences[h.sentence]!;
      const pronoun = tokens.slice(s.from, s.to).some((t) => PERSON_PRONOUNS.has(t.word));
      if (pronoun) who = personIn(h.sentence - 1);
    }
    if (!who) continue;
    if (abuse.some(([a, b]) => h.span[0] < b && a < h.span[1])) continue;
    out.push(
      finding(
        rule,
        'block',
        'personal.sensitive',
        {
          nl: `Dit gaat over ${CATEGORY_NL[h.category]} van iemand die te herkennen is. Zulke gegevens zijn extra gevoelig: deel ze niet.`,
          en: `This is about ${CATEGORY_EN[h.category]} of a recognisable person. Such data is especially sensitive: do not share it.`,
        },
        { span: h.span, personId: who.people[0]!.id },
      ),
    );
  }
  return out;
}

// ---- confidential --------------------------------------------------------------------------

const COMPLAINT_CUE = /(?<![\p{L}])(ingediend|indienen|loopt|lopende|tegen|behandeling|onderzo\p{L}*|commissie|rechtszaak|advocaat)(?![\p{L}])/u;

function confidentialFindings(ctx: PostContext, rule: string): Finding[] {
  const { tokens, sentences } = ctx.tk;
  const matches = CONFIDENTIAL.match(tokens);
  const out: Finding[] = [];
  for (const m of matches) {
    const s = sentences[tokens[m.from]!.sentence]!;
    const before = tokens[m.from - 1];
    if (before && before.sentence === tokens[m.from]!.sentence && NEGATORS.has(before.word)) continue;
    if (tokens[m.from]!.word === 'intern' && tokens[m.from + 1]?.word.startsWith('begeleid')) continue;
    if (m.value === 'plan' && ANNOUNCED.match(tokens, s.from, s.to).length > 0) continue;
    if (m.value === 'complaint' && !COMPLAINT_CUE.test(ctx.folded.text.slice(s.start, s.end))) continue;
    out.push(
      finding(
        rule,
        'block',
        'confidential',
        {
          nl: 'Dit lijkt vertrouwelijke informatie van school (iets intern, een plan dat nog niet bekend is of een klacht die loopt). Deel dat niet.',
          en: 'This looks like confidential school information (something internal, a plan not yet announced, or a complaint in progress). Do not share it.',
        },
        { span: tokenSpan(ctx, m.from, m.to) },
      ),
    );
  }
  return out;
}
