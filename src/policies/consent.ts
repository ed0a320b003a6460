// Consent for photos, film and sound (A.5). Staff see who agreed; a guardian decides for their
// own child under 16, a student from 16 and every adult for themselves; the director and the
// communication officer run the yearly round, record paper answers, import lists, add channels
// and take down published posts after a revocation.
import { ROLES, STAFF_ROLES } from './roles.ts';
import type { Role } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, holdsAny } from './types.ts';

/** Roles that manage the registry of a school. */
export const CONSENT_MANAGERS: readonly Role[] = ['director', 'communication_officer'];

export const consentPolicy = definePolicy({
  resource: 'consent',
  title: 'Consent for photos, film and sound',
  rules: {
    overview: { who: STAFF_ROLES, summary: 'See per group who agreed, refused or has not answered.' },
    read: {
      who: [...STAFF_ROLES, 'guardian', 'student'],
      summary: 'See a person’s current consents and their history.',
      condition: 'staff: anyone at the school; guardian: their own children; student: themselves',
    },
    record: {
      who: ROLES,
      summary: 'Give, refuse or revoke consent.',
      condition: `for oneself (students from 16) or for one's own child under 16; ${CONSENT_MANAGERS.join(', ')}: also a paper or form answer on behalf of the one who decided`,
    },
    mine: {
      who: ROLES,
      summary: 'See the people one decides for (one’s children under 16, oneself from 16 or as an adult) with their consents.',
      condition: 'only the signed-in person’s own children and themselves',
    },
    channels: { who: ROLES, summary: 'List the school’s consent channels.' },
    manage: {
      who: CONSENT_MANAGERS,
      summary: 'Add channels, import consent lists, open the yearly round and send reminders, see and complete takedown tasks.',
    },
    respond: { who: 'public', summary: 'Answer a consent round through the link in the e-mail (the token is the key).' },
  },
});

/** May the actor record a choice about this person, given who decides? */
export function canRecordConsent(actor: Actor, schoolId: string, personId: string, childrenOfActor: ReadonlySet<string>): 'self' | 'guardian' | 'manager' | null {
  const me = actor.schools.get(schoolId)?.personId ?? null;
  if (me === personId) return 'self';
  if (holdsAny(actor, schoolId, ['guardian']) && childrenOfActor.has(personId)) return 'guardian';
  if (holdsAny(actor, schoolId, CONSENT_MANAGERS)) return 'manager';
  return null;
}
