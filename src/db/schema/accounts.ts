// Accounts, roles per school, sessions and API tokens. Sessions live in the database so that any
// app process can serve any request.
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people, schools } from './organisation.ts';

export const role = pgEnum('role', [
  'board',
  'director',
  'supervisor',
  'internal_supervisor',
  'communication_officer',
  'hr',
  'confidential_adviser',
  'data_protection_officer',
  'employee',
  'student',
  'guardian',
]);

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The person this account belongs to (null for board-level or external accounts). */
  personId: uuid('person_id').references(() => people.id),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** argon2id; null for accounts that only sign in through OpenID Connect. */
  passwordHash: text('password_hash'),
  totpSecret: text('totp_secret'),
  /** OpenID Connect subject and issuer. */
  oidcIssuer: text('oidc_issuer'),
  oidcSubject: text('oidc_subject'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    role: role('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.schoolId, t.role] })],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session token; the token itself is only in the cookie. */
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
