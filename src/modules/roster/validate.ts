// Checks across rows, for every format: guardians point to students of the file, supervisors are
// employees of the file. (Repeated ids are found by the readers, which see bad rows too.)
import type { RosterPerson, RosterProblem } from './types.ts';

const article = (kind: string): string => (kind === 'employee' || kind === 'other' ? `an ${kind}` : `a ${kind}`);

/**
 * Returns the problems across rows. `badIds` are ids of rows that had problems of their own:
 * references to them are not reported again.
 */
export function crossCheck(people: RosterPerson[], badIds: ReadonlySet<string> = new Set()): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const byId = new Map<string, RosterPerson>();
  const at = (p: RosterPerson) => ({ line: p.source.line, ...(p.source.file ? { file: p.source.file } : {}) });
  for (const p of people) if (!byId.has(p.externalId)) byId.set(p.externalId, p);
  for (const p of people) {
    const reasons: string[] = [];
    for (const childId of p.guardianOf) {
      if (badIds.has(childId)) continue;
      const child = byId.get(childId);
      if (!child) reasons.push(`guardian_of "${childId}" is not a student in the file`);
      else if (child.kind !== 'student') reasons.push(`guardian_of "${childId}" is ${article(child.kind)}, not a student`);
    }
    if (p.supervisorId && !badIds.has(p.supervisorId)) {
      const sup = byId.get(p.supervisorId);
      if (p.supervisorId === p.externalId) reasons.push('supervisor_id is the employee’s own id');
      else if (!sup) reasons.push(`supervisor_id "${p.supervisorId}" is not an employee in the file`);
      else if (sup.kind !== 'employee') reasons.push(`supervisor_id "${p.supervisorId}" is ${article(sup.kind)}, not an employee`);
    }
    if (reasons.length) problems.push({ ...at(p), reason: reasons.join('; ') });
  }
  return problems;
}
