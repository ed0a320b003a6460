// "The people I decide for" (GET /consents/mine), what the web app's consent pages need around it:
// a guardian sees their own children at the school (deciding under 16, reading from 16), a student
// and an employee themselves; the current consents of the school year and the history. An answer
// given in the app counts for the year's round (no reminder follows); the school lists its rounds;
// takedown tasks name the person.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
let clock = Date.parse('2026-11-26T10:00:00+01:00');
let schoolId: string;
let otherSchoolId: string;
let ids: Map<string, { id: string }>;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99MI' })).school.id;
  otherSchoolId = (await buildSchool(database.db, { brin: '99MJ', name: 'De Andere School' })).school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 'yusuf', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b', birthDate: '2017-01-15' },
    { externalId: 'elif', kind: 'student', givenName: 'Elif', familyName: 'Demir', group: '3', birthDate: '2019-05-01' },
    // 16 already: she decides herself; her father only reads.
    { externalId: 'noor', kind: 'student', givenName: 'Noor', familyName: 'Demir', group: '8', birthDate: '2010-03-10' },
    { externalId: 'lotte', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '5b', birthDate: '2017-03-02' },
    { externalId: 'emre', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
    { externalId: 'ayse', kind: 'guardian', givenName: 'Ayşe', familyName: 'Demir' },
    { externalId: 'karim', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
  ]);
  for (const child of ['yusuf', 'elif', 'noor']) {
    await linkGuardian(database.db, ids.get('emre')!.id, ids.get(child)!.id);
    await linkGuardian(database.db, ids.get('ayse')!.id, ids.get(child)!.id);
  }
  await database.query('update people set email = $1 where id = $2', ['emre@thuis.example', ids.get('emre')!.id]);
  await database.query('update people set email = $1 where id = $2', ['ayse@thuis.example', ids.get('ayse')!.id]);
  const account = async (role: 'guardian' | 'student' | 'employee' | 'communication_officer', person?: string, school = schoolId) =>
    tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId: school, role, personId: person ? ids.get(person)!.id : null }])).id);
  as.emre = await account('guardian', 'emre');
  as.ayse = await account('guardian', 'ayse');
  as.yusuf = await account('student', 'yusuf');
  as.noor = await account('student', 'noor');
  as.karim = await account('employee', 'karim');
  as.comms = await account('communication_officer');
  as.elsewhere = await account('guardian', undefined, otherSchoolId);
  app = await buildApp({ database, now: () => clock });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const id = (name: string) => ids.get(name)!.id;
