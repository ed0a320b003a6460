// Photos for posts through the HTTP API: upload (metadata stripped, faces found), tag the faces
// with roster people, check a post that refers to the upload (A.5 from the registry and the
// tags), apply the blur fix as a new copy, and submit. Real photos: the demo photos of
// @vladmandic/face-api, read from node_modules.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { closeFaceDetector } from '../../src/media/index.ts';
import { jpegWithGps, laplacianVariance, samplePhoto } from '../../src/media/testing/fixtures.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { addConsent, buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
let schoolId: string;
let ids: Map<string, { id: string }>;
let teacher: Record<string, string>;
let other: Record<string, string>;
let parent: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99MD' })).school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 'yusuf', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b' },
    { externalId: 'lotte', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '5b' },
    { externalId: 'karim', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'emre', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
  ]);
  await linkGuardian(database.db, ids.get('emre')!.id, ids.get('yusuf')!.id);
  parent = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId, role: 'guardian', personId: ids.get('emre')!.id }])).id);
  await addConsent(database.db, schoolId, ids.get('yusuf')!.id, 'granted');
  teacher = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId, role: 'employee', personId: ids.get('karim')!.id }])).id);
  other = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId, role: 'employee' }])).id);
  app = await buildApp({ database, now: () => Date.parse('2026-11-26T16:00:00+01:00') });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await closeFaceDetector();
});

const id = (name: string) => ids.get(name)!.id;
const upload = (bytes: Buffer | string, headers: Record<string, string> = {}, who = teacher) =>
  app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/media`, headers: { ...who, 'content-type': 'image/jpeg', ...headers }, payload: bytes });
const check = async (media: unknown[]) =>
  (await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/checks`, headers: teacher, payload: { post: { situation: 'work', channel: { kind: 'school', platform: 'instagram' }, text: 'Herfstwandeling met groep 5b', media } } })).json();

