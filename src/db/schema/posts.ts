// Posts and their checks (A.3: every check and publication is tied to its author), supervisor
// reviews (B.3), escalations (B.2), protocol versions and acknowledgements.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CheckResult, Post } from '../../engine/index.ts';
import { boards, people, schools } from './organisation.ts';
import { accounts } from './accounts.ts';
import { incidents } from './incidents.ts';

export const postStatus = pgEnum('post_status', ['draft', 'submitted', 'published', 'withdrawn']);
export const verdict = pgEnum('verdict', ['out_of_scope', 'allowed', 'allowed_with_changes', 'needs_review', 'not_allowed']);

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    authorId: uuid('author_id').references(() => people.id),
    authorAccountId: uuid('author_account_id').references(() => accounts.id),
    /** The post as checked (text, channel, situation, media with tagged people). */
    content: jsonb('content').$type<Post>().notNull(),
    status: postStatus('status').notNull().default('draft'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedUrl: text('published_url'),
    /** The author confirmed the final version (A.3) and saw the permanence reminder (A.4). */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('posts_school_author_idx').on(t.schoolId, t.authorId)],
);

/** Who appears in what was published: needed to take posts down when consent is revoked. */
export const postPeople = pgTable(
  'post_people',
  {
    postId: uuid('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull().references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.postId, t.personId] }), index('post_people_person_idx').on(t.personId)],
);

export const checks = pgTable(
  'checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    postId: uuid('post_id').references(() => posts.id, { onDelete: 'cascade' }),
    protocolId: text('protocol_id').notNull(),
    verdict: verdict('verdict').notNull(),
    result: jsonb('result').$type<CheckResult>().notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
    checkedBy: uuid('checked_by').references(() => accounts.id),
  },
  (t) => [index('checks_post_idx').on(t.postId)],
);

export const reviewStatus = pgEnum('review_status', ['open', 'approved', 'changes_requested', 'rejected', 'withdrawn']);

/**
 * "Ask my supervisor" (B.3): one row per request, its current state; the history (who said what
 * when) is in review_events. `content` and `checkId` are the exact version that was reviewed: an
 * approval covers that check of the post only (docs/supervision.md). supervisor_id null: no
 * supervisor at the school could be found, so the request is the board's.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    postId: uuid('post_id').notNull().references(() => posts.id),
    checkId: bigint('check_id', { mode: 'number' }).references(() => checks.id),
    requesterId: uuid('requester_id').references(() => people.id),
    requesterAccountId: uuid('requester_account_id').references(() => accounts.id),
    supervisorId: uuid('supervisor_id').references(() => people.id),
    /** The post as it was sent for review (the version the check and the decision are about). */
    content: jsonb('content').$type<Post>(),
    question: text('question'),
    status: reviewStatus('status').notNull().default('open'),
    /** The latest decision's comment (the history keeps every one). */
    comment: text('comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    /** When it was last sent (first request or resubmission): the queue's order. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reviews_supervisor_idx').on(t.supervisorId, t.status),
    index('reviews_school_status_idx').on(t.schoolId, t.status),
    index('reviews_post_idx').on(t.postId),
    // One active request per post: open or waiting for the author's changes.
    uniqueIndex('reviews_one_active_per_post').on(t.postId).where(sql`${t.status} in ('open', 'changes_requested')`),
  ],
);

/** readdressed: on resubmission the addressed supervisor no longer held a leading role; the request went to a new addressee. */
export const reviewEventKind = pgEnum('review_event_kind', ['requested', 'resubmitted', 'approved', 'changes_requested', 'rejected', 'withdrawn', 'readdressed']);

