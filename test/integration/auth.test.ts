// Sign-in, sessions, CSRF, the second factor and API tokens, through the real HTTP API, with the
// attacks the accounts issue names: wrong passwords, enumeration, expired and replayed sessions,
// forged CSRF tokens, another school's data, another child.
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { accounts, sessions } from '../../src/db/schema/index.ts';
import { SESSION_IDLE_MS, SESSION_TTL_MS } from '../../src/modules/auth/sessions.ts';
import { IDENTITY_TTL_MS } from '../../src/modules/auth/identity-cache.ts';
import { MAX_FAILURES } from '../../src/modules/auth/throttle.ts';
import { totpCode } from '../../src/modules/auth/totp.ts';
import { buildApp } from '../../src/server/app.ts';
import { browserFrom, makeAccount, signIn, TEST_PASSWORD, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
let clock = Date.parse('2026-11-26T10:00:00Z');
let schoolA: string;
let schoolB: string;
let people: Map<string, { id: string }>;
let teacher: { id: string; email: string };
let parent: { id: string; email: string };
let hr: { id: string; email: string };

beforeAll(async () => {
  database = await openTestDatabase();
  schoolA = (await buildSchool(database.db, { brin: '99QA' })).school.id;
  schoolB = (await buildSchool(database.db, { brin: '99QB' })).school.id;
  people = await buildPeople(database.db, schoolA, [
    { externalId: 's1', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b' },
    { externalId: 's2', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '5b' },
    { externalId: 'g1', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
    { externalId: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
  ]);
  await linkGuardian(database.db, people.get('g1')!.id, people.get('s1')!.id);
  teacher = await makeAccount(database.db, [{ schoolId: schoolA, role: 'employee', personId: people.get('e1')!.id }]);
  parent = await makeAccount(database.db, [{ schoolId: schoolA, role: 'guardian', personId: people.get('g1')!.id }]);
  hr = await makeAccount(database.db, [{ schoolId: schoolA, role: 'hr' }]);
  app = await buildApp({ database, now: () => clock });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const audit = (action: string) => database.query<{ actor: string; subject_id: string | null; school_id: string | null }>(`select actor, subject_id, school_id from audit_events where action = $1 order by id`, [action]);
const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
const signInRaw = (email: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });

describe(`sign-in and sessions (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('signs in with a password: an HttpOnly, SameSite cookie, and me shows roles and permissions per school', async () => {
    const res = await signInRaw(teacher.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'signed_in', csrfToken: expect.any(String) });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/pw_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; see the https test below
    const b = browserFrom(res.headers['set-cookie'], res.json());
    const who = await me({ cookie: b.cookie });
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({
      account: { id: teacher.id },
      csrfToken: b.csrfToken,
      schools: [{ id: schoolA, roles: ['employee'], personId: people.get('e1')!.id, permissions: expect.arrayContaining(['posts.submit', 'people.read']) }],
    });
    expect(who.json().schools[0].permissions).not.toContain('roster.import');
    // Only the token's hash is stored.
    const stored = await database.db.select().from(sessions).where(eq(sessions.accountId, teacher.id));
    expect(stored.map((s) => s.tokenHash)).not.toContain(b.cookie.split('=')[1]);
  });

  it('marks the cookie Secure behind https (x-forwarded-proto with trustProxy)', async () => {
    const proxied = await buildApp({ database, now: () => clock, trustProxy: true });
    try {
      const res = await proxied.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { 'x-forwarded-proto': 'https' }, payload: { email: teacher.email, password: TEST_PASSWORD } });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('answers a wrong password and an unknown address alike, audits both, and throttles an address after repeated failures', async () => {
    const wrong = await signInRaw(parent.email, 'not the password');
    const unknown = await signInRaw('nobody@test.example', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toBe('invalid_credentials');
    const failed = await audit('auth.sign_in_failed');
    expect(failed.map((f) => f.subject_id)).toEqual(expect.arrayContaining([parent.id, null]));
    for (let i = 1; i < MAX_FAILURES; i++) await signInRaw(parent.email, `wrong ${i}`);
    const blocked = await signInRaw(parent.email, TEST_PASSWORD); // even the right password now
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
    expect(blocked.json().error).toBe('too_many_attempts');
    // Unknown addresses are throttled the same way: the limit tells nothing either.
    for (let i = 1; i < MAX_FAILURES; i++) await signInRaw('nobody@test.example', `wrong ${i}`);
    expect((await signInRaw('nobody@test.example', 'x')).statusCode).toBe(429);
    clock += 16 * 60_000;
    expect((await signInRaw(parent.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses bad bodies with 400 and JSON paths', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['$.email', '$.password']);
  });

  it('ends a session after sign-out (a replayed cookie is not signed in), after idle time and at its absolute end', async () => {
    const b = await signIn(app, teacher.email);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: b.headers });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/pw_session=;/);
    expect((await me({ cookie: b.cookie })).statusCode).toBe(401);

    const idle = await signIn(app, teacher.email);
    clock += SESSION_IDLE_MS + 1000;
    expect((await me({ cookie: idle.cookie })).statusCode).toBe(401);

    const long = await signIn(app, teacher.email);
    for (let t = 0; t < SESSION_TTL_MS; t += SESSION_IDLE_MS / 2) {
      clock += SESSION_IDLE_MS / 2;
      await me({ cookie: long.cookie });
    }
    expect((await me({ cookie: long.cookie })).statusCode).toBe(401);
    expect((await me({ cookie: 'pw_session=made-up' })).statusCode).toBe(401);
  });

  it('needs the session’s CSRF token for writes with a cookie, and audits a forged one', async () => {
    const b = await signIn(app, teacher.email);
    const url = `/api/v1/schools/${schoolA}/checks`;
    const payload = { post: { channel: { kind: 'school' }, text: 'Hallo' } };
    const none = await app.inject({ method: 'POST', url, headers: { cookie: b.cookie }, payload });
    expect(none.statusCode).toBe(403);
    expect(none.json().error).toBe('csrf_failed');
    const forged = await app.inject({ method: 'POST', url, headers: { cookie: b.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload });
    expect(forged.statusCode).toBe(403);
    expect((await audit('access.csrf_failed')).at(-1)).toMatchObject({ actor: teacher.id, school_id: schoolA });
    const ok = await app.inject({ method: 'POST', url, headers: b.headers, payload });
    expect(ok.statusCode).toBe(200);
    // Reads need no token; API tokens need none either (no cookie, no cross-site request).
    expect((await me({ cookie: b.cookie })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url, headers: await tokenHeaders(database.db, teacher.id), payload })).statusCode).toBe(200);
  });
});

describe('scoping to school and person', () => {
  it('refuses a user of school A at school B with 403, audited in B’s chain', async () => {
    const b = await signIn(app, teacher.email);
    const res = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolB}/checks`, headers: b.headers, payload: { post: { channel: { kind: 'school' } } } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: 'forbidden', message: expect.any(String) });
    expect((await audit('access.forbidden')).at(-1)).toMatchObject({ actor: teacher.id, school_id: schoolB, subject_id: 'POST /api/v1/schools/:schoolId/checks' });
  });

  it('lets a guardian see their own child but not another child', async () => {
    const h = await tokenHeaders(database.db, parent.id);
    const own = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/people/${people.get('s1')!.id}`, headers: h });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ givenName: 'Yusuf', group: '5b' });
    const other = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/people/${people.get('s2')!.id}`, headers: h });
    expect(other.statusCode).toBe(403);
    expect(JSON.stringify(other.json())).not.toMatch(/Lotte/);
    expect(other.json().error).toBe('not_yours');
    expect((await audit('access.not_yours')).at(-1)).toMatchObject({ actor: parent.id, school_id: schoolA, subject_id: 'GET /api/v1/schools/:schoolId/people/:personId' });
    // Staff see anyone at their school.
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/people/${people.get('s2')!.id}`, headers: await tokenHeaders(database.db, teacher.id) })).statusCode).toBe(200);
  });

  it('shows an author their own post and not someone else’s', async () => {
    const th = await tokenHeaders(database.db, teacher.id);
    const posted = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolA}/posts`, headers: th, payload: { post: { channel: { kind: 'school' }, situation: 'work', text: 'Mooie dag' } } });
    expect(posted.statusCode).toBe(201);
    const url = `/api/v1/schools/${schoolA}/posts/${posted.json().postId}`;
    expect((await app.inject({ method: 'GET', url, headers: th })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url, headers: await tokenHeaders(database.db, parent.id) })).statusCode).toBe(403);
  });
});

