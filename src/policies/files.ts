// Personnel and student files (D.1, D.4; docs/files.md). A file is open only to the roles that need
// it: HR and the board read personnel files, the director and the internal supervisor student
// files, each at their own school. Every read is an audit event. Letters of a case are written by
// those who handle cases; a warning or suspension letter announces a decision of the bevoegd
// gezag, so only those who decide measures send it (a hearing invitation any writer sends). The
// letter lands in the file, not in the writer's hands.
import type { Role } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, holdsAny } from './types.ts';
import { INCIDENT_DECIDERS, INCIDENT_HANDLERS } from './incidents.ts';

export type FileKind = 'personnel' | 'student';

/** Who reads which kind of file. */
export const FILE_READERS: Record<FileKind, readonly Role[]> = {
  personnel: ['hr', 'board'],
  student: ['director', 'internal_supervisor'],
};
/** Anyone who reads some kind of file. */
export const ANY_FILE_READER: readonly Role[] = [...new Set([...FILE_READERS.personnel, ...FILE_READERS.student])];
/** Who writes a case's letters (and sends a hearing invitation). */
export const LETTER_WRITERS: readonly Role[] = INCIDENT_HANDLERS;
/** Templates that announce a decision of the bevoegd gezag (a measure): sent only by LETTER_DECIDERS. */
export const DECISION_LETTERS: readonly string[] = ['warning', 'suspension'];
/** Who sends a letter announcing a measure: those who decide measures (board, director). */
export const LETTER_DECIDERS: readonly Role[] = INCIDENT_DECIDERS;
/** Who sees the record of what the retention purge removed. */
export const PURGE_RECORD_READERS: readonly Role[] = ['data_protection_officer', 'board'];

export const filesPolicy = definePolicy({
  resource: 'files',
  title: 'Personnel and student files (D.1, D.4)',
  rules: {
    find: {
      who: ANY_FILE_READER,
      summary: 'Find who has a file (names and number of entries) and download a letter (PDF) from a file; audited.',
      condition: 'only the kinds of file one may read (personnel: HR and the board; student: the director and the internal supervisor), people of the school of the request',
    },
    read_personnel: { who: FILE_READERS.personnel, summary: 'Read a personnel file with its entries; every read is audited.' },
    read_student: { who: FILE_READERS.student, summary: 'Read a student file with its entries; every read is audited.' },
    report_mistake: {
      who: ANY_FILE_READER,
      summary: 'Say that one opened a file by mistake: a possible data breach for the data-protection officer.',
      condition: 'a file the account itself opened (its read is in the audit trail)',
    },
    letters: {
      who: LETTER_WRITERS,
      summary: 'Write a case’s letters from the templates (warning, suspension, invitation to a hearing): draft, edit, preview, discard.',
    },
    send_letter: {
      who: LETTER_WRITERS,
      summary: 'Send a case’s letter: it is filed as PDF and the notice e-mail goes out (cannot be undone).',
      condition: 'a warning or suspension letter announces a decision of the bevoegd gezag: only the board and the director send it; HR and supervisors send hearing invitations. No blanks ([…]) may be left in the letter',
    },
    purges: { who: PURGE_RECORD_READERS, summary: 'See the record of what the retention purge removed (no names, no contents).' },
  },
});

/** May the actor read this kind of file at this school? */
export function canReadFileKind(actor: Actor, schoolId: string, kind: FileKind): boolean {
  return holdsAny(actor, schoolId, FILE_READERS[kind]);
}

/** May the actor send a letter of this template at this school? */
export function canSendLetter(actor: Actor, schoolId: string, template: string): boolean {
  return holdsAny(actor, schoolId, DECISION_LETTERS.includes(template) ? LETTER_DECIDERS : LETTER_WRITERS);
}
