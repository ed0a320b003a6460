// Personnel and student files (D.1, D.4; docs/files.md). The entries themselves are file_entries
// (incidents.ts); this file adds the letters being written (drafts), the PDF documents filed with
// an entry, and the record of what the retention purge removed.
import { bigserial, boolean, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { fileEntries, fileKind, incidents, measures } from './incidents.ts';
import { people, schools } from './organisation.ts';

/** Binary data (PostgreSQL bytea) as a Node Buffer. */
const bytes = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * A letter of a case being written: prefilled from a template, edited in the browser, then sent.
 * Sending turns it into a PDF filed in the right file(s) and removes the draft (the file holds the
 * letter from then on).
 */
export const letterDrafts = pgTable(
  'letter_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    /** The person in the case the letter is about (employee, student or guardian). */
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** warning, suspension, hearing_invitation */
    template: text('template').notNull(),
    /** The measure the letter announces (warning, suspension), if any. */
    measureId: uuid('measure_id').references(() => measures.id),
    /** The letter's subject line ("Betreft"). */
    subject: text('subject').notNull(),
    /** The salutation ("Beste ..."), the paragraphs (blank line between) and the closing. */
    salutation: text('salutation').notNull(),
    body: text('body').notNull(),
    closing: text('closing').notNull(),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('letter_drafts_incident_idx').on(t.incidentId)],
);

/** The PDF of a filed letter: one per file entry, removed with it. */
export const fileDocuments = pgTable('file_documents', {
  fileEntryId: uuid('file_entry_id')
    .primaryKey()
    .references(() => fileEntries.id, { onDelete: 'cascade' }),
  schoolId: uuid('school_id')
    .notNull()
    .references(() => schools.id),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  bytes: bytes('bytes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * What the retention purge removed: one row per entry, without names or contents (append-only, a
 * trigger refuses UPDATE and DELETE).
 */
export const filePurges = pgTable(
  'file_purges',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** One purge run (all its rows share it). */
    runId: uuid('run_id').notNull(),
    /** The id the entry had (the entry itself is gone). */
    entryId: uuid('entry_id').notNull(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    fileKind: fileKind('file_kind').notNull(),
    entryType: text('entry_type').notNull(),
    entryCreatedAt: timestamp('entry_created_at', { withTimezone: true }).notNull(),
    /** The rule that applied (docs/files.md), e.g. "personnel.after_leaving.2y". */
    retentionRule: text('retention_rule').notNull(),
    /** The last day the entry was to be kept. */
    retainUntil: date('retain_until').notNull(),
    hadDocument: boolean('had_document').notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true }).notNull(),
  },
  // An entry is purged once: two runs can never both record it.
  (t) => [index('file_purges_school_idx').on(t.schoolId, t.purgedAt), uniqueIndex('file_purges_entry_idx').on(t.entryId)],
);
