// Personnel and student files (D.1, D.4; docs/files.md). A file is open only to the roles that need
// it: HR and the board read personnel files, the director and the internal supervisor student
// files, each at their own school. Every read is an audit event. Letters of a case are written and
// sent by those who handle cases; the letter lands in the file, not in the writer's hands.
import type { Role } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, holdsAny } from './types.ts';
import { INCIDENT_HANDLERS } from './incidents.ts';

export type FileKind = 'personnel' | 'student';

/** Who reads which kind of file. */
export const FILE_READERS: Record<FileKind, readonly Role[]> = {
  personnel: ['hr', 'board'],
  student: ['director', 'internal_supervisor'],
};
/** Anyone who reads some kind of file. */
export const ANY_FILE_READER: readonly Role[] = [...new Set([...FILE_READERS.personnel, ...FILE_READERS.student])];
/** Who writes and sends a case's letters. */
export const LETTER_WRITERS: readonly Role[] = INCIDENT_HANDLERS;
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
      summary: 'Write a case’s letters from the templates (warning, suspension, invitation to a hearing), edit, preview and send them; sending files them.',
    },
    purges: { who: PURGE_RECORD_READERS, summary: 'See the record of what the retention purge removed (no names, no contents).' },
  },
});

/** May the actor read this kind of file at this school? */
export function canReadFileKind(actor: Actor, schoolId: string, kind: FileKind): boolean {
  return holdsAny(actor, schoolId, FILE_READERS[kind]);
}
