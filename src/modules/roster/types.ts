// The roster as read from a file, independent of the file's format, and the error that lists
// every problem of a file that cannot be imported.

export type RosterFormat = 'simple' | 'oneroster';
export type PersonKind = 'student' | 'employee' | 'guardian' | 'other';

/** The largest file accepted, in bytes (checked before a file is read or parsed). */
export const MAX_ROSTER_BYTES = 20 * 1024 * 1024;

/** A file as received: its name (a path's base name or an upload's file name) and its bytes. */
export interface RosterFile {
  name: string;
  bytes: Uint8Array;
}

/** Where a problem is: the file (for OneRoster, which has several) and the 1-based line. */
export interface RosterProblem {
  /** The line in the file (1 = the header); 0 when the problem is about the file as a whole. */
  line: number;
  reason: string;
  file?: string;
}

/** One person of the roster, normalised. External ids are the school administration's. */
export interface RosterPerson {
  externalId: string;
  kind: PersonKind;
  givenName: string;
  prefix: string | null;
  familyName: string;
  nicknames: string[];
  /** YYYY-MM-DD. */
  birthDate: string | null;
  email: string | null;
  /** A student's group code. */
  group: string | null;
  /** The groups an employee teaches (group_staff). */
  teaches: string[];
  /** A guardian's children: students' external ids. */
  guardianOf: string[];
  /** An employee's function. */
  function: string | null;
  /** An employee's supervisor: an employee's external id. */
  supervisorId: string | null;
  /** Where the person was read, for problems found later. */
  source: { file?: string; line: number };
}

export interface RosterGroup {
  code: string;
  name: string | null;
  externalId: string | null;
}

/** A roster read and checked: ready to import. */
export interface RosterInput {
  format: RosterFormat;
  people: RosterPerson[];
  /** Groups with extra details (OneRoster classes); groups named only by code are added as needed. */
  groups: RosterGroup[];
  /** The file name(s), for the import record. */
  fileName: string | null;
}

const MAX_LISTED = 20;

function where(p: RosterProblem): string {
  const file = p.file ? `${p.file} ` : '';
  return p.line > 0 ? `${file}line ${p.line}` : p.file ? p.file : '';
}

/** "line 4: unknown kind ...; line 9: ...; and 3 more" */
export function describeProblems(problems: RosterProblem[], max = MAX_LISTED): string {
  const listed = problems.slice(0, max).map((p) => {
    const w = where(p);
    return w ? `${w}: ${p.reason}` : p.reason;
  });
  const more = problems.length > max ? `; and ${problems.length - max} more` : '';
  return `${listed.join('; ')}${more}`;
}

/** The roster cannot be imported; nothing was written. Lists every problem found. */
export class RosterImportError extends Error {
  readonly problems: RosterProblem[];
  constructor(problems: RosterProblem[], summary?: string) {
    const sorted = [...problems].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line);
    const head =
      summary ??
      (sorted.length === 1
        ? 'The roster was not imported (nothing was changed) because of 1 problem'
        : `The roster was not imported (nothing was changed) because of ${sorted.length} problems`);
    super(`${head}: ${describeProblems(sorted)}.`);
    this.name = 'RosterImportError';
    this.problems = sorted;
  }
}

/** A problem with the file as a whole (empty, too large, malformed): one sentence. */
export function fileError(reason: string, file?: string, line = 0): RosterImportError {
  return new RosterImportError([{ line, reason, ...(file ? { file } : {}) }], 'The roster was not imported (nothing was changed)');
}
