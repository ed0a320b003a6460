// Incidents and measures (A.7, D.1–D.6): an append-only event log beside a status row, both
// written in one transaction; files (D.1, D.4) and the audit trail.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people, schools } from './organisation.ts';
import { accounts } from './accounts.ts';

export const incidentStatus = pgEnum('incident_status', ['reported', 'triage', 'investigating', 'decided', 'closed']);

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    status: incidentStatus('status').notNull().default('reported'),
    category: text('category').notNull(),
    /** Articles the case concerns (suggested by the check engine, confirmed by people). */
    articles: text('articles').array().notNull(),
    summary: text('summary').notNull(),
    reporterId: uuid('reporter_id').references(() => people.id),
    anonymous: boolean('anonymous').notNull().default(false),
    assignedTo: uuid('assigned_to').references(() => accounts.id),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** signed_in or public (the form without sign-in). */
    source: text('source').notNull().default('signed_in'),
    /** Who reported, signed in (null: the public form). */
    reporterAccountId: uuid('reporter_account_id').references(() => accounts.id),
    /** Public form, not anonymous: how the reporter named themselves and how to reach them. */
    reporterName: text('reporter_name'),
    reporterContact: text('reporter_contact'),
    /** Public form: sha256 of the receipt code the reporter keeps to follow the case. */
    receiptHash: text('receipt_hash'),
    /** The reported text and where it was seen. */
    description: text('description').notNull().default(''),
    link: text('link'),
    /** D.1 possible plichtsverzuim (employee), D.4 possible verwijtbaar gedrag (student, guardian). */
    plichtsverzuim: boolean('plichtsverzuim').notNull().default(false),
    verwijtbaarGedrag: boolean('verwijtbaar_gedrag').notNull().default(false),
    /** D.6 is a required step (category sexual_images_of_minors). */
    policeDecisionRequired: boolean('police_decision_required').notNull().default(false),
    /** D.6: report to the police yes/no, with rationale; when yes, date and police reference. */
    policeReport: boolean('police_report'),
    policeRationale: text('police_rationale'),
    policeReportedOn: date('police_reported_on'),
    policeReference: text('police_reference'),
    policeDecidedAt: timestamp('police_decided_at', { withTimezone: true }),
    policeDecidedBy: uuid('police_decided_by').references(() => accounts.id),
    /** D.2: the board's qualification of an employee's communication. */
    qualifiedPersonId: uuid('qualified_person_id').references(() => people.id),
    grensoverschrijdend: boolean('grensoverschrijdend'),
    qualificationRationale: text('qualification_rationale'),
    qualifiedAt: timestamp('qualified_at', { withTimezone: true }),
    qualifiedBy: uuid('qualified_by').references(() => accounts.id),
  },
  (t) => [
    // The handlers' list by status, soonest deadline first; the dashboard's months.
    index('incidents_school_status_due_idx').on(t.schoolId, t.status, t.dueAt),
    index('incidents_school_created_idx').on(t.schoolId, t.createdAt),
    // A reporter's own cases, newest first.
    index('incidents_reporter_created_idx').on(t.reporterAccountId, t.createdAt),
    uniqueIndex('incidents_receipt_key').on(t.receiptHash),
  ],
);

/** Tasks of a case: the D.2 phone report, closed only with a call record. */
export const incidentTasks = pgTable(
  'incident_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    /** lvi_call (D.2), inspectie_melding (a student's suspension of more than a day or removal, WPO art. 40/40c) */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** open, done, cancelled (the qualification was taken back; the reason is in the event log) */
    status: text('status').notNull().default('open'),
    /** lvi_call: { date, time, caller, reference, advice }; inspectie_melding: { date, reference?, note? } */
    call: jsonb('call'),
    /** The measure that made the task (inspectie_melding). */
    measureId: uuid('measure_id').references(() => measures.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => accounts.id),
  },
  (t) => [index('incident_tasks_incident_idx').on(t.incidentId)],
);

