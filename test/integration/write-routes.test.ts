// The write page's routes: the check context for staff only (a parent or student never receives
// the roster), oneself and one's own children for tagging, drafts and one's own posts, and the
// per-account limits on previews that keep the check from being used to probe a roster.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { PREVIEW_PER_ACCOUNT_PER_MINUTE } from '../../src/modules/posts/routes.ts';
import { buildApp } from '../../src/server/app.ts';
import type { Browser } from '../support/auth.ts';
import { makeAccount, signIn } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
let schoolId: string;
let ids: Map<string, { id: string }>;
let teacher: Browser;
let parent: Browser;
let student: Browser;
let otherTeacher: Browser;
let clock = Date.parse('2026-11-26T16:00:00+01:00');

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99WR' })).school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 's1', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b' },
    { externalId: 's2', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '3' },
    { externalId: 's3', kind: 'student', givenName: 'Daan', familyName: 'Visser', group: '8' },
    { externalId: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'e2', kind: 'employee', givenName: 'Ilse', familyName: 'Bakker' },
    { externalId: 'g1', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
  ]);
  await linkGuardian(database.db, ids.get('g1')!.id, ids.get('s1')!.id);
  app = await buildApp({ database, now: () => clock });
  const account = async (role: 'employee' | 'guardian' | 'student', person: string) => signIn(app, (await makeAccount(database.db, [{ schoolId, role, personId: ids.get(person)!.id }])).email);
  teacher = await account('employee', 'e1');
  otherTeacher = await account('employee', 'e2');
  parent = await account('guardian', 'g1');
  student = await account('student', 's3');
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (b: Browser, url: string) => app.inject({ method: 'GET', url, headers: { cookie: b.cookie } });
const post = (b: Browser, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: b.headers, payload: payload as object });
const draftPost = (text: string) => ({ situation: 'work', channel: { kind: 'school', platform: 'instagram' }, at: '2026-11-26T16:00:00+01:00', text });

describe(`the write page's routes (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('gives staff the school as the engine needs it, and parents and students a 403', async () => {
    const r = await get(teacher, `/api/v1/schools/${schoolId}/check-context`);
    expect(r.statusCode).toBe(200);
    const ctx = r.json();
    expect(ctx.roster.map((p: { givenName: string }) => p.givenName).sort()).toEqual(['Daan', 'Emre', 'Ilse', 'Karim', 'Lotte', 'Yusuf']);
    expect(ctx).toMatchObject({ protocol: 'asko-2018', organization: { name: 'ASKO' }, school: { name: 'Basisschool De Regenboog' }, consents: [], permissions: [] });
    expect(r.headers['cache-control']).toBe('no-store');
    for (const b of [parent, student]) {
      const refused = await get(b, `/api/v1/schools/${schoolId}/check-context`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toBe('forbidden');
      expect(refused.body).not.toContain('Lotte');
    }
  });

  it('tells a parent only who they are and who their children are', async () => {
    const r = await get(parent, `/api/v1/schools/${schoolId}/my-people`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      self: { id: ids.get('g1')!.id, kind: 'guardian', givenName: 'Emre', prefix: null, familyName: 'Demir', group: null },
      children: [{ id: ids.get('s1')!.id, kind: 'student', givenName: 'Yusuf', prefix: null, familyName: 'Demir', group: '5b' }],
    });
    const s = (await get(student, `/api/v1/schools/${schoolId}/my-people`)).json();
    expect(s.self.givenName).toBe('Daan');
    expect(s.children).toEqual([]);
  });

  it('saves a draft without a check, updates it, submits it and lists one’s own posts only', async () => {
    const saved = await post(teacher, `/api/v1/schools/${schoolId}/posts`, { draft: true, post: draftPost('Concept over de rekenquiz') });
    expect(saved.statusCode).toBe(201);
    const { postId, status } = saved.json();
    expect(status).toBe('draft');
    expect(saved.json().result).toBeUndefined();

    const updated = await post(teacher, `/api/v1/schools/${schoolId}/posts`, { draft: true, postId, post: draftPost('Yusuf Demir uit groep 5b won de rekenquiz!') });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toEqual({ postId, status: 'draft' });

    let mine = (await get(teacher, `/api/v1/schools/${schoolId}/posts/mine`)).json().posts;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: postId, status: 'draft', verdict: null, firstWords: 'Yusuf Demir uit groep 5b won de rekenquiz!', channel: { kind: 'school' }, situation: 'work' });

    const submitted = await post(teacher, `/api/v1/schools/${schoolId}/posts`, { postId, post: draftPost('Yusuf won de rekenquiz!') });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ postId, status: 'submitted', result: { verdict: 'allowed' } });
    mine = (await get(teacher, `/api/v1/schools/${schoolId}/posts/mine`)).json().posts;
    expect(mine).toMatchObject([{ id: postId, status: 'submitted', verdict: 'allowed', firstWords: 'Yusuf won de rekenquiz!' }]);

    // Someone else's post cannot be updated, and is not listed for them.
    const stolen = await post(otherTeacher, `/api/v1/schools/${schoolId}/posts`, { draft: true, postId, post: draftPost('Overgenomen') });
    expect(stolen.statusCode).toBe(404);
    expect((await get(otherTeacher, `/api/v1/schools/${schoolId}/posts/mine`)).json().posts).toEqual([]);

    // A published post no longer changes.
    expect((await post(teacher, `/api/v1/schools/${schoolId}/posts/${postId}/publish`, { confirmed: true })).statusCode).toBe(200);
    const late = await post(teacher, `/api/v1/schools/${schoolId}/posts`, { postId, post: draftPost('Toch anders') });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('not_editable');
    expect((await get(teacher, `/api/v1/schools/${schoolId}/posts/mine`)).json().posts).toMatchObject([{ id: postId, status: 'published', verdict: 'allowed' }]);
  });

  it('checks a parent’s draft on the server, and limits the checks per account', async () => {
    const url = `/api/v1/schools/${schoolId}/checks`;
    const body = { post: { situation: 'private', channel: { kind: 'personal', platform: 'facebook' }, text: 'Lotte Peters uit groep 3 was jarig' } };
    const first = await post(parent, url, body);
    expect(first.statusCode).toBe(200);
    for (let i = 1; i < PREVIEW_PER_ACCOUNT_PER_MINUTE; i++) expect((await post(parent, url, body)).statusCode).toBe(200);
    const limited = await post(parent, url, body);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'too_many_requests' });
    expect(limited.body).not.toContain('Lotte');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Per account, not per address: another account from the same address still checks.
    expect((await post(student, url, body)).statusCode).toBe(200);
    // Staff receive the roster anyway: their previews are not limited.
    for (let i = 0; i <= PREVIEW_PER_ACCOUNT_PER_MINUTE; i++) expect((await post(teacher, url, body)).statusCode).toBe(200);
    // Submitting is no way around it: it has its own limit and every submission is recorded.
    expect((await post(parent, `/api/v1/schools/${schoolId}/posts`, body)).statusCode).toBe(201);
    clock += 61_000;
  });
});
