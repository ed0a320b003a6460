// How long a file entry is kept (docs/files.md has the table with its sources). Both files are kept
// while the person is at the school, and for a period after they left: the personnel file two years
// after the end of employment, the student file two years after the student left. The rule is
// chosen per file kind and entry type, so one type can get a period of its own without code elsewhere.
import type { FileKind } from '../../policies/files.ts';
import { dutchDay } from './dutch-time.ts';

export const ENTRY_TYPES = ['decision', 'letter', 'email', 'call_record', 'note'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export interface RetentionRule {
  /** Stored in the purge record, e.g. "personnel.after_leaving.2y". */
  id: string;
  /** Years after the person left (end of employment, leaving the school). */
  yearsAfterLeaving: number;
}

const afterLeaving = (kind: FileKind, years: number): RetentionRule => ({ id: `${kind}.after_leaving.${years}y`, yearsAfterLeaving: years });

export const RETENTION: Record<FileKind, Record<EntryType, RetentionRule>> = {
  personnel: {
    decision: afterLeaving('personnel', 2),
    letter: afterLeaving('personnel', 2),
    email: afterLeaving('personnel', 2),
    call_record: afterLeaving('personnel', 2),
    note: afterLeaving('personnel', 2),
  },
  student: {
    decision: afterLeaving('student', 2),
    letter: afterLeaving('student', 2),
    email: afterLeaving('student', 2),
    call_record: afterLeaving('student', 2),
    note: afterLeaving('student', 2),
  },
};

export function ruleFor(kind: FileKind, entryType: string): RetentionRule {
  return RETENTION[kind][entryType as EntryType] ?? afterLeaving(kind, 2);
}

/** A day plus whole years; 29 February becomes 28 February in a year without it. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The last day an entry is kept: null while the person is still at the school (kept as long as
 * they are), else the leaving day plus the rule's years. Always from the person's CURRENT
 * `active`/`left_at` (the purge and the file view both ask here): someone who left, came back and
 * left again is kept two years from the last leaving day, never from an earlier one.
 */
export function retainUntil(kind: FileKind, entryType: string, person: { active: boolean; leftAt: Date | null }): string | null {
  if (person.active || !person.leftAt) return null;
  return addYears(dutchDay(person.leftAt), ruleFor(kind, entryType).yearsAfterLeaving);
}