describe('API tokens', () => {
  it('are created with a session (shown once), act as the account, are limited to their school, and stop when revoked', async () => {
    const b = await signIn(app, teacher.email);
    const made = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: b.headers, payload: { name: 'Nieuwsbrief', schoolId: schoolA } });
    expect(made.statusCode).toBe(201);
    const { id, token } = made.json();
    expect(token).toMatch(/^pwt_/);
    const h = { authorization: `Bearer ${token}` };
    expect((await me(h)).json()).toMatchObject({ via: 'token', csrfToken: null, schools: [{ id: schoolA }] });
    // A token cannot make tokens.
    const viaToken = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: h, payload: { name: 'x' } });
    expect(viaToken.statusCode).toBe(403);
    const list = await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: b.headers });
    expect(list.json().tokens).toEqual(expect.arrayContaining([expect.objectContaining({ id, name: 'Nieuwsbrief' })]));
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, headers: b.headers })).statusCode).toBe(200);
    const after = await me(h);
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe('invalid_token');
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, headers: b.headers })).statusCode).toBe(404);
  });
});

describe('the identity cache', () => {
  it('sees a change made by another process within IDENTITY_TTL_MS, and one made here at once', async () => {
    const h = await tokenHeaders(database.db, teacher.id);
    expect((await me(h)).statusCode).toBe(200);
    // Another process revokes the token: plain SQL, nothing in this process is told.
    await database.query(`update api_tokens set revoked_at = now() where account_id = $1 and revoked_at is null`, [teacher.id]);
    expect((await me(h)).statusCode).toBe(200);
    clock += IDENTITY_TTL_MS;
    expect((await me(h)).statusCode).toBe(401);
    // Here: a sign-out forgets every remembered identity of this process at once.
    const b = await signIn(app, teacher.email);
    expect((await me({ cookie: b.cookie })).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: b.headers });
    expect((await me({ cookie: b.cookie })).statusCode).toBe(401);
  });
});

