// Sign-in through the school's identity provider (OpenID Connect), end to end on loopback: a real
// provider (oidc-provider) and the app both listen on 127.0.0.1, and a browser made of fetch and
// a cookie jar walks the redirects and submits the provider's login and consent forms. A second,
// hand-written provider forges ID tokens (wrong issuer, audience, nonce, signature) to show that
// openid-client's checks are on.
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { accounts, auditEvents } from '../../src/db/schema/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildSchool } from '../support/factories.ts';
import { abortAtProvider, Browser, closeServer, FakeProvider, listenLoopback, locationOf, loginAtProvider, oidcProvider } from '../support/oidc.ts';

const CLIENT_ID = 'postwijzer-test';
const CLIENT_SECRET = 'a-client-secret-for-the-test-only';
const SANNE = 'juf.sanne@regenboog.example';
const BRAM = 'meester.bram@regenboog.example';

let database: Database;
let app: FastifyInstance;
let appUrl: string;
let idp: { server: http.Server; url: string };
let fakeIdp: { server: http.Server; url: string };
let fake: FakeProvider;
let sanneId: string;
let bramId: string;
const logLines: string[] = [];

const callbackOf = (provider: string) => `${appUrl}/api/v1/auth/oidc/${provider}/callback`;

beforeAll(async () => {
  database = await openTestDatabase();
  const { school } = await buildSchool(database.db);
  sanneId = (await makeAccount(database.db, [{ schoolId: school.id, role: 'employee' }], { email: SANNE, password: null })).id;
  bramId = (await makeAccount(database.db, [{ schoolId: school.id, role: 'communication_officer' }], { email: BRAM })).id;

  // Both providers listen before the app is built (their issuer URLs go in its options); the app
  // listens before the real provider is configured (its client needs the app's redirect URI).
  idp = await listenLoopback();
  fakeIdp = await listenLoopback();
  const logStream = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
  app = await buildApp({
    database,
    logger: { level: 'info', stream: logStream },
    oidcProviders: [
      { id: 'school', name: 'De Regenboog (Microsoft)', issuer: idp.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      { id: 'fake', name: 'Forger', issuer: fakeIdp.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    ],
  });
  appUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  const provider = oidcProvider(idp.url, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: callbackOf('school') }, {
    sanne: { email: SANNE },
    'sanne-unverified': { email: SANNE, emailVerified: false },
    stranger: { email: 'iemand@elders.example' },
  });
  idp.server.on('request', provider.callback());
  fake = new FakeProvider(fakeIdp.url, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: callbackOf('fake') });
  fakeIdp.server.on('request', fake.handler);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await closeServer(idp?.server);
  await closeServer(fakeIdp?.server);
  await database?.close();
});

/** Starts a sign-in: the app's 302 to the provider, with its pending-login cookie in the browser. */
async function start(browser: Browser, provider = 'school', returnTo?: string): Promise<URL> {
  const res = await browser.fetch(`${appUrl}/api/v1/auth/oidc/${provider}/start${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`);
  expect(res.status).toBe(302);
  return new URL(locationOf(res, appUrl));
}

/** Start, sign in at the real provider as `login`, and return the callback URL (not yet visited). */
async function throughProvider(browser: Browser, login: string, tamper: (auth: URL) => void = () => {}, returnTo?: string): Promise<string> {
  const auth = await start(browser, 'school', returnTo);
  tamper(auth);
  return loginAtProvider(browser, auth.href, appUrl, login);
}

const auditCount = async (action: string, subjectId = 'school') =>
  (await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId)))).length;

/** The callback answers 4xx with a JSON error and leaves one more audit event of `action`. */
/** Why the app refused, as it logged it: the reasons of the "oidc sign-in refused" lines since `from`. */
const reasonsSince = (from: number): string[] =>
  logLines
    .slice(from)
    .map((l) => JSON.parse(l) as { msg: string; reason?: string })
    .filter((l) => l.msg === 'oidc sign-in refused')
    .map((l) => l.reason ?? '');

/**
 * The answer is a 4xx with a JSON error, no session, one more audit event of `count`, and the
 * refusal was logged for `reason` (so that a test cannot pass for another reason than its own).
 */
