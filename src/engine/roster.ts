// The roster prepared for fast name matching: every way a person can be written, folded, in
// hash maps keyed by the words of the name. Built once per school; a check then costs a few map
// look-ups per word of the post, whatever the size of the roster.
import type { Person } from './case.ts';
import { foldString } from './text/normalize.ts';
import type { Token } from './text/tokens.ts';

export interface RosterPerson {
  id: string;
  kind: Person['kind'];
  /** The given name as written in the roster (used by the personal.name fix). */
  givenName: string;
  /** Folded group ("5b") of a student, or undefined. */
  group?: string;
  /** Folded groups of an employee. */
  groups?: string[];
  guardianOf?: string[];
  birthDate?: string;
}

/** The folded words of (part of) a name and their join with spaces. */
export interface NamePart {
  words: readonly string[];
  key: string;
}

/** A map from a folded name (words joined by one space) to people, with a quick first-word test. */
export class NameMap {
  private readonly map = new Map<string, RosterPerson[]>();
  private readonly firstWords = new Set<string>();
  /**
   * Words after the first in some name (flag 1), and those words with an "s" after them (flag 2,
   * a possessive): a longer name is only tried when the next word can continue one.
   */
  private readonly laterWords = new Map<string, number>();
  maxWords = 1;

  add(name: string, p: RosterPerson): void {
    this.addWords(nameWords(name), p);
  }

  /** Adds a name by its words; `key` is their join with spaces, when the caller has it already. */
  addWords(words: readonly string[], p: RosterPerson, key = words.join(' ')): void {
    if (words.length === 0) return;
    this.insert(key, p);
    this.firstWords.add(words[0]!);
    for (let k = 1; k < words.length; k++) this.addLater(words[k]!);
    if (words.length > this.maxWords) this.maxWords = words.length;
  }

  /** Adds the name `head` + `tail` (given name + family name) without building its word list. */
  addPair(head: NamePart, tail: NamePart, p: RosterPerson): void {
    if (head.words.length === 0 || tail.words.length === 0) {
      const only = head.words.length === 0 ? tail : head;
      this.addWords(only.words, p, only.key);
      return;
    }
    this.insert(`${head.key} ${tail.key}`, p);
    this.firstWords.add(head.words[0]!);
    for (let k = 1; k < head.words.length; k++) this.addLater(head.words[k]!);
    for (const w of tail.words) this.addLater(w);
    const n = head.words.length + tail.words.length;
    if (n > this.maxWords) this.maxWords = n;
  }

  private insert(key: string, p: RosterPerson): void {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [p]);
    else if (list[list.length - 1] !== p) list.push(p); // one person can reach a key twice in a row (nickname = given name)
  }

  private addLater(w: string): void {
    const f = this.laterWords.get(w) ?? 0;
    if (f & 1) return;
    this.laterWords.set(w, f | 1);
    const s = `${w}s`;
    this.laterWords.set(s, (this.laterWords.get(s) ?? 0) | 2);
  }

  get(key: string): RosterPerson[] | undefined {
    return this.map.get(key);
  }

  hasFirst(word: string): boolean {
    return this.firstWords.has(word);
  }

  /** The words a name can start with. */
  firsts(): Iterable<string> {
    return this.firstWords;
  }

  get size(): number {
    return this.map.size;
  }

  /**
   * The longest name that starts at token i, words separated by white space only. The last word
   * may carry a possessive ("Sanne's", "Sannes", "Demirs").
   */
  longestAt(tokens: readonly Token[], i: number, to = tokens.length): NameMatch | null {
    const first = tokens[i]!;
    if (!this.firstWords.has(first.word) && !(first.raw.endsWith('s') && this.firstWords.has(first.raw.slice(0, -1)))) return null;
    let key = '';
    let best: NameMatch | null = null;
    for (let n = 1; n <= this.maxWords && i + n <= to; n++) {
      const t = tokens[i + n - 1]!;
      if (n > 1 && (!t.joined || !this.canContinue(t))) break;
      const prefix = key;
      key = n === 1 ? t.word : `${key} ${t.word}`;
      let people = this.map.get(key);
      if (!people && t.raw === t.word && t.word.length > 2 && t.word.endsWith('s')) {
        people = this.map.get(n === 1 ? stripS(t.raw) : `${prefix} ${stripS(t.raw)}`);
      }
      if (people) best = { from: i, to: i + n, people };
    }
    return best;
  }

  /** Can the token be a later word of a name, as written or as a possessive ("Demirs")? */
  private canContinue(t: Token): boolean {
    if ((this.laterWords.get(t.word) ?? 0) & 1) return true;
    return t.raw === t.word && t.word.length > 2 && ((this.laterWords.get(t.raw) ?? 0) & 2) !== 0;
  }
}

/**
 * Which of several NameMaps a token can start a name in, as a bit mask, with one map look-up per
 * token: the quick first-word test of `longestAt` for all of them at once. A word also stands in
 * the index with an "s" after it (flag shifted by POSSESSIVE_SHIFT), as `longestAt` accepts
 * "Sannes" for "Sanne".
 */
export class FirstWordIndex {
  private readonly map = new Map<string, number>();
  /** Per word number (Token.id) of a token without possessive: its flags, or -1 when not computed yet. */
  private byId: number[] = [];

  add(names: NameMap, flag: number): void {
    this.byId = [];
    for (const w of names.firsts()) {
      this.map.set(w, (this.map.get(w) ?? 0) | flag);
      const s = `${w}s`;
      this.map.set(s, (this.map.get(s) ?? 0) | (flag << POSSESSIVE_SHIFT));
    }
  }

