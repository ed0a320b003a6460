// Accounts, roles per school, sessions and API tokens. Sessions live in the database so that any
// app process can serve any request.
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
  /** Base32 TOTP secret; set at enrolment, in use once totp_confirmed_at is set. */
  totpSecret: text('totp_secret'),
  totpConfirmedAt: timestamp('totp_confirmed_at', { withTimezone: true }),
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totpLastStep: integer('totp_last_step'),
  /** OpenID Connect subject and issuer. */
  oidcIssuer: text('oidc_issuer'),
  oidcSubject: text('oidc_subject'),
  /** Closed accounts cannot sign in; their sessions and tokens are gone. */
  closedAt: timestamp('closed_at', { withTimezone: true }),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('accounts_oidc_key').on(t.oidcIssuer, t.oidcSubject)]);

export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    schoolId: uuid('school_id').notNull().references(() => schools.id),
    role: role('role').notNull(),
    /** The roster person this role is held as at this school (null for board-level roles). */
    personId: uuid('person_id').references(() => people.id),
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
    /** How the first factor was given: password or oidc. */
    method: text('method').notNull(),
    /** When the second factor was given; null while a required TOTP code is still due. */
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end; a session also ends after a spell without use (see src/modules/auth). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** The one school the token may act at (its account's roles there); null: all of them. */
  schoolId: uuid('school_id').references(() => schools.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const accountTokenPurpose = pgEnum('account_token_purpose', ['invitation', 'password_reset']);

/** One-time links sent by e-mail: an invitation to set a first password, or a password reset. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    purpose: accountTokenPurpose('purpose').notNull(),
    /** SHA-256 of the token; the token itself is only in the e-mail. */
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('account_tokens_account_idx').on(t.accountId)],
);
