// Every policy, for the route guard's tests and docs/permissions.md.
import { accountsPolicy } from './accounts.ts';
import { auditPolicy } from './audit.ts';
import { breachesPolicy } from './breaches.ts';
import { filesPolicy } from './files.ts';
import { checksPolicy } from './checks.ts';
import { consentPolicy } from './consent.ts';
import { dashboardsPolicy } from './dashboards.ts';
import { grantsPolicy } from './grants.ts';
import { incidentsPolicy } from './incidents.ts';
import { mediaPolicy } from './media.ts';
import { peoplePolicy } from './people.ts';
import { postsPolicy } from './posts.ts';
import { protocolsPolicy } from './protocols.ts';
import { rosterPolicy } from './roster.ts';
import { subjectAccessPolicy } from './subject-access.ts';
import { supervisionPolicy } from './supervision.ts';
import { systemPolicy } from './system.ts';
import type { Policy } from './types.ts';

export const POLICIES: Policy[] = [systemPolicy, checksPolicy, protocolsPolicy, accountsPolicy, postsPolicy, mediaPolicy, peoplePolicy, consentPolicy, grantsPolicy, rosterPolicy, auditPolicy, incidentsPolicy, supervisionPolicy, breachesPolicy, dashboardsPolicy, filesPolicy, subjectAccessPolicy] as Policy[];

export * from './roles.ts';
export * from './types.ts';
export { accountsPolicy, auditPolicy, checksPolicy, consentPolicy, mediaPolicy, peoplePolicy, postsPolicy, protocolsPolicy, rosterPolicy, systemPolicy };
export { canReadPost } from './posts.ts';
export { canReadPerson } from './people.ts';
export { canRecordConsent, CONSENT_MANAGERS } from './consent.ts';
export { grantsPolicy, GRANT_MANAGERS, managesGrants } from './grants.ts';
export { canUseMedia } from './media.ts';
export { canSeeReporterView, incidentsPolicy, INCIDENT_DECIDERS, INCIDENT_HANDLERS, INCIDENT_READERS } from './incidents.ts';
export { canDecide, canReadSupervision, supervisionPolicy } from './supervision.ts';
export { BREACH_OFFICERS, BREACH_READERS, breachesPolicy } from './breaches.ts';
export { DASHBOARD_READERS, dashboardsPolicy } from './dashboards.ts';
export { ANY_FILE_READER, canReadFileKind, FILE_READERS, filesPolicy, LETTER_WRITERS, PURGE_RECORD_READERS } from './files.ts';
export { SUBJECT_ACCESS_OFFICERS, subjectAccessPolicy } from './subject-access.ts';