describe('second factor (TOTP) for board, HR and FG', () => {
  it('holds HR at the door until a TOTP is enrolled and confirmed; afterwards a code is needed at each sign-in, and never twice', async () => {
    const first = await signIn(app, hr.email);
    expect(first.status).toBe('second_factor_enrolment_required');
    // Signed in only halfway: nothing but me, sign-out and the TOTP routes.
    const list = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/audit/events`, headers: first.headers });
    expect(list.statusCode).toBe(401);
    expect(list.json().error).toBe('second_factor_required');
    expect((await me({ cookie: first.cookie })).json()).toMatchObject({ secondFactor: { required: true, enrolled: false, due: true } });

    const enrol = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: first.headers });
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUrl } = enrol.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Postwijzer:.*secret=/);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers: first.headers, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(401);
    const code = totpCode(secret, clock);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers: first.headers, payload: { code } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('signed_in');
    const full = browserFrom(ok.headers['set-cookie'], ok.json());
    expect(full.cookie).not.toBe(first.cookie); // a new token once the factor is in
    expect((await me({ cookie: first.cookie })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/people/${people.get('s1')!.id}`, headers: full.headers })).statusCode).toBe(200);
    const [row] = await database.db.select().from(accounts).where(eq(accounts.id, hr.id));
    expect(row!.totpConfirmedAt).not.toBeNull();

    // Next sign-in: the code is due; the code used above is not accepted again.
    const next = await signIn(app, hr.email);
    expect(next.status).toBe('second_factor_required');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: next.headers })).statusCode).toBe(409);
    const replay = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers: next.headers, payload: { code } });
    expect(replay.statusCode).toBe(401);
    clock += 30_000;
    const fresh = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers: next.headers, payload: { code: totpCode(secret, clock) } });
    expect(fresh.statusCode).toBe(200);
    expect((await audit('auth.totp_failed')).length).toBeGreaterThanOrEqual(2);
    expect(await audit('auth.totp_confirmed')).toEqual([expect.objectContaining({ actor: hr.id })]);
    expect(await audit('auth.totp_verified')).toEqual([expect.objectContaining({ actor: hr.id })]);
  });
});
