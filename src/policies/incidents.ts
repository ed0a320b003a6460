// Incidents and measures (A.7, D.1–D.6; docs/incidents.md). Anyone at the school reports and
// follows their own reports; the school's leaders, HR and the confidential adviser read cases;
// leaders and HR handle them; the board and the director decide measures and the police report;
// only the board qualifies an employee's behaviour as 'grensoverschrijdend' (D.2). The public
// form needs no sign-in: a signed form token, a honeypot and a rate limit per address guard it.
import { ROLES } from './roles.ts';
import type { Role } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, holdsAny } from './types.ts';

/** Who reads every case of the school. */
export const INCIDENT_READERS: readonly Role[] = ['board', 'director', 'supervisor', 'hr', 'confidential_adviser'];
/** Who handles cases: status, assignment, notes, people, legal steps, tasks. */
export const INCIDENT_HANDLERS: readonly Role[] = ['board', 'director', 'supervisor', 'hr'];
/** Who decides measures and the police report. */
export const INCIDENT_DECIDERS: readonly Role[] = ['board', 'director'];

export const incidentsPolicy = definePolicy({
  resource: 'incidents',
  title: 'Incidents and measures',
  rules: {
    report: { who: ROLES, summary: 'Report a post or message that breaks the norms (A.7).' },
    mine: {
      who: ROLES,
      summary: 'Follow one’s own reports: status and outcome, without confidential details.',
      condition: 'only cases one reported oneself (handlers may open the reporter’s view of any case)',
    },
    read: { who: INCIDENT_READERS, summary: 'See the school’s cases with their people, events, measures and tasks; search the roster for a case.' },
    handle: {
      who: INCIDENT_HANDLERS,
      summary: 'Move a case through its steps, assign it, set deadlines, add notes and people, record flags (D.1, D.4), legal steps and the phone report (D.2).',
    },
    decide: {
      who: INCIDENT_DECIDERS,
      summary: 'Decide a measure (D.3, D.5) and whether to report to the police (D.6).',
      condition: 'employee measures: board or director, dismissal and summary dismissal only the board; student and guardian measures: director or board',
    },
    qualify: { who: ['board'], summary: 'Qualify an employee’s communication as ‘grensoverschrijdend’ (D.2), which creates the phone-report task.' },
    public_form: { who: 'public', summary: 'Open a school’s public report form (with a signed form token).' },
    public_report: { who: 'public', summary: 'Report through the public form, optionally anonymously (rate-limited per address).' },
    public_status: { who: 'public', summary: 'Follow a public report with its receipt code (the code is the key).' },
  },
});

/** May the actor open the reporter's view of this case? */
export function canSeeReporterView(actor: Actor, schoolId: string, reporterAccountId: string | null): boolean {
  return reporterAccountId === actor.accountId || holdsAny(actor, schoolId, INCIDENT_READERS);
}
