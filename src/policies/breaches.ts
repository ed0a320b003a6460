// The data-breach register (AVG/GDPR art. 33 and 34, docs/breaches.md). Anyone on the staff may
// report a POSSIBLE breach (a teacher who mailed a list to the wrong parent, a director who hears of
// a lost laptop): the sooner the FG hears of it, the more of the 72 hours is left. Only the
// data-protection officer (FG) assesses, registers, notifies the Autoriteit Persoonsgegevens and
// informs the people concerned; the board reads the register (it answers for it as controller).
import { STAFF_ROLES } from './roles.ts';
import type { Role } from './roles.ts';
import { definePolicy } from './types.ts';

/** Who keeps the register. */
export const BREACH_OFFICERS: readonly Role[] = ['data_protection_officer'];
/** Who reads the register. */
export const BREACH_READERS: readonly Role[] = ['data_protection_officer', 'board'];

export const breachesPolicy = definePolicy({
  resource: 'breaches',
  title: 'Data-breach register (AVG art. 33, 34)',
  rules: {
    report: { who: STAFF_ROLES, summary: 'Report a possible data breach to the data-protection officer.' },
    read: {
      who: BREACH_READERS,
      summary: 'See the breach register: entries, the 72-hour deadline, assessments, notifications and each entry’s history.',
      condition: 'entries that concern the school of the request',
    },
    manage: {
      who: BREACH_OFFICERS,
      summary: 'Complete and assess an entry, record the notification to the Autoriteit Persoonsgegevens, inform the people concerned, close it.',
      condition: 'entries that concern the school of the request',
    },
  },
});
