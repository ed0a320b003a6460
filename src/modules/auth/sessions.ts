// Sessions in the database: the cookie holds a random token, the table its hash. A session ends
// at its absolute end (12 hours), after two hours without use, at sign-out, when the password is
// reset, or when the account is closed.
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { accounts, apiTokens, sessions } from '../../db/schema/index.ts';
import { forgetIdentities } from './identity-cache.ts';
import { newToken, sha256 } from './secrets.ts';

export const SESSION_TTL_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 2 * 3600_000;
/** lastSeenAt is written at most this often, so that reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

export type SignInMethod = 'password' | 'oidc';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: DbOrTx,
  opts: { accountId: string; method: SignInMethod; secondFactorDone: boolean; now: Date },
): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(opts.now.getTime() + SESSION_TTL_MS);
  // Old sessions of anyone are cleared here now and then: a sign-in is rare enough to pay for it.
  await db.delete(sessions).where(or(lt(sessions.expiresAt, opts.now), lt(sessions.lastSeenAt, new Date(opts.now.getTime() - SESSION_IDLE_MS))));
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    accountId: opts.accountId,
    csrfToken,
    method: opts.method,
    secondFactorAt: opts.secondFactorDone ? opts.now : null,
    createdAt: opts.now,
    lastSeenAt: opts.now,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export interface LiveSession {
  tokenHash: string;
  accountId: string;
  csrfToken: string;
  method: SignInMethod;
  secondFactorAt: Date | null;
  expiresAt: Date;
}

/** The session of a cookie token, or null when there is none, it ended, or its account is closed. */
export async function findSession(db: DbOrTx, token: string, now: Date): Promise<LiveSession | null> {
  const tokenHash = sha256(token);
  const [row] = await db
    .select({ s: sessions, closedAt: accounts.closedAt })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!row) return null;
  const { s } = row;
  const idleSince = now.getTime() - s.lastSeenAt.getTime();
  if (row.closedAt || s.expiresAt <= now || idleSince > SESSION_IDLE_MS) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (idleSince > TOUCH_EVERY_MS) await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  return { tokenHash, accountId: s.accountId, csrfToken: s.csrfToken, method: s.method as SignInMethod, secondFactorAt: s.secondFactorAt, expiresAt: s.expiresAt };
}

export async function endSession(db: DbOrTx, tokenHash: string): Promise<void> {
  forgetIdentities();
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of an account (password reset, account closed). */
export async function endAllSessions(db: DbOrTx, accountId: string): Promise<void> {
  forgetIdentities();
  await db.delete(sessions).where(eq(sessions.accountId, accountId));
}

export interface LiveToken {
  id: string;
  accountId: string;
  schoolId: string | null;
  expiresAt: Date | null;
}

/** The API token of an Authorization header, or null when unknown, revoked, expired or its account closed. */
export async function findApiToken(db: DbOrTx, token: string, now: Date): Promise<LiveToken | null> {
  const [row] = await db
    .select({ id: apiTokens.id, accountId: apiTokens.accountId, schoolId: apiTokens.schoolId, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        isNull(accounts.closedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { id: row.id, accountId: row.accountId, schoolId: row.schoolId, expiresAt: row.expiresAt };
}
