// Boards, schools, groups, people and how they relate. Every school-scoped row carries its
// school_id so that queries and policies can be scoped to one school.
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const personKind = pgEnum('person_kind', ['student', 'employee', 'guardian', 'other']);

const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updated = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const boards = pgTable('boards', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
  /** The protocol the board adopted (src/protocols), e.g. asko-2018. */
  protocolId: text('protocol_id').notNull().default('asko-2018'),
  /** The board's own disclosure and disclaimer sentences (B.1/C.3, C.4); null = the protocol's. */
  disclosure: text('disclosure'),
  disclaimer: text('disclaimer'),
  createdAt: created(),
  updatedAt: updated(),
});

export type Timetable = Record<string, [string, string][]>;

export const schools = pgTable(
  'schools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    boardId: uuid('board_id').notNull().references(() => boards.id),
    /** The Dutch school code (BRIN), e.g. 12AB. */
    brin: text('brin').notNull(),
    name: text('name').notNull(),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    /** Public contact details: never a finding. */
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    timezone: text('timezone').notNull().default('Europe/Amsterdam'),
    /** Lesson hours per ISO weekday; null = the default timetable. */
    timetable: jsonb('timetable').$type<Timetable>(),
    /**
     * Bumped in the same transaction as every change to the school's roster, consents or
     * permissions: app processes compare it to invalidate their prepared copy of the school.
     */
    dataVersion: bigint('data_version', { mode: 'number' }).notNull().default(0),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex('schools_brin_key').on(t.brin), index('schools_board_idx').on(t.boardId)],
);

export const schoolHolidays = pgTable(
  'school_holidays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
  },
  (t) => [index('school_holidays_school_idx').on(t.schoolId)],
);

export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
    /** As the school writes it: "5b", "1/2a". */
    code: text('code').notNull(),
    name: text('name'),
    externalId: text('external_id'),
    /** A group may keep its own lesson hours; null = the school's. */
    timetable: jsonb('timetable').$type<Timetable>(),
    active: boolean('active').notNull().default(true),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex('groups_school_code_key').on(t.schoolId, t.code)],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    /** The id in the school's administration (roster import key). */
    externalId: text('external_id').notNull(),
    kind: personKind('kind').notNull(),
    givenName: text('given_name').notNull(),
    /** Tussenvoegsel ("de", "van der"). */
    prefix: text('prefix'),
    familyName: text('family_name').notNull(),
    nicknames: text('nicknames').array().notNull().default(sql`'{}'::text[]`),
    birthDate: date('birth_date'),
    email: text('email'),
    /** A student's group. */
    groupId: uuid('group_id').references(() => groups.id),
    /** People who left are kept (history, files) but inactive. */
    active: boolean('active').notNull().default(true),
    leftAt: timestamp('left_at', { withTimezone: true }),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex('people_school_external_key').on(t.schoolId, t.externalId),
    index('people_school_kind_idx').on(t.schoolId, t.kind),
    index('people_group_idx').on(t.groupId),
  ],
);

export const guardianships = pgTable(
  'guardianships',
  {
    guardianId: uuid('guardian_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.guardianId, t.studentId] }), index('guardianships_student_idx').on(t.studentId)],
);

export const employments = pgTable(
  'employments',
  {
    personId: uuid('person_id').primaryKey().references(() => people.id, { onDelete: 'cascade' }),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    function: text('function'),
    /** Who this employee asks (B.3) and escalates to (B.2). */
    supervisorId: uuid('supervisor_id').references(() => people.id),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('employments_supervisor_idx').on(t.supervisorId)],
);

/** Which groups an employee teaches. */
export const groupStaff = pgTable(
  'group_staff',
  {
    groupId: uuid('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] })],
);

export const channelKind = pgEnum('channel_kind', ['school_social_media', 'school_website', 'newsletter']);

/** The school's own channels per platform (Instagram, website, newsletter...). */
export const schoolChannels = pgTable(
  'school_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    handle: text('handle'),
    /** Which consent this channel needs. */
    consentChannel: channelKind('consent_channel').notNull(),
    createdAt: created(),
  },
  (t) => [uniqueIndex('school_channels_key').on(t.schoolId, t.platform, t.handle)],
);