/** What happened to a review request, in order: append-only. */
export const reviewEvents = pgTable(
  'review_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reviewId: uuid('review_id').notNull().references(() => reviews.id, { onDelete: 'cascade' }),
    kind: reviewEventKind('kind').notNull(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    /** The question (requested, resubmitted) or the decision's comment. */
    comment: text('comment'),
    /** The check the event is about (requested, resubmitted: the new version). */
    checkId: bigint('check_id', { mode: 'number' }).references(() => checks.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_events_review_idx').on(t.reviewId)],
);

export const escalationStatus = pgEnum('escalation_status', ['open', 'acknowledged', 'resolved', 'became_incident']);

/**
 * A conversation that derails (B.2). The thread's text as pasted, the messages it was read as and
 * the derailing signal computed on the server at that moment; screenshots are media items of the
 * reporter (metadata stripped). supervisor_id null: the board's. Response time: acknowledged_at
 * and resolved_at against created_at.
 */
export const escalations = pgTable(
  'escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    reporterId: uuid('reporter_id').references(() => people.id),
    reporterAccountId: uuid('reporter_account_id').references(() => accounts.id),
    supervisorId: uuid('supervisor_id').references(() => people.id),
    link: text('link'),
    threadText: text('thread_text'),
    /** The messages the pasted text was read as ({ author, at, text }). */
    messages: jsonb('messages').$type<{ author: string; at: string; text: string }[]>(),
    /** What the employee adds in their own words. */
    note: text('note'),
    screenshotIds: uuid('screenshot_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The derailing signal of the decency detector at the time. */
    signal: jsonb('signal'),
    status: escalationStatus('status').notNull().default('open'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => accounts.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => accounts.id),
    /** The supervisor's answer (acknowledgement and resolution). */
    response: text('response'),
    incidentId: uuid('incident_id').references(() => incidents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('escalations_supervisor_idx').on(t.supervisorId, t.status), index('escalations_school_status_idx').on(t.schoolId, t.status)],
);

/**
 * Versions of the protocol a board adopted, with the official document (its bytes in
 * protocol_documents, src/db/schema/protocol.ts; here its SHA-256). Exactly one is current per
 * board (the partial unique index); `version` is the board's label ("2018", "2026-1").
 */
export const protocolVersions = pgTable(
  'protocol_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    boardId: uuid('board_id').notNull().references(() => boards.id),
    protocolId: text('protocol_id').notNull(),
    version: text('version').notNull(),
    adoptedOn: text('adopted_on'),
    /** What changed since the version before, in a few sentences. */
    summary: text('summary'),
    /** Unused: the document is stored in protocol_documents. */
    documentPath: text('document_path'),
    documentSha256: text('document_sha256'),
    current: boolean('current').notNull().default(false),
    publishedBy: uuid('published_by').references(() => accounts.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('protocol_versions_board_version_key').on(t.boardId, t.version),
    uniqueIndex('protocol_versions_one_current_key').on(t.boardId).where(sql`${t.current}`),
  ],
);

export const acknowledgements = pgTable(
  'acknowledgements',
  {
    protocolVersionId: uuid('protocol_version_id').notNull().references(() => protocolVersions.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    /** The account that confirmed it (an employee at several schools confirms once for all). */
    accountId: uuid('account_id').references(() => accounts.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.protocolVersionId, t.personId] }), index('acknowledgements_person_idx').on(t.personId)],
);

/** Binary data (PostgreSQL bytea) as a Node Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * A photo, video or sound file attached to a draft: only the copy without metadata is kept, never
 * the upload as it came. Faces are boxes (detection only: no face embeddings exist anywhere);
 * `tags` says per face which roster person it is (null: unknown).
 */
export const mediaItems = pgTable(
  'media_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    kind: text('kind').notNull(),
    format: text('format').notNull(),
    mime: text('mime').notNull(),
    width: integer('width'),
    height: integer('height'),
    durationMs: integer('duration_ms'),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    faces: jsonb('faces').$type<{ box: [number, number, number, number]; score: number; timeMs?: number }[]>().notNull(),
    tags: jsonb('tags').$type<(string | null)[]>().notNull(),
    /** People heard in a video or sound (they have no face to tag). */
    heard: jsonb('heard').$type<string[]>().notNull().default([]),
    /** What the upload carried and was stripped: names of kinds only (gps, exif, ...), never values. */
    strippedMetadata: jsonb('stripped_metadata').$type<string[]>().notNull().default([]),
    /** A blurred copy points at the item it was made from, with the faces blurred in it. */
    derivedFrom: uuid('derived_from'),
    blurred: jsonb('blurred').$type<number[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('media_items_school_account_idx').on(t.schoolId, t.accountId)],
);
