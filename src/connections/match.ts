// Matching an employee's connections against the school's students (A.6), in the browser.
// Rules (docs/lesson-permissions.md):
// - A student is matched by their whole name only: given name (or a nickname) together with the
//   family name, with or without the tussenvoegsel, in either order. Never by a given name alone.
// - Display names compare word by word, whatever the case and diacritics. The whole display name
//   equal to "given [tussenvoegsel] family" is "exact"; the other order, a nickname, or the name
//   with other words around it ("Sanne de Vries 🌸 groep 7") is "likely".
// - Usernames compare letter runs: digits, dots, underscores and dashes only separate
//   ("sanne.devries2016", "de_vries_sanne", "xx.sannedevries.xx"); the name must fill whole runs,
//   so "sannedevriesenbos" is not Sanne de Vries. A username match is at most "likely", and needs
//   at least five letters.
// - Students in an active school project of this employee (that day) are listed apart: for them
//   the connection is allowed.
import { nameWords, usernameParts } from './normalize.ts';
import type { Connection } from './parsers.ts';

export interface RosterStudent {
  id: string;
  kind: string;
  givenName: string;
  prefix?: string;
  familyName: string;
  nicknames?: string[];
  group?: string;
}

export interface ProjectPermission {
  kind: string;
  personId: string;
  studentIds?: string[];
  project?: string;
  from: string;
  until: string;
}

export type Confidence = 'exact' | 'likely';

export interface StudentMatch {
  studentId: string;
  name: string;
  group?: string;
  confidence: Confidence;
  /** What in the export matched: display names and @usernames, each once. */
  matchedBy: string[];
  /** The active school project that allows this connection, if any. */
  project?: string;
}

export interface MatchReport {
  /** Connections read from the export(s). */
  connections: number;
  /** Students found and not covered by a school project: end these connections or ask for a project. */
  notCovered: StudentMatch[];
  /** Students found, covered by an active school project of this employee. */
  covered: StudentMatch[];
}

const MIN_USERNAME_LETTERS = 5;

interface Variant {
  student: RosterStudent;
  confidence: Confidence;
}

export const fullName = (s: { givenName: string; prefix?: string | null; familyName: string }): string => [s.givenName, s.prefix, s.familyName].filter(Boolean).join(' ');

class StudentIndex {
  /** Words joined by a space → students. */
  readonly byWords = new Map<string, Variant[]>();
  /** All letters joined → students (for usernames). */
  readonly byLetters = new Map<string, Variant[]>();
  maxWords = 0;

  constructor(students: RosterStudent[]) {
    for (const s of students) {
      const family = nameWords(s.familyName);
      const prefix = nameWords(s.prefix ?? '');
      if (!family.length) continue;
      const givens: [string[], Confidence][] = [[nameWords(s.givenName), 'exact'], ...(s.nicknames ?? []).map((n): [string[], Confidence] => [nameWords(n), 'likely'])];
      for (const [given, conf] of givens) {
        if (!given.length) continue;
        const forms: [string[], Confidence][] = [
          [[...given, ...prefix, ...family], conf],
          [[...given, ...family], conf],
          [[...family, ...given], 'likely'],
          [[...prefix, ...family, ...given], 'likely'],
          [[...family, ...given, ...prefix], 'likely'],
        ];
        for (const [words, c] of forms) {
          this.add(this.byWords, words.join(' '), s, c);
          const letters = words.join('');
          if (letters.length >= MIN_USERNAME_LETTERS) this.add(this.byLetters, letters, s, 'likely');
          this.maxWords = Math.max(this.maxWords, words.length);
        }
      }
    }
  }

  private add(map: Map<string, Variant[]>, key: string, student: RosterStudent, confidence: Confidence): void {
    const list = map.get(key) ?? [];
    const same = list.find((v) => v.student.id === student.id);
    if (same) {
      if (confidence === 'exact') same.confidence = 'exact';
    } else list.push({ student, confidence });
    map.set(key, list);
  }
}

/** The students one connection stands for, with the confidence of each. */
function matchOne(index: StudentIndex, c: Connection): Map<string, Variant> {
  const found = new Map<string, Variant>();
  const note = (v: Variant, confidence: Confidence) => {
    const had = found.get(v.student.id);
    if (!had || (had.confidence === 'likely' && confidence === 'exact')) found.set(v.student.id, { student: v.student, confidence });
  };
  if (c.name) {
    const words = nameWords(c.name);
    const whole = index.byWords.get(words.join(' '));
    for (const v of whole ?? []) note(v, v.confidence);
    // The name among other words: at most "likely".
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 2; j <= Math.min(words.length, i + index.maxWords); j++) {
        if (i === 0 && j === words.length) continue;
        for (const v of index.byWords.get(words.slice(i, j).join(' ')) ?? []) note(v, 'likely');
      }
    }
  }
  const handle = c.username ?? (c.name && !/\s/.test(c.name.trim()) ? c.name : undefined);
  if (handle) {
    const parts = usernameParts(handle);
    for (let i = 0; i < parts.length; i++) {
      let letters = '';
      for (let j = i; j < parts.length; j++) {
        letters += parts[j];
        for (const v of index.byLetters.get(letters) ?? []) note(v, 'likely');
      }
    }
  }
  return found;
}

const label = (c: Connection): string => (c.name ? c.name : `@${c.username ?? ''}`);

/**
 * Finds the school's students among the connections. `employeeId` and `today` (YYYY-MM-DD in the
 * school's time zone) decide which school projects cover a student.
 */
export function matchConnections(
  roster: RosterStudent[],
  connections: Connection[],
  opts: { employeeId: string | null; today: string; permissions?: ProjectPermission[] },
): MatchReport {
  const students = roster.filter((p) => p.kind === 'student');
  const index = new StudentIndex(students);
  const hits = new Map<string, StudentMatch>();
  for (const c of connections) {
    for (const v of matchOne(index, c).values()) {
      const s = v.student;
      const had = hits.get(s.id);
      if (had) {
        if (v.confidence === 'exact') had.confidence = 'exact';
        if (!had.matchedBy.includes(label(c))) had.matchedBy.push(label(c));
      } else hits.set(s.id, { studentId: s.id, name: fullName(s), ...(s.group ? { group: s.group } : {}), confidence: v.confidence, matchedBy: [label(c)] });
    }
  }
  const projects = (opts.permissions ?? []).filter((p) => p.kind === 'school_project' && opts.employeeId !== null && p.personId === opts.employeeId && p.from.slice(0, 10) <= opts.today && opts.today <= p.until.slice(0, 10));
  const notCovered: StudentMatch[] = [];
  const covered: StudentMatch[] = [];
  for (const m of hits.values()) {
    const project = projects.find((p) => p.studentIds?.includes(m.studentId));
    if (project) covered.push({ ...m, project: project.project ?? '' });
    else notCovered.push(m);
  }
  const order = (a: StudentMatch, b: StudentMatch) => (a.confidence === b.confidence ? a.name.localeCompare(b.name, 'nl') : a.confidence === 'exact' ? -1 : 1);
  return { connections: connections.length, notCovered: notCovered.sort(order), covered: covered.sort(order) };
}