  /** The flags of the maps where `longestAt(tokens, i)` can find a name (0: none). */
  flagsAt(t: Token): number {
    const id = t.id;
    if (id >= 0 && t.raw === t.word) {
      // Remembered per word: a post's words are mostly words seen before.
      const byId = this.byId;
      while (byId.length <= id) byId.push(-1); // dense: stays a fast array
      let f = byId[id]!;
      if (f < 0) {
        f = this.lookUp(t);
        byId[id] = f;
      }
      return f;
    }
    return this.lookUp(t);
  }

  private lookUp(t: Token): number {
    const m = this.map.get(t.word) ?? 0;
    const r = t.raw === t.word ? m : (this.map.get(t.raw) ?? 0);
    return (m | (r >> POSSESSIVE_SHIFT)) & FLAG_MASK;
  }
}
const POSSESSIVE_SHIFT = 8;
/** FirstWordIndex flags of the school's name maps. */
export const NAME_FULL = 1;
export const NAME_GIVEN = 2;
export const NAME_ORG = 4;
const FLAG_MASK = (1 << POSSESSIVE_SHIFT) - 1;

export interface NameMatch {
  from: number;
  to: number;
  people: RosterPerson[];
}

function stripS(w: string): string {
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

const NAME_WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;

/** The folded words of a name as the tokenizer would produce them. */
export function nameWords(name: string): string[] {
  return foldString(name).match(NAME_WORD) ?? [];
}

export function normGroup(g: string): string {
  return foldString(g).replace(/^(groep|klas)\s*/, '').replace(/\s+/g, '').replace('-', '/');
}

export interface PreparedRoster {
  people: Map<string, RosterPerson>;
  /** Full names: given or nickname + (tussenvoegsel) + family name. */
  fullNames: NameMap;
  /** Given names and nicknames of everyone. */
  givenNames: NameMap;
  /** Employees' given and family names (with and without tussenvoegsel), for "juf/meester + name". */
  staffNames: NameMap;
  /** Students by "given|group". */
  studentGroup: Map<string, RosterPerson[]>;
  /** Birth dates (YYYY-MM-DD) of people on the roster. */
  birthDates: Set<string>;
}

export function prepareRoster(roster: readonly Person[]): PreparedRoster {
  const people = new Map<string, RosterPerson>();
  const fullNames = new NameMap();
  const givenNames = new NameMap();
  const staffNames = new NameMap();
  const studentGroup = new Map<string, RosterPerson[]>();
  const birthDates = new Set<string>();
  // Names repeat a lot across a roster: fold each distinct name part once, and join each
  // distinct tussenvoegsel + family name once.
  const partCache = new Map<string, NamePart>();
  const part = (s: string): NamePart => {
    let w = partCache.get(s);
    if (!w) {
      const ws = nameWords(s);
      w = { words: ws, key: ws.join(' ') };
      partCache.set(s, w);
    }
    return w;
  };
  const pairCache = new Map<NamePart, Map<NamePart, NamePart>>();
  const pair = (a: NamePart, b: NamePart): NamePart => {
    let byB = pairCache.get(a);
    if (!byB) pairCache.set(a, (byB = new Map()));
    let ab = byB.get(b);
    if (!ab) {
      const ws = [...a.words, ...b.words];
      ab = { words: ws, key: ws.join(' ') };
      byB.set(b, ab);
    }
    return ab;
  };
  const groupCache = new Map<string, string>();
  const group = (g: string): string => {
    let n = groupCache.get(g);
    if (n === undefined) {
      n = normGroup(g);
      groupCache.set(g, n);
    }
    return n;
  };
  for (const p of roster) {
    const rp: RosterPerson = { id: p.id, kind: p.kind, givenName: p.givenName.trim() };
    if (p.kind === 'student' && p.group) rp.group = group(p.group);
    if (p.kind === 'employee' && p.groups) rp.groups = p.groups.map(group);
    if (p.kind === 'guardian' && p.guardianOf) rp.guardianOf = p.guardianOf;
    if (p.birthDate) {
      rp.birthDate = p.birthDate;
      birthDates.add(p.birthDate);
    }
    people.set(p.id, rp);
    const family = part(p.familyName);
    const prefix = p.prefix?.trim() ? part(p.prefix) : null;
    const prefixFamily = prefix && prefix.words.length ? pair(prefix, family) : null;
    // The given name, then the nicknames.
    const nicknames = p.nicknames?.length ?? 0;
    for (let k = -1; k < nicknames; k++) {
      const first = part(k < 0 ? p.givenName : p.nicknames![k]!);
      givenNames.addWords(first.words, rp, first.key);
      fullNames.addPair(first, family, rp);
      if (prefixFamily) fullNames.addPair(first, prefixFamily, rp);
      if (rp.group) {
        const key = `${first.key}|${rp.group}`;
        const list = studentGroup.get(key);
        if (list) list.push(rp);
        else studentGroup.set(key, [rp]);
      }
      if (p.kind === 'employee') staffNames.addWords(first.words, rp, first.key);
    }
    if (p.kind === 'employee') {
      staffNames.addWords(family.words, rp, family.key);
      if (prefixFamily) staffNames.addWords(prefixFamily.words, rp, prefixFamily.key);
    }
  }
  return { people, fullNames, givenNames, staffNames, studentGroup, birthDates };
}
