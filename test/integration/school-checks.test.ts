// Checks against a school whose roster is in the database: preview (not stored), submit (stored
// with its check), and the per-process cache following the school's data_version.
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { checks, people, postPeople, posts } from '../../src/db/schema/index.ts';
import { bumpDataVersion, SchoolCache } from '../../src/modules/schools/school-case.ts';
import { buildApp } from '../../src/server/app.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { addConsent, buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
let schoolId: string;
let ids: Map<string, { id: string }>;
/** Karim (e1), employee at the school, through an API token. */
let karim: Record<string, string>;
let karimAccount: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const { school } = await buildSchool(database.db);
  schoolId = school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 's1', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b', birthDate: '2017-01-15' },
    { externalId: 's2', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '3' },
    { externalId: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'g1', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
  ]);
  await linkGuardian(database.db, ids.get('g1')!.id, ids.get('s1')!.id);
  await addConsent(database.db, schoolId, ids.get('s2')!.id, 'granted');
  karimAccount = (await makeAccount(database.db, [{ schoolId, role: 'employee', personId: ids.get('e1')!.id }])).id;
  karim = await tokenHeaders(database.db, karimAccount);
  app = await buildApp({ database, now: () => Date.parse('2026-11-26T16:00:00+01:00') });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (over: Record<string, unknown> = {}) => ({
  author: { personId: ids.get('e1')!.id },
  situation: 'work',
  channel: { kind: 'school', platform: 'instagram' },
  at: '2026-11-26T16:00:00+01:00',
  text: 'Yusuf Demir uit groep 5b won de rekenquiz!',
  ...over,
});

describe(`checks of a school in the database (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('previews a check with the roster from the database, and stores nothing', async () => {
    const r = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/checks`, headers: karim, payload: { post: post() } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ verdict: 'allowed_with_changes', findings: expect.arrayContaining([expect.objectContaining({ code: 'personal.name', personId: ids.get('s1')!.id })]) });
    expect(await database.db.select().from(posts)).toHaveLength(0);
    expect(await database.db.select().from(checks)).toHaveLength(0);
  });

  it('uses consents from the registry', async () => {
    const media = [{ kind: 'photo', people: [ids.get('s1')!.id, ids.get('s2')!.id] }];
    const r = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/checks`, headers: karim, payload: { post: post({ text: 'Herfst in groep 3', media }) } });
    const consent = r.json().findings.filter((f: { code: string }) => f.code === 'media.consent_missing');
    expect(consent.map((f: { personId: string }) => f.personId)).toEqual([ids.get('s1')!.id]);
  });

  it('stores a submitted post with the server’s check and the people it shows, in one go', async () => {
    const media = [{ kind: 'photo', people: [ids.get('s2')!.id] }];
    const r = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/posts`, headers: karim, payload: { post: post({ media }) } });
    expect(r.statusCode).toBe(201);
    const { postId, result } = r.json();
    expect(result.verdict).toBe('allowed_with_changes');
    const [stored] = await database.db.select().from(checks).where(eq(checks.postId, postId));
    expect(stored).toMatchObject({ verdict: 'allowed_with_changes' });
    expect(await database.db.select().from(postPeople).where(eq(postPeople.postId, postId))).toEqual([{ postId, personId: ids.get('s2')!.id }]);
    const got = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/posts/${postId}`, headers: karim });
    expect(got.json()).toMatchObject({ id: postId, status: 'submitted', check: { verdict: 'allowed_with_changes' } });
  });

  it('takes the author from the sign-in, not from the body', async () => {
    const r = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/posts`, headers: karim, payload: { post: post({ author: { personId: ids.get('g1')!.id } }) } });
    expect(r.statusCode).toBe(201);
    const [row] = await database.db.select().from(posts).where(eq(posts.id, r.json().postId));
    expect(row).toMatchObject({ authorId: ids.get('e1')!.id, authorAccountId: karimAccount });
    expect(row!.content.author).toEqual({ personId: ids.get('e1')!.id });
  });

  it('rejects unknown people with JSON paths, and schools where the account has no role with 403', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/schools/${schoolId}/posts`,
      headers: karim,
      payload: { post: post({ media: [{ kind: 'photo', people: ['nobody'] }] }) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual(['$.post.media[0].people[0]']);
    for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      const r = await app.inject({ method: 'POST', url: `/api/v1/schools/${id}/checks`, headers: karim, payload: { post: post() } });
      expect(r.statusCode).toBe(403);
    }
    const anonymous = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/checks`, payload: { post: post() } });
    expect(anonymous.statusCode).toBe(401);
    const invalid = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/checks`, headers: karim, payload: { post: { ...post(), channel: { kind: 'tv' } } } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().issues[0].path).toBe('$.post.channel.kind');
  });

  it('sees a roster change after the school’s data_version moves', async () => {
    const text = 'Lotte Peters uit groep 3 heeft gewonnen';
    const before = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/checks`, headers: karim, payload: { post: post({ text }) } });
    expect(before.json().findings.some((f: { code: string }) => f.code === 'personal.name')).toBe(true);
    await database.db.transaction(async (tx) => {
      await tx.update(people).set({ active: false }).where(eq(people.id, ids.get('s2')!.id));
      await bumpDataVersion(tx, schoolId);
    });
    const after = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/checks`, headers: karim, payload: { post: post({ text }) } });
    expect(after.json().findings.some((f: { code: string }) => f.code === 'personal.name')).toBe(false);
  });
});

describe('a change made by another process', () => {
  it('reaches this process through the notification, without a version check per request', async () => {
    const text = 'Yusuf Demir uit groep 5b won';
    const named = async () => {
      const r = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/checks`, headers: karim, payload: { post: post({ text }) } });
      return r.json().findings.some((f: { code: string }) => f.code === 'personal.name');
    };
    expect(await named()).toBe(true);
    // Another process: plain SQL, no call into this process's caches.
    await database.query(`update people set active = false where id = $1`, [ids.get('s1')!.id]);
    await database.query(`update schools set data_version = data_version + 1 where id = $1`, [schoolId]);
    expect(await named()).toBe(true); // not told yet: the cached school is still used
    await database.query(`select pg_notify('postwijzer_school_changed', $1)`, [schoolId]);
    await expect.poll(named, { timeout: 5000 }).toBe(false);
  });
});

describe('loading a school', () => {
  it('loads a school once for requests that miss the cache together, and again after a change', async () => {
    const cache = new SchoolCache(database);
    try {
      const cold = await Promise.all(Array.from({ length: 8 }, () => cache.get(schoolId)));
      // One shared load: every request got the very same prepared school.
      expect(new Set(cold).size).toBe(1);
      expect(cold[0]!.input.school.name).toBeTruthy();
      cache.invalidate(schoolId);
      const again = await Promise.all([cache.get(schoolId), cache.get(schoolId)]);
      expect(again[0]).toBe(again[1]);
      expect(again[0]).not.toBe(cold[0]);
    } finally {
      await cache.close();
    }
  });
});
