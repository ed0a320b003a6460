// Every role against every route: the answer is "allowed" exactly when the route's rule (from
// src/policies) says so. Each role signs in through the real API (with its second factor where the
// role needs one) and calls every route of the app with the school of its role; the rule decides
// whether the guard lets it through. Routes without a rule must not exist under /api.
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { totpCode } from '../../src/modules/auth/totp.ts';
import type { Role, Who } from '../../src/policies/index.ts';
import { ROLES, SECOND_FACTOR_ROLES } from '../../src/policies/index.ts';
import { buildApp } from '../../src/server/app.ts';
import type { RouteInfo } from '../../src/server/app.ts';
import type { Browser } from '../support/auth.ts';
import { browserFrom, makeAccount, signIn } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
let schoolId: string;
const browsers = new Map<Role, Browser>();
const clock = Date.parse('2026-11-26T10:00:00Z');

const PERSON_KIND: Partial<Record<Role, 'student' | 'guardian'>> = { student: 'student', guardian: 'guardian' };

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99PR' })).school.id;
  const people = await buildPeople(
    database.db,
    schoolId,
    ROLES.map((role) => ({ externalId: role, kind: PERSON_KIND[role] ?? 'employee', givenName: 'Test', familyName: role })),
  );
  app = await buildApp({ database, now: () => clock });
  for (const role of ROLES) {
    const account = await makeAccount(database.db, [{ schoolId, role, personId: people.get(role)!.id }]);
    let b = await signIn(app, account.email);
    if (SECOND_FACTOR_ROLES.includes(role)) {
      const { secret } = (await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: b.headers })).json();
      const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers: b.headers, payload: { code: totpCode(secret, clock) } });
      b = browserFrom(ok.headers['set-cookie'], ok.json());
    }
    expect(b.status).toBe('signed_in');
    browsers.set(role, b);
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const RANDOM_ID = '00000000-0000-4000-8000-000000000000';

function urlOf(route: RouteInfo): string {
  return route.url.replace(':schoolId', schoolId).replace(/:(\w+)/g, (_m, name: string) => (name === 'provider' ? 'school' : RANDOM_ID));
}

function expected(who: Who, role: Role | null): 'allowed' | 'unauthenticated' | 'forbidden' {
  if (who === 'public') return 'allowed';
  if (role === null) return 'unauthenticated';
  if (who === 'signed_in') return 'allowed';
  return who.includes(role) ? 'allowed' : 'forbidden';
}

/** What the guard decided, read from the answer: handlers may still say 400, 404, 409 or not_yours. */
function outcome(res: LightMyRequestResponse): 'allowed' | 'unauthenticated' | 'forbidden' {
  if (res.statusCode === 401) {
    const error = res.json().error as string;
    // The route's own answers for a wrong password or code: the guard let the request in.
    return ['invalid_credentials', 'invalid_code'].includes(error) ? 'allowed' : 'unauthenticated';
  }
  if (res.statusCode === 403 && ['forbidden', 'session_required'].includes(res.json().error)) return 'forbidden';
  return 'allowed';
}

async function call(route: RouteInfo, browser: Browser | undefined): Promise<LightMyRequestResponse> {
  const write = route.method !== 'GET';
  return app.inject({
    method: route.method as 'GET',
    url: urlOf(route),
    headers: browser ? (write ? browser.headers : { cookie: browser.cookie }) : {},
    ...(write ? { payload: {} } : {}),
  });
}

describe(`every role against every route (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('has an access rule on every route under /api', () => {
    const missing = app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.access).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(app.routeTable.filter((r) => r.url.startsWith('/api/')).length).toBeGreaterThan(15);
  });

  it('refuses every role-scoped route at another school, whatever the role', async () => {
    const other = (await buildSchool(database.db, { brin: '99PS' })).school.id;
    const scoped = app.routeTable.filter((r) => r.access && Array.isArray(r.access.who) && r.url.includes(':schoolId'));
    expect(scoped.length).toBeGreaterThan(5);
    for (const route of scoped) {
      for (const role of ROLES) {
        const b = browsers.get(role)!;
        const res = await app.inject({ method: route.method as 'GET', url: urlOf(route).replace(schoolId, other), headers: route.method === 'GET' ? { cookie: b.cookie } : b.headers, ...(route.method === 'GET' ? {} : { payload: {} }) });
        expect(`${route.method} ${route.url} as ${role}: ${res.statusCode}`).toBe(`${route.method} ${route.url} as ${role}: 403`);
      }
    }
  });
  it('keeps the sensitive routes to the roles the protocol gives them (written out here, not read from the policies)', () => {
    const who = (method: string, url: string) => app.routeTable.find((r) => r.method === method && r.url === url)?.access?.who;
    expect(who('POST', '/api/v1/schools/:schoolId/roster')).toEqual(['director', 'hr']);
    expect(who('GET', '/api/v1/schools/:schoolId/audit/events')).toEqual(['board', 'data_protection_officer']);
    expect(who('GET', '/api/v1/schools/:schoolId/audit/verify')).toEqual(['board', 'data_protection_officer']);
    expect(who('POST', '/api/v1/checks')).toBe('public');
    expect(who('GET', '/api/v1/auth/me')).toBe('signed_in');
  });

  // Runs last: it signs every role out at the end.
  it('lets in exactly the roles the rule names, at their own school', { timeout: 300_000 }, async () => {
    // Signing out ends the session the other calls use: it goes last.
    const routes = app.routeTable.filter((r) => r.access).sort((a, b) => Number(a.url.endsWith('/sign-out')) - Number(b.url.endsWith('/sign-out')));
    const wrong: string[] = [];
    let calls = 0;
    for (const route of routes) {
      for (const role of [null, ...ROLES] as (Role | null)[]) {
        const res = await call(route, role ? browsers.get(role) : undefined);
        calls++;
        const want = expected(route.access!.who, role);
        const got = outcome(res);
        if (got !== want) wrong.push(`${route.method} ${route.url} as ${role ?? 'anonymous'}: expected ${want}, got ${got} (${res.statusCode} ${res.body.slice(0, 80)})`);
        expect(res.statusCode, `${route.method} ${route.url} as ${role}`).toBeLessThan(500);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBe(routes.length * (ROLES.length + 1));
  });

});