const mine = async (who: string, school = schoolId) => app.inject({ method: 'GET', url: `/api/v1/schools/${school}/consents/mine`, headers: as[who]! });
const give = (who: string, person: string, body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/people/${id(person)}/consents`, headers: as[who]!, payload: { channel: 'school_social_media', media: ['photo'], ...body } });

interface Person {
  id: string;
  name: string;
  group: string | null;
  relation: string;
  decider: string;
  decides: boolean;
  current: { channel: string; media: string; status: string }[];
  history: { channel: string; media: string; status: string; method: string; byMe: boolean; givenByName: string | null; schoolYear: string }[];
}

describe(`the people I decide for (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('gives a guardian their own children at the school: deciding under 16, reading from 16', async () => {
    const r = await mine('emre');
    expect(r.statusCode).toBe(200);
    const body = r.json() as { schoolYear: string; media: string[]; channels: { code: string; standard: boolean }[]; people: Person[] };
    expect(body.schoolYear).toBe('2026-2027');
    expect(body.media).toEqual(['photo', 'video', 'audio']);
    expect(body.channels.map((c) => c.code)).toEqual(['school_social_media', 'school_website', 'newsletter', 'personal_social_media']);
    expect(body.people.map((p) => [p.name, p.group, p.relation, p.decider, p.decides])).toEqual([
      ['Elif Demir', '3', 'child', 'guardian', true],
      ['Noor Demir', '8', 'child', 'self', false],
      ['Yusuf Demir', '5b', 'child', 'guardian', true],
    ]);
    // Not Lotte, who is not his child; and no entry for Emre himself.
    expect(body.people.map((p) => p.id)).not.toContain(id('lotte'));
  });

  it('gives a student and an employee themselves, and an account without a person nobody', async () => {
    const yusuf = (await mine('yusuf')).json().people as Person[];
    expect(yusuf.map((p) => [p.name, p.relation, p.decider, p.decides])).toEqual([['Yusuf Demir', 'self', 'guardian', false]]);
    const noor = (await mine('noor')).json().people as Person[];
    expect(noor.map((p) => [p.name, p.relation, p.decides])).toEqual([['Noor Demir', 'self', true]]);
    const karim = (await mine('karim')).json().people as Person[];
    expect(karim.map((p) => [p.name, p.group, p.relation, p.decides])).toEqual([['Karim El Amrani', null, 'self', true]]);
    expect((await mine('comms')).json().people).toEqual([]);
  });

  it('refuses at a school where the account has no role', async () => {
    expect((await mine('elsewhere')).statusCode).toBe(403);
    expect((await mine('elsewhere', otherSchoolId)).json().people).toEqual([]);
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/consents/mine` })).statusCode).toBe(401);
  });

  it('shows the current consents of this school year and the history, newest first, with who decided', async () => {
    await database.query(
      `insert into consent_events (school_id, person_id, channel, media, school_year, valid_from, valid_until, status, method, recorded_at) values ($1, $2, 'school_social_media', 'photo', '2026-2027', '2026-08-01', '2027-07-31', 'granted', 'form', '2026-09-01T10:00:00Z')`,
      [schoolId, id('yusuf')],
    );
    expect((await give('ayse', 'yusuf', { status: 'granted', channel: 'newsletter', media: ['photo', 'video'] })).statusCode).toBe(201);
    expect((await give('emre', 'yusuf', { status: 'revoked', channel: 'school_social_media', media: ['photo'] })).statusCode).toBe(201);
    // Last school year's choice is history, not current.
    await database.query(
      `insert into consent_events (school_id, person_id, channel, media, school_year, valid_from, valid_until, status, method, recorded_at) values ($1, $2, 'school_website', 'audio', '2025-2026', '2025-08-01', '2026-07-31', 'granted', 'paper', '2025-09-01T10:00:00Z')`,
      [schoolId, id('yusuf')],
    );
    const yusuf = ((await mine('emre')).json().people as Person[]).find((p) => p.id === id('yusuf'))!;
    expect(yusuf.current.map((c) => `${c.channel}/${c.media}=${c.status}`).sort()).toEqual(['newsletter/photo=granted', 'newsletter/video=granted', 'school_social_media/photo=revoked']);
    // Newest first by when it was recorded (last year's paper form was entered after the others).
    expect(yusuf.history.map((h) => [h.channel, h.media, h.status, h.method, h.byMe, h.givenByName, h.schoolYear])).toEqual([
      ['school_social_media', 'photo', 'revoked', 'portal', true, 'Emre Demir', '2026-2027'],
      ['newsletter', 'video', 'granted', 'portal', false, 'Ayşe Demir', '2026-2027'],
      ['newsletter', 'photo', 'granted', 'portal', false, 'Ayşe Demir', '2026-2027'],
      ['school_social_media', 'photo', 'granted', 'form', false, null, '2026-2027'],
      ['school_website', 'audio', 'granted', 'paper', false, null, '2025-2026'],
    ]);
    // The child reads the same state about themselves.
    expect(((await mine('yusuf')).json().people as Person[])[0]!.current).toHaveLength(3);
  });

  it('lists a channel of the school’s own with its name, here and in the channel list', async () => {
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-channels`, headers: as.comms!, payload: { code: 'schoolapp', name: 'De schoolapp' } })).statusCode).toBe(201);
    expect((await mine('emre')).json().channels.at(-1)).toEqual({ code: 'schoolapp', name: 'De schoolapp', standard: false });
    const list = (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/consent-channels`, headers: as.emre! })).json();
    expect(list).toMatchObject({ own: ['schoolapp'], names: { schoolapp: 'De schoolapp' } });
  });

  it('counts an answer in the app for the year’s round: listed with its counts, no reminder follows', async () => {
    const opened = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-rounds`, headers: as.comms!, payload: { schoolYear: '2026-2027' } });
    expect(opened.statusCode).toBe(201);
    const roundId = opened.json().roundId as string;
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/consent-rounds`, headers: as.emre! })).statusCode).toBe(403);
    const listed = async () => (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/consent-rounds`, headers: as.comms! })).json().rounds;
    // Emre, Ayşe (for Yusuf and Elif), Lotte's guardian is not on the roster, Noor herself.
    expect(await listed()).toEqual([expect.objectContaining({ id: roundId, schoolYear: '2026-2027', requests: 3, answered: 0 })]);

    expect((await give('emre', 'elif', { status: 'refused', channel: 'personal_social_media', media: ['photo', 'video', 'audio'] })).statusCode).toBe(201);
    expect(await listed()).toEqual([expect.objectContaining({ requests: 3, answered: 1 })]);
    const status = (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/consent-rounds/${roundId}`, headers: as.comms! })).json();
    expect(status.responders.find((r: { id: string }) => r.id === id('emre')).answeredAt).not.toBeNull();
    // A day later: a reminder for Ayşe (e-mail, no answer); not Emre (answered in the app), not Noor (no e-mail).
    clock += 25 * 3600_000;
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-rounds/${roundId}/reminders`, headers: as.comms! })).json()).toEqual({ sent: 1, skipped: 1 });
  });

  it('names the person on a takedown task and what was published', async () => {
    const [post] = await database.query<{ id: string }>(
      `insert into posts (school_id, content, status, published_at, published_url) values ($1, $2, 'published', now(), 'https://instagram.com/p/xyz') returning id`,
      [schoolId, JSON.stringify({ situation: 'work', channel: { kind: 'school', platform: 'instagram' }, text: 'Sportdag groep 3!', media: [{ kind: 'photo', people: [id('elif')] }] })],
    );
    await database.query('insert into post_people (post_id, person_id) values ($1, $2)', [post!.id, id('elif')]);
    expect((await give('emre', 'elif', { status: 'granted' })).statusCode).toBe(201);
    expect((await give('emre', 'elif', { status: 'revoked' })).json()).toMatchObject({ takedowns: 1 });
    const tasks = (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/takedowns`, headers: as.comms! })).json().tasks;
    expect(tasks).toEqual([expect.objectContaining({ postId: post!.id, personId: id('elif'), personName: 'Elif Demir', platform: 'instagram', excerpt: 'Sportdag groep 3!', publishedUrl: 'https://instagram.com/p/xyz' })]);
  });
});