describe(`photos for posts through the API (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let mediaId: string;
  let faces: { index: number; box: [number, number, number, number] }[];

  it('keeps only a copy without metadata, and answers the faces to tag', { timeout: 60_000 }, async () => {
    const res = await upload(await jpegWithGps(samplePhoto(1)), { 'x-filename': 'IMG_0001.jpg' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'image', format: 'jpeg', strippedMetadata: expect.arrayContaining(['gps', 'exif', 'xmp', 'icc']) });
    expect(body.faces).toHaveLength(3);
    expect(body.faces.every((f: { personId: null }) => f.personId === null)).toBe(true);
    mediaId = body.id;
    faces = body.faces;
    const file = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/media/${mediaId}/file`, headers: teacher });
    expect(file.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(file.rawPayload).metadata();
    expect([meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual([undefined, undefined, undefined, undefined]);
    expect(file.rawPayload.includes(Buffer.from('Phone maker'))).toBe(false);
  });

  it('tags faces with roster people, and refuses unknown people and the wrong number of tags', async () => {
    const url = `/api/v1/schools/${schoolId}/media/${mediaId}/tags`;
    const wrongCount = await app.inject({ method: 'PUT', url, headers: teacher, payload: { faces: [id('yusuf')] } });
    expect(wrongCount.json()).toMatchObject({ error: 'invalid_media', issues: [{ path: '$.faces' }] });
    const unknown = await app.inject({ method: 'PUT', url, headers: teacher, payload: { faces: [id('yusuf'), 'someone', null] } });
    expect(unknown.json().issues[0].path).toBe('$.faces[1]');
    const ok = await app.inject({ method: 'PUT', url, headers: teacher, payload: { faces: [id('yusuf'), id('lotte'), null] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().faces.map((f: { personId: string | null }) => f.personId)).toEqual([id('yusuf'), id('lotte'), null]);
  });

  it('checks a post by its upload: people come from the tags, untagged faces count as without consent', async () => {
    const r = await check([{ mediaId }]);
    const a5 = r.findings.filter((f: { rule: string }) => f.rule === 'A.5');
    expect(a5.map((f: { personId?: string }) => f.personId ?? 'unidentified').sort()).toEqual([id('lotte'), 'unidentified'].sort());
    const blurFixes = a5.map((f: { fix: { kind: string; people: string[]; unidentified: boolean } }) => f.fix);
    expect(blurFixes.every((f: { kind: string }) => f.kind === 'blur')).toBe(true);
  });

  it('applies the blur fix as a new copy whose blurred faces have no detail left, and the check is then clean', { timeout: 60_000 }, async () => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/media/${mediaId}/blur`, headers: teacher, payload: { people: [id('lotte')], unidentified: true } });
    expect(res.statusCode).toBe(201);
    const copy = res.json();
    expect(copy).toMatchObject({ derivedFrom: mediaId, blurred: [1, 2] });
    expect(copy.faces.map((f: { personId: string }) => f.personId)).toEqual([id('yusuf')]);
    const before = (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/media/${mediaId}/file`, headers: teacher })).rawPayload;
    const after = (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/media/${copy.id}/file`, headers: teacher })).rawPayload;
    const box = faces[1]!.box;
    expect(await laplacianVariance(after, box)).toBeLessThan((await laplacianVariance(before, box)) / 20);
    const r = await check([{ mediaId: copy.id }]);
    expect(r.findings.filter((f: { rule: string }) => f.rule === 'A.5')).toEqual([]);

    const submitted = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/posts`, headers: teacher, payload: { post: { situation: 'work', channel: { kind: 'school', platform: 'instagram' }, text: 'Herfstwandeling', media: [{ mediaId: copy.id }] } } });
    expect(submitted.statusCode).toBe(201);
    const shown = await database.query<{ person_id: string }>('select person_id from post_people where post_id = $1', [submitted.json().postId]);
    expect(shown).toEqual([{ person_id: id('yusuf') }]);
    const [stored] = await database.query<{ content: { media: { mediaId: string }[] } }>('select content from posts where id = $1', [submitted.json().postId]);
    expect(stored!.content.media[0]!.mediaId).toBe(copy.id);
  });

  it('lets a parent tag only themselves and their own children', { timeout: 60_000 }, async () => {
    const res = await upload(readFileSync(samplePhoto(1)), {}, parent);
    expect(res.statusCode).toBe(201);
    const url = `/api/v1/schools/${schoolId}/media/${res.json().id}/tags`;
    const probe = await app.inject({ method: 'PUT', url, headers: parent, payload: { faces: [id('yusuf'), id('lotte'), null] } });
    expect(probe.statusCode).toBe(400);
    expect(probe.json().issues[0].path).toBe('$.faces[1]');
    expect(JSON.stringify(probe.json())).not.toMatch(/Lotte/);
    const own = await app.inject({ method: 'PUT', url, headers: parent, payload: { faces: [id('yusuf'), id('emre'), null] } });
    expect(own.statusCode).toBe(200);
  });

  it('keeps uploads to who made them, and refuses what is not a photo, film or sound', async () => {
    const theirs = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/media/${mediaId}`, headers: other });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().error).toBe('not_yours');
    const inPost = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/checks`, headers: other, payload: { post: { channel: { kind: 'school' }, media: [{ mediaId }] } } });
    expect(inPost.statusCode).toBe(403);
    const unknown = await check([{ mediaId: '00000000-0000-4000-8000-000000000000' }]);
    expect(unknown).toMatchObject({ error: 'invalid_case', issues: [{ path: '$.post.media[0].mediaId' }] });

    const text = await upload('dit is geen foto');
    expect(text.statusCode).toBe(415);
    const png = await sharp(readFileSync(samplePhoto(2))).resize(200).png().toBuffer();
    const named = await upload(png, { 'x-filename': 'foto.jpg' });
    expect(named.statusCode).toBe(201);
    expect(named.json()).toMatchObject({ format: 'png', mime: 'image/png' });
    const truncated = await upload(readFileSync(samplePhoto(3)).subarray(0, 2000));
    expect(truncated.statusCode).toBe(422);
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/media`, headers: { ...teacher, 'content-type': 'text/plain' }, payload: 'x' })).statusCode).toBe(415);
    const tooLarge = await upload(Buffer.alloc(51 * 1024 * 1024, 1));
    expect(tooLarge.statusCode).toBe(413);
  });
});
