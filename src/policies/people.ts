// People on a school's roster. Staff see the roster (they need it to write posts that respect it);
// a guardian sees only their own children, a student only themselves.
import { STAFF_ROLES } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, holdsAny } from './types.ts';

export const peoplePolicy = definePolicy({
  resource: 'people',
  title: 'People on the roster',
  rules: {
    read: {
      who: [...STAFF_ROLES, 'guardian', 'student'],
      summary: 'Read one person of the roster: name, kind, group.',
      condition: 'staff: anyone at the school; guardian: their own children; student: themselves',
    },
  },
});

export function canReadPerson(actor: Actor, schoolId: string, personId: string, childrenOfActor: ReadonlySet<string>): boolean {
  if (holdsAny(actor, schoolId, STAFF_ROLES)) return true;
  const me = actor.schools.get(schoolId)?.personId;
  if (me != null && me === personId) return true;
  return holdsAny(actor, schoolId, ['guardian']) && childrenOfActor.has(personId);
}