async function expectRefused(answer: () => Promise<Response>, status: number, error: string, count: () => Promise<number>, reason: string) {
  const before = await count();
  const logged = logLines.length;
  const res = await answer();
  expect(reasonsSince(logged)).toEqual([reason]);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: string; message: string };
  expect(body.error).toBe(error);
  expect(body.message.length).toBeGreaterThan(20);
  expect(JSON.stringify(body)).not.toMatch(/eyJ|stack|at .*\.ts/);
  expect(res.headers.getSetCookie().some((c) => c.startsWith('pw_session='))).toBe(false);
  expect(await count()).toBe(before + 1);
  return body;
}

describe(`OpenID Connect sign-in (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lists the configured providers, and 404s an unknown one', async () => {
    const r = await fetch(`${appUrl}/api/v1/auth/oidc`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      providers: [
        { id: 'school', name: 'De Regenboog (Microsoft)', startUrl: '/api/v1/auth/oidc/school/start' },
        { id: 'fake', name: 'Forger', startUrl: '/api/v1/auth/oidc/fake/start' },
      ],
    });
    for (const path of ['nope/start', 'nope/callback?code=x&state=y']) {
      const res = await fetch(`${appUrl}/api/v1/auth/oidc/${path}`, { redirect: 'manual' });
      expect(res.status).toBe(404);
      expect((await res.json()).error).toBe('not_found');
    }
  });

  it('redirects to the provider with PKCE (S256), state and nonce, and keeps them in an encrypted HttpOnly cookie', async () => {
    const browser = new Browser();
    const res = await browser.fetch(`${appUrl}/api/v1/auth/oidc/school/start`);
    expect(res.status).toBe(302);
    const auth = new URL(res.headers.get('location')!);
    expect(auth.origin).toBe(idp.url);
    const p = auth.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(CLIENT_ID);
    expect(p.get('redirect_uri')).toBe(callbackOf('school'));
    expect(p.get('scope')).toBe('openid email profile');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^pw_oidc_school=[\w-]+; Max-Age=600; Path=\/api\/v1\/auth\/oidc\/school\/callback; HttpOnly; SameSite=Lax$/);
    // Nothing of it readable: not the state, not the code verifier.
    const value = browser.cookie(appUrl, 'pw_oidc_school')!;
    expect(Buffer.from(value, 'base64url').toString('latin1')).not.toContain(p.get('state'));
  });

  it('signs in an invited account found by its verified e-mail, links the subject, and finds it by subject the next time', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, 'sanne', undefined, '/posts?status=submitted');
    const cb = new URL(callback);
    expect(cb.pathname).toBe('/api/v1/auth/oidc/school/callback');
    expect(cb.searchParams.get('iss')).toBe(idp.url);
    const res = await browser.fetch(callback);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/posts?status=submitted');
    expect(browser.cookie(appUrl, 'pw_session')).toBeTruthy();
    expect(browser.cookie(appUrl, 'pw_oidc_school')).toBeUndefined();

    const me = await browser.fetch(`${appUrl}/api/v1/auth/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ account: { id: sanneId, email: SANNE }, via: 'session' });

    const [row] = await database.db.select().from(accounts).where(eq(accounts.id, sanneId));
    expect(row).toMatchObject({ oidcIssuer: idp.url, oidcSubject: 'sanne' });
    expect(await auditCount('account.link_oidc', sanneId)).toBe(1);
    expect(await auditCount('auth.sign_in.oidc', sanneId)).toBe(1);

    // The school changes her address: the subject still finds her, without linking again.
    await database.db.update(accounts).set({ email: 'sanne.nieuw@regenboog.example' }).where(eq(accounts.id, sanneId));
    const again = new Browser();
    const res2 = await again.fetch(await throughProvider(again, 'sanne'));
    expect(res2.status).toBe(303);
    expect(res2.headers.get('location')).toBe('/');
    const me2 = await again.fetch(`${appUrl}/api/v1/auth/me`);
    expect((await me2.json()).account).toMatchObject({ id: sanneId, email: 'sanne.nieuw@regenboog.example' });
    expect(await auditCount('account.link_oidc', sanneId)).toBe(1);
    expect(await auditCount('auth.sign_in.oidc', sanneId)).toBe(2);
    await database.db.update(accounts).set({ email: SANNE }).where(eq(accounts.id, sanneId));
  });

  it('refuses an e-mail without an account with 403, creates nothing, and audits it', async () => {
    const before = (await database.db.select().from(accounts)).length;
    const browser = new Browser();
    const callback = await throughProvider(browser, 'stranger');
    const body = await expectRefused(() => browser.fetch(callback), 403, 'no_account', () => auditCount('auth.oidc_no_account'), 'no_account');
    expect(body.message).toMatch(/no Postwijzer account for this e-mail address.*ask your school to invite you/i);
    expect((await database.db.select().from(accounts)).length).toBe(before);
  });

  it('does not match an e-mail address the provider has not verified', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, 'sanne-unverified');
    await expectRefused(() => browser.fetch(callback), 403, 'email_not_verified', () => auditCount('auth.oidc_no_account'), 'email_not_verified');
    const [row] = await database.db.select().from(accounts).where(eq(accounts.id, sanneId));
    expect(row!.oidcSubject).toBe('sanne');
  });

  describe('refuses tampered or replayed answers with a JSON error and an audit event', () => {
    const failed = () => auditCount('auth.oidc_failed');
    const failedFake = () => auditCount('auth.oidc_failed', 'fake');

    it('a wrong state', async () => {
      const browser = new Browser();
      const cb = new URL(await throughProvider(browser, 'sanne'));
      cb.searchParams.set('state', 'a-state-of-the-attacker');
      await expectRefused(() => browser.fetch(cb.href), 400, 'oidc_state_mismatch', failed, 'state_mismatch');
    });

    it('an answer without the pending-login cookie (a sign-in started in another browser), or with a forged one', async () => {
      const browser = new Browser();
      const callback = await throughProvider(browser, 'sanne');
      const victim = new Browser();
      await expectRefused(() => victim.fetch(callback), 400, 'oidc_no_pending_login', failed, 'no_pending_login');
      const forger = new Browser();
      const real = Buffer.from(browser.cookie(appUrl, 'pw_oidc_school')!, 'base64url');
      real[20] = real[20]! ^ 1;
      forger.setCookie(appUrl, 'pw_oidc_school', real.toString('base64url'));
      await expectRefused(() => forger.fetch(callback), 400, 'oidc_no_pending_login', failed, 'no_pending_login');
    });

    it('an issuer in the answer that is not the provider’s (RFC 9207 iss)', async () => {
      const browser = new Browser();
      const cb = new URL(await throughProvider(browser, 'sanne'));
      cb.searchParams.set('iss', 'http://127.0.0.1:9/evil');
      await expectRefused(() => browser.fetch(cb.href), 401, 'oidc_failed', failed, 'OAUTH_INVALID_RESPONSE:iss_parameter');
    });

    it('an ID token with another nonce (the authorization request was changed on its way)', async () => {
      const browser = new Browser();
      const callback = await throughProvider(browser, 'sanne', (auth) => auth.searchParams.set('nonce', 'a-nonce-of-the-attacker'));
      await expectRefused(() => browser.fetch(callback), 401, 'oidc_failed', failed, 'OAUTH_JWT_CLAIM_COMPARISON_FAILED:nonce');
    });

    it('a code bound to another PKCE challenge', async () => {
      const browser = new Browser();
      const challenge = createHash('sha256').update('a-verifier-of-the-attacker-that-is-long-enough-43').digest('base64url');
      const callback = await throughProvider(browser, 'sanne', (auth) => auth.searchParams.set('code_challenge', challenge));
      await expectRefused(() => browser.fetch(callback), 401, 'oidc_failed', failed, 'token_endpoint:invalid_grant');
    });

    it('a refusal by the provider (error=access_denied)', async () => {
      const browser = new Browser();
      const auth = await start(browser);
      const callback = await abortAtProvider(browser, auth.href, appUrl);
      expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
      const body = await expectRefused(() => browser.fetch(callback), 401, 'oidc_refused', failed, 'authorization_response:access_denied');
      expect(body.message).toContain('access_denied');
    });

    it('a replayed callback: in this process, and in another process where the provider refuses the used code', async () => {
      const browser = new Browser();
      const callback = await throughProvider(browser, 'sanne');
      const pending = browser.cookie(appUrl, 'pw_oidc_school')!;
      expect((await browser.fetch(callback)).status).toBe(303);
      // The same answer with the same cookie, again.
      const replay = new Browser();
      replay.setCookie(appUrl, 'pw_oidc_school', pending);
      await expectRefused(() => replay.fetch(callback), 400, 'oidc_login_used', failed, 'pending_login_reused');
      // Another app process (same database and configuration, so it can open the cookie) has not
      // seen the login: the provider refuses the code that was used already.
      const other = await buildApp({ database, oidcProviders: [{ id: 'school', name: 'x', issuer: idp.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }] });
      try {
        const n = await failed();
        const logged = logLines.length;
        const r = await other.inject({ method: 'GET', url: callback.slice(appUrl.length), headers: { cookie: `pw_oidc_school=${pending}` } });
        expect(r.statusCode).toBe(401);
        expect(r.json()).toMatchObject({ error: 'oidc_failed' });
        expect(r.headers['set-cookie']?.toString()).not.toContain('pw_session=');
        expect(await failed()).toBe(n + 1);
        expect(logLines.length).toBe(logged); // the other app does not log to our stream
      } finally {
        await other.close();
      }
    });

    // The hand-written provider: everything right but the ID token.
    const viaFake = async () => {
      const browser = new Browser();
      const auth = await start(browser, 'fake');
      const back = await browser.fetch(auth.href);
      expect(back.status).toBe(303);
      return browser.fetch(locationOf(back, auth.href)).then((res) => ({ res, browser }));
    };

    it.each([
      ['wrong-issuer', 'an ID token of another issuer', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED:iss'],
      ['wrong-audience', 'an ID token for another client (audience)', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED:aud'],
      ['wrong-nonce', 'an ID token with another nonce', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED:nonce'],
      ['bad-signature', 'an ID token signed with a key that is not the provider’s (same kid)', 'OAUTH_INVALID_RESPONSE:signature'],
      ['unknown-key', 'an ID token signed with a key the provider does not publish', 'OAUTH_KEY_SELECTION_FAILED'],
      ['alg-none', 'an unsigned ID token (alg none)', 'OAUTH_INVALID_RESPONSE:alg'],
      ['expired', 'an expired ID token', 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED:exp'],
    ] as const)('%s: %s', async (mode, _what, reason) => {
      fake.mode = mode;
      fake.email = BRAM;
      await expectRefused(async () => (await viaFake()).res, 401, 'oidc_failed', failedFake, reason);
      const [row] = await database.db.select().from(accounts).where(eq(accounts.id, bramId));
      expect(row!.oidcSubject).toBeNull();
    });

    it('…while the same provider’s honest ID token signs in (the control)', async () => {
      fake.mode = 'good';
      fake.email = BRAM;
      const { res, browser } = await viaFake();
      expect(res.status).toBe(303);
      const me = await browser.fetch(`${appUrl}/api/v1/auth/me`);
      expect((await me.json()).account.id).toBe(bramId);
      const [row] = await database.db.select().from(accounts).where(eq(accounts.id, bramId));
      expect(row).toMatchObject({ oidcIssuer: fakeIdp.url, oidcSubject: 'fake-subject-1' });
    });
  });

  it('refuses a returnTo on another site, before anything is started', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'posts', '/a\nb']) {
      const res = await fetch(`${appUrl}/api/v1/auth/oidc/school/start?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
      expect(res.status, returnTo).toBe(400);
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(await res.json()).toMatchObject({ error: 'invalid_return_to' });
    }
    const twice = await fetch(`${appUrl}/api/v1/auth/oidc/school/start?returnTo=/a&returnTo=/b`, { redirect: 'manual' });
    expect(twice.status).toBe(400);
  });

  it('logged no personal data, codes or tokens', () => {
    const log = logLines.join('');
    expect(log).toContain('oidc sign-in refused');
    for (const secret of ['regenboog.example', 'elders.example', 'code=', 'state=', 'eyJ', CLIENT_SECRET, 'sanne']) expect(log).not.toContain(secret);
  });
});
