// Where the post mentions people of the roster, and how (contract, "Names"):
//   full        full name, with or without tussenvoegsel, possessive allowed   -> named
//   given_group given name or nickname + that student's group in the sentence  -> named
//   title       juf/meester/meneer/mevrouw + an employee's given or family name -> named
//   bare        a capitalised given name or nickname alone                      -> identifiable only
import type { PreparedRoster, RosterPerson } from './roster.ts';
import { NAME_FULL, NAME_GIVEN, normGroup } from './roster.ts';
import { TITLES } from './text/lexicon.ts';
import type { Token, Tokenized } from './text/tokens.ts';
import { WordFlags } from './text/tokens.ts';

export type MentionKind = 'full' | 'given_group' | 'title' | 'bare';

export interface Mention {
  kind: MentionKind;
  people: RosterPerson[];
  /** Token range of the name (for title: including the title). */
  from: number;
  to: number;
  sentence: number;
  /** For given_group and full: the group phrase of the person in the same sentence, if any. */
  group?: GroupMention;
}

export interface GroupMention {
  group: string;
  /** Folded offsets of the phrase, including a preposition before it ("uit groep 5b"). */
  start: number;
  end: number;
  sentence: number;
}

const GROUP_WORDS = new Set(['groep', 'klas']);
const PREPOSITIONS = new Set(['uit', 'van', 'in']);
const GROUP_LABEL = /^\d{1,2}[a-z]?$/;
const SECOND_NUMBER = /^\s?[/-]\s?(\d{1,2}[a-z]?)(?![\p{L}\p{N}])/u;
const UNITS = new Set(['minuten', 'minuut', 'seconden', 'uur', 'dagen', 'dag', 'weken', 'week', 'jaar', 'maanden', 'keer', 'euro', 'meter', 'km', 'procent']);
const GROUP_WORD = 1;
const PREPOSITION = 2;
const TITLE = 4;
/** The word sets above (and TITLES), read once per distinct word. */
const FLAGS = new WordFlags([
  [GROUP_WORDS, GROUP_WORD],
  [PREPOSITIONS, PREPOSITION],
  [TITLES, TITLE],
]);

/** "groep 7a", "klas 5b", "groep 5/6", or "7a" right after uit/van/in (not "in 5 minuten"). */
export function findGroups(folded: string, tokens: readonly Token[]): GroupMention[] {
  const out: GroupMention[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    const flags = FLAGS.of(t);
    if (!(flags & (GROUP_WORD | PREPOSITION))) continue;
    const isGroupWord = (flags & GROUP_WORD) !== 0;
    const label = tokens[i + 1]!;
    if (!label.joined || !GROUP_LABEL.test(label.word)) continue;
    let end = label.end;
    let group = label.word;
    let next = i + 2;
    const second = isGroupWord ? SECOND_NUMBER.exec(folded.slice(end, end + 8)) : null;
    if (second) {
      group += `/${second[1]}`;
      end += second[0].length;
      next++;
    }
    const after = tokens[next];
    if (!isGroupWord && after && after.joined && UNITS.has(after.word)) continue;
    const before = tokens[i - 1];
    const start = isGroupWord && before && before.joined && FLAGS.of(before) & PREPOSITION ? before.start : t.start;
    out.push({ group: normGroup(group), start, end, sentence: t.sentence });
  }
  return out;
}

/**
 * `starts`, when given, holds per token the flags of the name maps a name can start at
 * (NAME_FULL, NAME_GIVEN; see FirstWordIndex): tokens without the flag are not looked up.
 */
export function findMentions(
  roster: PreparedRoster,
  tk: Tokenized,
  groups: GroupMention[],
  isCapitalised: (t: Token) => boolean,
  starts?: readonly number[],
): Mention[] {
  const { tokens } = tk;
  const out: Mention[] = [];
  const covered: number[] = new Array<number>(tokens.length).fill(0);
  const mark = (m: Mention) => {
    for (let k = m.from; k < m.to; k++) covered[k] = 1;
    out.push(m);
  };
  const NONE: GroupMention[] = [];
  const groupsIn = (sentence: number) => (groups.length === 0 ? NONE : groups.filter((g) => g.sentence === sentence));

  // Titles first: "juf Sanne" is the teacher, even when a student has that given name.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (!(FLAGS.of(t) & TITLE)) continue;
    const next = tokens[i + 1]!;
    if (next.sentence !== t.sentence) continue;
    const nm = roster.staffNames.longestAt(tokens, i + 1);
    if (nm) {
      mark({ kind: 'title', people: nm.people, from: i, to: nm.to, sentence: t.sentence });
      i = nm.to - 1;
    }
  }
  // Full names.
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || (starts && !(starts[i]! & NAME_FULL))) continue;
    const nm = roster.fullNames.longestAt(tokens, i);
    if (nm && nm.to - nm.from >= 2) {
      const s = tokens[i]!.sentence;
      const group = pickGroup(nm.people, byNearness(groupsIn(s), tokens[nm.to - 1]!.end));
      mark({ kind: 'full', people: nm.people, from: nm.from, to: nm.to, sentence: s, ...(group ? { group } : {}) });
      i = nm.to - 1;
    }
  }
  // Given names and nicknames: with their group, or bare.
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || (starts && !(starts[i]! & NAME_GIVEN))) continue;
    const nm = roster.givenNames.longestAt(tokens, i);
    if (!nm) continue;
    const t = tokens[i]!;
    let matched = false;
    const sentenceGroups = byNearness(groupsIn(t.sentence), tokens[nm.to - 1]!.end);
    const key = sentenceGroups.length ? tokens.slice(nm.from, nm.to).map((x) => x.word).join(' ') : '';
    for (const g of sentenceGroups) {
      let students = roster.studentGroup.get(`${key}|${g.group}`);
      if (!students && t.raw === t.word && t.word.endsWith('s')) students = roster.studentGroup.get(`${key.slice(0, -1)}|${g.group}`);
      if (students) {
        mark({ kind: 'given_group', people: students, from: nm.from, to: nm.to, sentence: t.sentence, group: g });
        matched = true;
        break;
      }
    }
    if (!matched && isCapitalised(t)) mark({ kind: 'bare', people: nm.people, from: nm.from, to: nm.to, sentence: t.sentence });
    i = nm.to - 1;
  }
  out.sort((a, b) => a.from - b.from);
  return out;
}

/**
 * The group phrases of a sentence, the one that follows the name most closely first, then those
 * before it: in "Yusuf uit 5b en Sanne uit 5b" each name gets its own phrase.
 */
function byNearness(groups: GroupMention[], nameEnd: number): GroupMention[] {
  if (groups.length < 2) return groups;
  const after = groups.filter((g) => g.start >= nameEnd).sort((a, b) => a.start - b.start);
  const before = groups.filter((g) => g.start < nameEnd).sort((a, b) => b.start - a.start);
  return [...after, ...before];
}

function pickGroup(people: RosterPerson[], groups: GroupMention[]): GroupMention | undefined {
  for (const g of groups) if (people.some((p) => p.group === g.group)) return g;
  return undefined;
}

/** Named in the sense of the contract (bare given names are not). */
export function isNamed(m: Mention): boolean {
  return m.kind !== 'bare';
}
