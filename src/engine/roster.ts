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

/** A map from a folded name (words joined by one space) to people, with a quick first-word test. */
export class NameMap {
  private readonly map = new Map<string, RosterPerson[]>();
  private readonly firstWords = new Set<string>();
  maxWords = 1;

  add(name: string, p: RosterPerson): void {
    this.addWords(nameWords(name), p);
  }

  addWords(words: readonly string[], p: RosterPerson): void {
    if (words.length === 0) return;
    const key = words.join(' ');
    const list = this.map.get(key);
    if (!list) this.map.set(key, [p]);
    else if (list[list.length - 1] !== p) list.push(p); // one person can reach a key twice in a row (nickname = given name)
    this.firstWords.add(words[0]!);
    if (words.length > this.maxWords) this.maxWords = words.length;
  }

  get(key: string): RosterPerson[] | undefined {
    return this.map.get(key);
  }

  hasFirst(word: string): boolean {
    return this.firstWords.has(word);
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
      if (n > 1 && !t.joined) break;
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
}

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
  // Names repeat a lot across a roster: fold each distinct name part once.
  const wordCache = new Map<string, string[]>();
  const words = (s: string): string[] => {
    let w = wordCache.get(s);
    if (!w) {
      w = nameWords(s);
      wordCache.set(s, w);
    }
    return w;
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
    const family = words(p.familyName);
    const prefix = p.prefix?.trim() ? words(p.prefix) : [];
    const firsts = p.nicknames?.length ? [p.givenName, ...p.nicknames] : [p.givenName];
    for (const f of firsts) {
      const first = words(f);
      givenNames.addWords(first, rp);
      fullNames.addWords([...first, ...family], rp);
      if (prefix.length) fullNames.addWords([...first, ...prefix, ...family], rp);
      if (rp.group) {
        const key = `${first.join(' ')}|${rp.group}`;
        const list = studentGroup.get(key);
        if (list) list.push(rp);
        else studentGroup.set(key, [rp]);
      }
      if (p.kind === 'employee') staffNames.addWords(first, rp);
    }
    if (p.kind === 'employee') {
      staffNames.addWords(family, rp);
      if (prefix.length) staffNames.addWords([...prefix, ...family], rp);
    }
  }
  return { people, fullNames, givenNames, staffNames, studentGroup, birthDates };
}
