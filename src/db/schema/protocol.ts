// The protocol in the app (A.3, A.4): the official document of each protocol version as bytes, and
// the reminders sent to employees who have not yet confirmed the current version. The versions and
// the acknowledgements themselves are in ./posts.ts (protocol_versions, acknowledgements).
import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { people } from './organisation.ts';
import { protocolVersions } from './posts.ts';

/** Binary data (PostgreSQL bytea) as a Node Buffer. */
const bytes = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** The board's official document of a version: a PDF, checked by its first bytes, with its SHA-256. */
export const protocolDocuments = pgTable('protocol_documents', {
  versionId: uuid('version_id')
    .primaryKey()
    .references(() => protocolVersions.id, { onDelete: 'cascade' }),
  /** The name it was uploaded with, cleaned (letters, digits, dot, dash, underscore). */
  fileName: text('file_name').notNull(),
  mime: text('mime').notNull().default('application/pdf'),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  bytes: bytes('bytes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Reminders to confirm a version: at most one per person per day. */
export const protocolReminders = pgTable(
  'protocol_reminders',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => protocolVersions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    reminders: integer('reminders').notNull().default(0),
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }).notNull(),
    lastRemindedBy: uuid('last_reminded_by').references(() => accounts.id),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.personId] }), index('protocol_reminders_person_idx').on(t.personId)],
);
