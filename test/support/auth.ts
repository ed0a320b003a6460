// Accounts for integration tests: create one with roles, sign it in through the real API, or give
// it an API token. A test that needs a second factor enrols through the API too.
import type { FastifyInstance } from 'fastify';
import type { AppDb } from '../../src/db/connection.ts';
import { apiTokens } from '../../src/db/schema/index.ts';
import { createAccount } from '../../src/modules/accounts/service.ts';
import type { RoleGrant } from '../../src/modules/accounts/service.ts';
import { newToken, sha256 } from '../../src/modules/auth/secrets.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

let n = 0;

export async function makeAccount(db: AppDb, roles: RoleGrant[], over: { email?: string; password?: string | null; name?: string } = {}) {
  n += 1;
  const email = over.email ?? `user${n}.${Date.now().toString(36)}@test.example`;
  const password = over.password === null ? undefined : (over.password ?? TEST_PASSWORD);
  const { id } = await db.transaction((tx) =>
    createAccount(tx, { email, displayName: over.name ?? `Test ${n}`, ...(password !== undefined ? { password } : {}), roles, createdBy: 'test' }),
  );
  return { id, email, password: password ?? null };
}

/** An API token for the account, inserted directly: `{ authorization: 'Bearer ...' }`. */
export async function tokenHeaders(db: AppDb, accountId: string, schoolId?: string): Promise<Record<string, string>> {
  const token = newToken('pwt_');
  await db.insert(apiTokens).values({ accountId, name: 'test', tokenHash: sha256(token), schoolId: schoolId ?? null });
  return { authorization: `Bearer ${token}` };
}

export interface Browser {
  cookie: string;
  csrfToken: string;
  /** Headers for a write: the cookie and the CSRF token. */
  headers: Record<string, string>;
  status: string;
}

function sessionCookie(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const c = list.find((v) => v.startsWith('pw_session='));
  if (!c) throw new Error('no session cookie was set');
  return c.split(';')[0]!;
}

/** Signs in through POST /api/v1/auth/sign-in, like a browser. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Browser> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return browserFrom(res.headers['set-cookie'], res.json() as { csrfToken: string; status: string });
}

export function browserFrom(setCookie: string | string[] | undefined, body: { csrfToken: string; status: string }): Browser {
  const cookie = sessionCookie(setCookie);
  return { cookie, csrfToken: body.csrfToken, status: body.status, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}
