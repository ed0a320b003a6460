// The audit trail: the board and the data-protection officer check it.
import { definePolicy } from './types.ts';

export const auditPolicy = definePolicy({
  resource: 'audit',
  title: 'Audit trail',
  rules: {
    verify: { who: ['board', 'data_protection_officer'], summary: 'Recompute the school’s audit chain and see the first broken link, if any.' },
    read: { who: ['board', 'data_protection_officer'], summary: 'List the school’s audit events (ids and field names only).' },
  },
});
