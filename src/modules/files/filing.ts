// Where a case's papers go (D.1, D.4): an employee's in their personnel file, a student's in their
// student file, a guardian's in the student file of each of their children at the school. The
// incidents service files decisions and call records through fileInto; letters and their e-mails
// are filed the same way (letters.ts).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { fileEntries, guardianships, people } from '../../db/schema/index.ts';
import type { FileKind } from '../../policies/files.ts';

export interface FileTarget {
  personId: string;
  fileKind: FileKind;
  active: boolean;
  leftAt: Date | null;
}

/** The file(s) where papers about this person of the school go. */
export async function fileTargets(tx: DbOrTx, schoolId: string, personId: string, kind: string): Promise<FileTarget[]> {
  if (kind === 'guardian') {
    return (
      await tx
        .select({ personId: people.id, active: people.active, leftAt: people.leftAt })
        .from(guardianships)
        .innerJoin(people, eq(people.id, guardianships.studentId))
        .where(and(eq(guardianships.guardianId, personId), eq(people.schoolId, schoolId)))
    ).map((c) => ({ ...c, fileKind: 'student' as const }));
  }
  const [p] = await tx.select({ personId: people.id, active: people.active, leftAt: people.leftAt }).from(people).where(and(eq(people.id, personId), eq(people.schoolId, schoolId)));
  if (!p) return [];
  return [{ ...p, fileKind: kind === 'student' ? 'student' : 'personnel' }];
}

export interface NewEntry {
  incidentId: string | null;
  entryType: string;
  title: string;
  body: string | null;
  createdBy: string | null;
  now: Date;
}

/** Writes one entry in each target file; answers the new entries' ids. */
export async function fileInto(tx: DbOrTx, schoolId: string, targets: FileTarget[], entry: NewEntry): Promise<{ id: string; personId: string; fileKind: FileKind }[]> {
  if (!targets.length) return [];
  return tx
    .insert(fileEntries)
    .values(
      targets.map((f) => ({
        schoolId,
        personId: f.personId,
        fileKind: f.fileKind,
        incidentId: entry.incidentId,
        entryType: entry.entryType,
        title: entry.title,
        body: entry.body,
        // Not stored: the retention date follows the person's current active/left_at (a person
        // who comes back and leaves again gets a new date), computed by retention.ts at purge and
        // view time.
        retainUntil: null,
        createdBy: entry.createdBy,
        createdAt: entry.now,
      })),
    )
    .returning({ id: fileEntries.id, personId: fileEntries.personId, fileKind: fileEntries.fileKind });
}
