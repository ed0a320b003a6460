// The data-breach register (AVG/GDPR articles 33 and 34, docs/breaches.md): one row per breach or
// possible breach with its current state, and an append-only history beside it (breach_events,
// written in the same transaction) so the register can be shown to the Autoriteit Persoonsgegevens.
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { schools } from './organisation.ts';

/** possible: waits for the FG; registered: the FG says it is a breach; no_breach: assessed, not a breach; closed: handled. */
export const breachStatus = pgEnum('breach_status', ['possible', 'registered', 'no_breach', 'closed']);

/** The FG's assessment of the risk for the people concerned (art. 33(1), 34(1)). */
export const breachRisk = pgEnum('breach_risk', ['none', 'low', 'risk', 'high']);

export const breaches = pgTable(
  'breaches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The school whose register holds it; schoolIds lists every school concerned (this one first). */
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    schoolIds: uuid('school_ids').array().notNull(),
    status: breachStatus('status').notNull().default('possible'),
    /** photo_without_consent, file_wrong_person, email_wrong_address, lost_device, other */
    kind: text('kind').notNull(),
    /** staff (the form), consent_revocation, publication, file_access (automatic entries) */
    source: text('source').notNull(),
    /** Automatic entries: the id of their cause (takedown task, post, file read), at most one entry per cause. */
    sourceRef: text('source_ref'),
    /** A short title; automatic entries hold ids and kinds only. */
    title: text('title').notNull(),
    /** Becoming aware: the 72 hours of art. 33(1) start here. */
    discoveredAt: timestamp('discovered_at', { withTimezone: true }).notNull(),
    /** What happened. */
    description: text('description').notNull().default(''),
    dataCategories: text('data_categories').array().notNull().default([]),
    approxPeople: integer('approx_people'),
    /** The people concerned, as roster ids (optional). */
    peopleIds: uuid('people_ids').array().notNull().default([]),
    consequences: text('consequences').notNull().default(''),
    measures: text('measures').notNull().default(''),
    reportedBy: uuid('reported_by').references(() => accounts.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    /** The FG's assessment and decision. */
    risk: breachRisk('risk'),
    assessment: text('assessment'),
    notifyAuthority: boolean('notify_authority'),
    informPeople: boolean('inform_people'),
    /** Why the people concerned are not informed although the risk is high (art. 34(3)). */
    noInformReason: text('no_inform_reason'),
    assessedAt: timestamp('assessed_at', { withTimezone: true }),
    assessedBy: uuid('assessed_by').references(() => accounts.id),
    /** The notification to the Autoriteit Persoonsgegevens. */
    authorityNotifiedAt: timestamp('authority_notified_at', { withTimezone: true }),
    authorityReference: text('authority_reference'),
    /** After the 72 hours: the reason for the delay (art. 33(1)). */
    lateReason: text('late_reason'),
    /** The people concerned informed (art. 34): when and how. */
    peopleInformedAt: timestamp('people_informed_at', { withTimezone: true }),
    peopleInformedHow: text('people_informed_how'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('breaches_school_status_idx').on(t.schoolId, t.status), uniqueIndex('breaches_source_key').on(t.source, t.sourceRef)],
);

/** The history of a breach, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
export const breachEvents = pgTable(
  'breach_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    breachId: uuid('breach_id')
      .notNull()
      .references(() => breaches.id),
    /** reported, updated, assessed, authority_notified, people_informed, closed */
    type: text('type').notNull(),
    /** An account id, or "system" for automatic entries. */
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The fields as they became (the register's own record, shown to the AP). */
    data: jsonb('data').notNull(),
  },
  (t) => [index('breach_events_breach_idx').on(t.breachId, t.id)],
);
