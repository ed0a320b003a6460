// Subject access and erasure (AVG art. 15 and 17, docs/subject-access.md). A request from a person
// (a parent for a young child, an employee, a student) reaches the data-protection officer (FG),
// who checks who is asking, weighs what of a case may go to them and hands over the export. So
// only the FG exports and erases, for a person of a school where they hold that role. There is no
// self-service download: the export includes case records whose disclosure the FG weighs (other
// people's rights, an investigation still running), and identity is checked outside the app.
import type { Role } from './roles.ts';
import { definePolicy } from './types.ts';

/** Who handles requests under art. 15 and 17. */
export const SUBJECT_ACCESS_OFFICERS: readonly Role[] = ['data_protection_officer'];

export const subjectAccessPolicy = definePolicy({
  resource: 'subjectAccess',
  title: 'Subject access and erasure (AVG art. 15, 17)',
  rules: {
    export: {
      who: SUBJECT_ACCESS_OFFICERS,
      summary: 'Find a person and export everything the product holds about them (JSON, PDF); every search, export and erasure check is audited. See what erasure would remove and what blocks it.',
      condition: 'a person on the roster of the school of the request',
    },
    erase: {
      who: SUBJECT_ACCESS_OFFICERS,
      summary: 'Erase a person where the law allows (refused, with the reasons, while a case, a file, a measure, a breach entry or the roster still holds them, a published post shows them, a takedown is open, or a consent they gave is in force).',
      condition: 'a person on the roster of the school of the request; confirmed with their full name',
    },
  },
});