/** Legal steps on record before a measure: hearing, Inspectie report or consultation, another school sought. */
export const incidentSteps = pgTable(
  'incident_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    kind: text('kind').notNull(),
    on: date('on').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_steps_incident_idx').on(t.incidentId, t.personId)],
);

export const incidentPeople = pgTable(
  'incident_people',
  {
    incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull().references(() => people.id),
    /** subject (whose behaviour), affected, witness. */
    role: text('role').notNull(),
  },
  (t) => [uniqueIndex('incident_people_key').on(t.incidentId, t.personId, t.role), index('incident_people_person_idx').on(t.personId, t.role)],
);

export const eventVisibility = pgEnum('event_visibility', ['internal', 'shareable']);

export const incidentEvents = pgTable(
  'incident_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    /** reported, triaged, qualified, measure_imposed, reported_to_inspector, police_report_decided, note, closed, reopened ... */
    type: text('type').notNull(),
    /** null = the system actor. */
    actorId: uuid('actor_id').references(() => accounts.id),
    payload: jsonb('payload').notNull().default({}),
    visibility: eventVisibility('visibility').notNull().default('internal'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.id)],
);

export const measureAudience = pgEnum('measure_audience', ['employee', 'student_or_guardian']);

export const measures = pgTable(
  'measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    audience: measureAudience('audience').notNull(),
    /** From the protocol's ladder (D.3 for employees, D.5 for students and guardians). */
    kind: text('kind').notNull(),
    decidedBy: uuid('decided_by').notNull().references(() => accounts.id),
    decidedOn: date('decided_on').notNull(),
    rationale: text('rationale').notNull(),
    /** A suspension's length in days. */
    days: integer('days'),
    /** A student's removal: other_school_found or eight_weeks_without_result (WPO art. 40). */
    removalOutcome: text('removal_outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('measures_person_idx').on(t.personId), index('measures_incident_idx').on(t.incidentId)],
);

/** Public form tokens already used: each is good for one report (its hash, until it would expire anyway). */
export const incidentFormUses = pgTable(
  'incident_form_uses',
  {
    tokenHash: text('token_hash').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('incident_form_uses_expires_idx').on(t.expiresAt)],
);

export const fileKind = pgEnum('file_kind', ['personnel', 'student']);

/** An entry in a personnel file (D.1) or student file (D.4). */
export const fileEntries = pgTable(
  'file_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    /** Whose file: the employee, or the student (for a guardian: their child). */
    personId: uuid('person_id').notNull().references(() => people.id),
    fileKind: fileKind('file_kind').notNull(),
    incidentId: uuid('incident_id').references(() => incidents.id),
    /** letter, email, decision, note, call_record. */
    entryType: text('entry_type').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    documentPath: text('document_path'),
    retainUntil: date('retain_until'),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('file_entries_person_idx').on(t.personId, t.fileKind)],
);

/**
 * The audit trail: who did what to which subject, never the content. Hash-chained per school:
 * each event stores the hash of the previous event of its school (`postwijzer audit verify`).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** null = board-level events, a chain of their own. */
    schoolId: uuid('school_id').references(() => schools.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    requestId: text('request_id'),
    /** Names of changed fields: ids and field names only, no personal content. */
    fields: text('fields').array(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('audit_events_school_seq_key').on(t.schoolId, t.seq)],
);

/**
 * The newest event of each audit chain ('board' or a school id): the row a writer locks (FOR UPDATE)
 * to take its turn, and from which it reads the previous hash in the same statement.
 */
export const auditHeads = pgTable('audit_heads', {
  chain: text('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Side effects (e-mail, jobs) that leave only after the transaction that caused them committed. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_pending_idx').on(t.runAfter).where(sql`done_at is null`)],
);

/** Each roster import: what it did, for the school's records. */
export const rosterImports = pgTable('roster_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id),
  format: text('format').notNull(),
  fileName: text('file_name'),
  created: bigint('created', { mode: 'number' }).notNull(),
  updated: bigint('updated', { mode: 'number' }).notNull(),
  deactivated: bigint('deactivated', { mode: 'number' }).notNull(),
  importedBy: uuid('imported_by').references(() => accounts.id),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});
