// Consent for photos, film and sound (A.5) and permissions (A.1 lesson time, A.6 school projects).
// Consent is an append-only history; the current state is a view over it.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, pgEnum, pgTable, pgView, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people, schools } from './organisation.ts';
import { posts } from './posts.ts';

export const mediaKind = pgEnum('media_kind', ['photo', 'video', 'audio']);
export const consentStatus = pgEnum('consent_status', ['granted', 'refused', 'revoked']);
export const consentMethod = pgEnum('consent_method', ['portal', 'form', 'paper', 'import', 'staff']);

export const consentEvents = pgTable(
  'consent_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    /** school_social_media, school_website, newsletter, personal_social_media, or a school's own. */
    channel: text('channel').notNull(),
    media: mediaKind('media').notNull(),
    /** "2026-2027". */
    schoolYear: text('school_year').notNull(),
    validFrom: date('valid_from').notNull(),
    validUntil: date('valid_until').notNull(),
    status: consentStatus('status').notNull(),
    /** Who decided: a guardian for a child under 16, the person from 16, an employee for themselves. */
    givenBy: uuid('given_by').references(() => people.id),
    method: consentMethod('method').notNull(),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** The account that recorded it (null: the person through the portal, or an import). */
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    index('consent_events_person_idx').on(t.personId, t.channel, t.media, t.schoolYear, t.id),
    // In the order of consents_current: a school's current state (or some people's) is a range of
    // this index read in order, without a sort and without the other schools' events.
    index('consent_events_current_idx').on(t.schoolId, t.personId, t.channel, t.media, t.schoolYear, t.id.desc()),
  ],
);

/**
 * The latest consent event per person, channel, media kind and school year: the current state.
 * school_id leads the DISTINCT ON (a person belongs to one school, so the rows are the same):
 * PostgreSQL pushes a condition into a DISTINCT ON view only on its DISTINCT ON columns, so
 * `where school_id = ...` now reads that school's rows from consent_events_current_idx instead of
 * sorting every school's events. The columns are declared (not taken from a query builder), which
 * also keeps Drizzle's row mapping as cheap as a table's (bench/consent.ts).
 */
export const consentsCurrent = pgView('consents_current', {
  id: bigint('id', { mode: 'number' }).notNull(),
  schoolId: uuid('school_id').notNull(),
  personId: uuid('person_id').notNull(),
  channel: text('channel').notNull(),
  media: mediaKind('media').notNull(),
  schoolYear: text('school_year').notNull(),
  validFrom: date('valid_from').notNull(),
  validUntil: date('valid_until').notNull(),
  status: consentStatus('status').notNull(),
  givenBy: uuid('given_by'),
  method: consentMethod('method').notNull(),
  note: text('note'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  recordedBy: uuid('recorded_by'),
}).as(
  sql`select distinct on (school_id, person_id, channel, media, school_year) id, school_id, person_id, channel, media, school_year, valid_from, valid_until, status, given_by, method, note, recorded_at, recorded_by from consent_events order by school_id, person_id, channel, media, school_year, id desc`,
);

export const permissionKind = pgEnum('permission_kind', ['lesson_time', 'school_project']);

export const permissions = pgTable(
  'permissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    kind: permissionKind('kind').notNull(),
    /** Who may (the employee or student). */
    personId: uuid('person_id').notNull().references(() => people.id),
    grantedBy: uuid('granted_by').references(() => people.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason'),
    /** School projects (A.6): the project's name. */
    project: text('project'),
    /**
     * School projects (A.6): one row per employee the project is for; the rows of one project share
     * this key (the project's id in the API). Null for lesson-time permissions.
     */
    projectKey: uuid('project_key'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('permissions_person_idx').on(t.personId, t.kind), index('permissions_school_kind_idx').on(t.schoolId, t.kind, t.endsAt), index('permissions_project_key_idx').on(t.projectKey)],
);

/** The students of a school project. */
export const permissionStudents = pgTable(
  'permission_students',
  {
    permissionId: uuid('permission_id').notNull().references(() => permissions.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id').notNull().references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.permissionId, t.studentId] })],
);

/** Channels a school adds to the four standard ones (a school app, a class blog, ...). */
export const consentChannels = pgTable(
  'consent_channels',
  {
    schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
    /** Lower-case code, as posts name it in channel.platform: "schoolapp". */
    code: text('code').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.code] })],
);

/** A yearly consent round: the school asks every responder for their choices for a school year. */
export const consentRounds = pgTable(
  'consent_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    schoolYear: text('school_year').notNull(),
    validFrom: date('valid_from').notNull(),
    validUntil: date('valid_until').notNull(),
    channels: text('channels').array().notNull(),
    media: mediaKind('media').array().notNull(),
    openedBy: uuid('opened_by'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('consent_rounds_school_year_key').on(t.schoolId, t.schoolYear)],
);

/**
 * One responder's link in a round: a guardian (for their children under 16), a student of 16 or
 * older, or an employee (for themselves). The token is only in the e-mail; this keeps its hash.
 */
export const consentRequests = pgTable(
  'consent_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => consentRounds.id, { onDelete: 'cascade' }),
    responderId: uuid('responder_id').notNull().references(() => people.id),
    tokenHash: text('token_hash').notNull().unique(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    reminders: bigint('reminders', { mode: 'number' }).notNull().default(0),
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('consent_requests_round_responder_key').on(t.roundId, t.responderId)],
);

/**
 * A published post that shows a person whose consent was revoked: the school takes it down. Made
 * in the transaction of the revocation.
 */
export const takedownTasks = pgTable(
  'takedown_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    postId: uuid('post_id').notNull().references(() => posts.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    consentEventId: bigint('consent_event_id', { mode: 'number' }).notNull().references(() => consentEvents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by'),
  },
  (t) => [index('takedown_tasks_open_idx').on(t.schoolId).where(sql`done_at is null`), uniqueIndex('takedown_tasks_post_person_key').on(t.postId, t.personId, t.consentEventId)],
);
