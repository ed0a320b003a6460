// Consent for photos, film and sound (A.5) and permissions (A.1 lesson time, A.6 school projects).
// Consent is an append-only history; the current state is a view over it.
import { desc } from 'drizzle-orm';
import { bigserial, date, index, pgEnum, pgTable, pgView, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people, schools } from './organisation.ts';

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
  (t) => [index('consent_events_person_idx').on(t.personId, t.channel, t.media, t.schoolYear, t.id)],
);

/** The latest consent event per person, channel, media kind and school year: the current state. */
export const consentsCurrent = pgView('consents_current').as((qb) =>
  qb
    .selectDistinctOn([consentEvents.personId, consentEvents.channel, consentEvents.media, consentEvents.schoolYear])
    .from(consentEvents)
    .orderBy(consentEvents.personId, consentEvents.channel, consentEvents.media, consentEvents.schoolYear, desc(consentEvents.id)),
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
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('permissions_person_idx').on(t.personId, t.kind)],
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
