// The consent registry through the HTTP API: who decides (a guardian under 16, the student from
// 16, an adult for themselves), channels and media kinds, validity per school year, append-only
// history, the overview per group, and takedown tasks when consent is revoked.
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
let ids: Map<string, { id: string }>;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99CN' })).school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 'yusuf', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b', birthDate: '2017-01-15' },
    { externalId: 'lotte', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '5b', birthDate: '2017-03-02' },
    // Turns 16 on 10 March 2027, during the school year.
    { externalId: 'noor', kind: 'student', givenName: 'Noor', familyName: 'Visser', group: '8', birthDate: '2011-03-10' },
    { externalId: 'emre', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
    { externalId: 'sanne', kind: 'guardian', givenName: 'Sanne', familyName: 'Visser' },
    { externalId: 'karim', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
  ]);
  await linkGuardian(database.db, ids.get('emre')!.id, ids.get('yusuf')!.id);
  await linkGuardian(database.db, ids.get('sanne')!.id, ids.get('noor')!.id);
  const account = async (role: 'guardian' | 'student' | 'employee' | 'communication_officer' | 'director', person?: string) =>
    tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId, role, personId: person ? ids.get(person)!.id : null }])).id);
  as.emre = await account('guardian', 'emre');
  as.sanne = await account('guardian', 'sanne');
  as.noor = await account('student', 'noor');
  as.karim = await account('employee', 'karim');
  as.comms = await account('communication_officer');
  app = await buildApp({ database, now: () => clock });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const id = (name: string) => ids.get(name)!.id;
const give = (who: string, person: string, body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/people/${id(person)}/consents`, headers: as[who]!, payload: { channel: 'school_social_media', media: ['photo'], ...body } });
const current = async (who: string, person: string) => (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/people/${id(person)}/consents`, headers: as[who]! })).json();
const preview = async (people: string[], over: Record<string, unknown> = {}) =>
  (
    await app.inject({
      method: 'POST',
      url: `/api/v1/schools/${schoolId}/checks`,
      headers: as.karim!,
      payload: { post: { situation: 'work', channel: { kind: 'school', platform: 'instagram' }, text: 'Herfstwandeling', media: [{ kind: 'photo', people: people.map(id) }], ...over } },
    })
  ).json();
const consentFindings = (result: { findings: { code: string; personId?: string }[] }) => result.findings.filter((f) => f.code.startsWith('media.')).map((f) => f.code);

describe(`the consent registry (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets a guardian decide for their own child under 16, and the check sees it at once', async () => {
    expect(consentFindings(await preview(['yusuf']))).toEqual(['media.consent_missing']);
    const r = await give('emre', 'yusuf', { status: 'granted', media: ['photo', 'video'] });
    expect(r.statusCode).toBe(201);
    expect(r.json().eventIds).toHaveLength(2);
    expect(consentFindings(await preview(['yusuf']))).toEqual([]);
    const mine = await current('emre', 'yusuf');
    expect(mine.current).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'school_social_media', media: 'photo', status: 'granted', schoolYear: '2026-2027', validFrom: '2026-08-01', validUntil: '2027-07-31', givenBy: id('emre'), method: 'portal' })]));
  });

  it('refuses a guardian for another child, and for a child from 16', async () => {
    const other = await give('emre', 'lotte', { status: 'granted' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toBe('not_yours');
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/people/${id('lotte')}/consents`, headers: as.emre! })).statusCode).toBe(403);
    // Noor is 15 now: her mother decides, Noor does not.
    expect((await give('noor', 'noor', { status: 'granted' })).json()).toMatchObject({ error: 'invalid_consent', issues: [{ path: '$.givenBy', message: expect.stringMatching(/parent or guardian/) }] });
    expect((await give('sanne', 'noor', { status: 'granted' })).statusCode).toBe(201);
  });

  it('hands the choice to the student on their 16th birthday', async () => {
    clock = Date.parse('2027-03-10T09:00:00+01:00');
    const mother = await give('sanne', 'noor', { status: 'refused' });
    expect(mother.statusCode).toBe(400);
    expect(mother.json().issues[0]).toMatchObject({ path: '$.givenBy', message: expect.stringMatching(/from 16 a student decides/) });
    const self = await give('noor', 'noor', { status: 'revoked' });
    expect(self.statusCode).toBe(201);
    const noor = await current('noor', 'noor');
    // The revocation counts from today, not from the start of the year.
    expect(noor.current).toEqual([expect.objectContaining({ status: 'revoked', validFrom: '2027-03-10', givenBy: id('noor') })]);
    expect(noor.history.map((h: { status: string }) => h.status)).toEqual(['granted', 'revoked']);
    clock = Date.parse('2026-11-26T10:00:00+01:00');
  });

  it('lets an adult decide for themselves only', async () => {
    expect((await give('karim', 'karim', { status: 'granted', media: ['photo', 'video', 'audio'] })).statusCode).toBe(201);
    expect((await give('karim', 'yusuf', { status: 'granted' })).statusCode).toBe(403);
  });

  it('lets the communication officer record a paper answer on behalf of the guardian, not without saying who decided', async () => {
    const missing = await give('comms', 'lotte', { status: 'granted' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues[0].path).toBe('$.givenBy');
    const wrongParent = await give('comms', 'lotte', { status: 'granted', givenBy: id('emre'), method: 'paper' });
    expect(wrongParent.json().issues[0]).toMatchObject({ path: '$.givenBy', message: expect.stringMatching(/guardian of that child/) });
    // A guardian may not record for someone else under the pretext of paper.
    const pretext = await give('emre', 'yusuf', { status: 'granted', givenBy: id('sanne'), method: 'paper' });
    expect(pretext.statusCode).toBe(403);
  });

  it('knows every channel and media kind apart, and a channel the school adds', async () => {
    expect((await give('emre', 'yusuf', { status: 'granted', channel: 'schoolapp' })).json()).toMatchObject({ error: 'invalid_consent', issues: [{ path: '$.channel' }] });
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-channels`, headers: as.emre!, payload: { code: 'schoolapp', name: 'De schoolapp' } })).statusCode).toBe(403);
    const added = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-channels`, headers: as.comms!, payload: { code: 'SchoolApp', name: 'De schoolapp' } });
    expect(added.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-channels`, headers: as.comms!, payload: { code: 'schoolapp', name: 'x' } })).statusCode).toBe(400);
    // The check knows the school's own channel: social-media consent does not cover the app.
    const inApp = { channel: { kind: 'school', platform: 'schoolapp' } };
    expect(consentFindings(await preview(['yusuf'], inApp))).toEqual(['media.consent_missing']);
    expect((await give('emre', 'yusuf', { status: 'granted', channel: 'schoolapp' })).statusCode).toBe(201);
    expect(consentFindings(await preview(['yusuf'], inApp))).toEqual([]);
    // Yusuf has photo and video on school social media, not audio; not the website.
    expect(consentFindings(await preview(['yusuf'], { media: [{ kind: 'audio', people: [id('yusuf')] }] }))).toEqual(['media.consent_missing']);
    expect(consentFindings(await preview(['yusuf'], { channel: { kind: 'school', platform: 'website' } }))).toEqual(['media.consent_missing']);
    expect(consentFindings(await preview(['yusuf'], { media: [{ kind: 'video', people: [id('yusuf')] }] }))).toEqual([]);
  });

  it('keeps consent to its school year: last year’s grant is not valid now', async () => {
    expect((await give('emre', 'yusuf', { status: 'granted', channel: 'newsletter', schoolYear: '2025-2026' })).statusCode).toBe(201);
    const r = await preview(['yusuf'], { channel: { kind: 'school', platform: 'newsletter' } });
    expect(r.findings.find((f: { code: string }) => f.code.startsWith('media.'))).toMatchObject({ code: 'media.consent_missing' });
    expect((await give('emre', 'yusuf', { status: 'granted', schoolYear: '2026-2028' })).json().issues[0].path).toBe('$.schoolYear');
  });

  it('shows the overview per group: agreed, refused, not answered', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/consents?schoolYear=2026-2027`, headers: as.karim! });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.channels).toEqual(['school_social_media', 'school_website', 'newsletter', 'personal_social_media', 'schoolapp']);
    const g5b = body.groups.find((g: { group: string }) => g.group === '5b');
    expect(g5b).toMatchObject({ noAnswer: 1, partly: 1, refused: 0 }); // Lotte: nothing; Yusuf: some channels
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/consents`, headers: as.emre! })).statusCode).toBe(403);
  });
});

describe('revocation and takedown', () => {
  it('lists published posts showing the child as takedown tasks the moment consent is revoked', async () => {
    // Karim posts a photo of Yusuf and marks it published.
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/v1/schools/${schoolId}/posts`,
      headers: as.karim!,
      payload: { post: { situation: 'work', channel: { kind: 'school', platform: 'instagram' }, at: '2026-11-26T16:00:00+01:00', text: 'Herfstwandeling', media: [{ kind: 'photo', people: [id('yusuf')] }] } },
    });
    expect(submitted.json().result.verdict).toBe('allowed');
    const postId = submitted.json().postId;
    const publish = (body: Record<string, unknown>, who = 'karim') => app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/posts/${postId}/publish`, headers: as[who]!, payload: body });
    expect((await publish({})).statusCode).toBe(400); // confirmation needed
    expect((await publish({ confirmed: true }, 'comms')).statusCode).toBe(404); // not theirs
    expect((await publish({ confirmed: true, url: 'https://instagram.com/p/abc' })).statusCode).toBe(200);
    expect((await publish({ confirmed: true })).statusCode).toBe(409);

    const revoked = await give('emre', 'yusuf', { status: 'revoked' });
    expect(revoked.json()).toMatchObject({ takedowns: 1 });
    const after = await preview(['yusuf']);
    expect(after.findings.find((f: { code: string }) => f.code === 'media.consent_missing')?.message.nl).toMatch(/ingetrokken/);
    const tasks = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/takedowns`, headers: as.comms! });
    expect(tasks.json().tasks).toEqual([expect.objectContaining({ postId, personId: id('yusuf'), publishedUrl: 'https://instagram.com/p/abc' })]);
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/takedowns`, headers: as.karim! })).statusCode).toBe(403);
    const taskId = tasks.json().tasks[0].id;
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/takedowns/${taskId}/done`, headers: as.comms! })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/takedowns/${taskId}/done`, headers: as.comms! })).statusCode).toBe(404);
    const post = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/posts/${postId}`, headers: as.karim! });
    expect(post.json().status).toBe('withdrawn');
    // Revoking video (not in the post) makes no task.
    expect((await give('emre', 'yusuf', { status: 'revoked', media: ['video'] })).json()).toMatchObject({ takedowns: 0 });
  });

  it('keeps the whole history and writes every change to the audit trail', async () => {
    const { history } = await current('emre', 'yusuf');
    expect(history.length).toBeGreaterThanOrEqual(6);
    expect(history.map((h: { id: number }) => h.id)).toEqual([...history.map((h: { id: number }) => h.id)].sort((a, b) => a - b));
    const actions = await database.query<{ action: string }>(`select distinct action from audit_events where school_id = $1`, [schoolId]);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['consent.grant', 'consent.revoke', 'consent.channel_add', 'takedown.create', 'takedown.done', 'post.publish']));
  });
});
