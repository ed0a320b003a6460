// The yearly consent round, end to end with a real SMTP server on loopback: the school opens it,
// each guardian (and each student from 16) gets a link of their own, answers per child on the
// consent page's API, the school sees who answered and reminds the others.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { startSmtp } from '../support/smtp.ts';

const PUBLIC_URL = 'https://postwijzer.test';
let smtp: TestSmtp;
let database: Database;
let app: FastifyInstance;
let clock = Date.parse('2026-09-01T09:00:00+02:00');
let schoolId: string;
let ids: Map<string, { id: string }>;
let comms: Record<string, string>;
let roundId: string;

beforeAll(async () => {
  smtp = await startSmtp();
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99RD', name: 'Basisschool De Regenboog' })).school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 'yusuf', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b', birthDate: '2017-01-15' },
    { externalId: 'elif', kind: 'student', givenName: 'Elif', familyName: 'Demir', group: '3', birthDate: '2019-05-01' },
    { externalId: 'lotte', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '5b', birthDate: '2017-03-02' },
    { externalId: 'noor', kind: 'student', givenName: 'Noor', familyName: 'Visser', group: '8', birthDate: '2010-03-10' },
    { externalId: 'emre', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
    { externalId: 'peter', kind: 'guardian', givenName: 'Peter', familyName: 'Peters' },
    { externalId: 'sanne', kind: 'guardian', givenName: 'Sanne', familyName: 'Visser' },
  ]);
  const mail = { emre: 'emre@thuis.example', peter: null, noor: 'noor@leerling.example', sanne: 'sanne@thuis.example' };
  for (const [who, email] of Object.entries(mail)) if (email) await database.query('update people set email = $1 where id = $2', [email, ids.get(who)!.id]);
  await linkGuardian(database.db, ids.get('emre')!.id, ids.get('yusuf')!.id);
  await linkGuardian(database.db, ids.get('emre')!.id, ids.get('elif')!.id);
  await linkGuardian(database.db, ids.get('peter')!.id, ids.get('lotte')!.id);
  await linkGuardian(database.db, ids.get('sanne')!.id, ids.get('noor')!.id);
  comms = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId, role: 'communication_officer' }])).id);
  app = await buildApp({ database, now: () => clock, mail: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL, sweepIntervalMs: 250 } });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await smtp?.close();
});

const id = (name: string) => ids.get(name)!.id;
const tokenIn = (text: string) => /https:\/\/postwijzer\.test\/toestemming#token=([\w-]+)/.exec(text)![1]!;
const view = (token: string) => app.inject({ method: 'POST', url: '/api/v1/consent-link/view', payload: { token } });
const answer = (token: string, choices: unknown[]) => app.inject({ method: 'POST', url: '/api/v1/consent-link/answer', payload: { token, choices } });

describe(`the yearly consent round (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let emreToken: string;

  it('opens once per school year and mails every guardian of a child under 16 and every student from 16', async () => {
    const denied = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-rounds`, headers: await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId, role: 'employee' }])).id), payload: { schoolYear: '2026-2027' } });
    expect(denied.statusCode).toBe(403);
    const r = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-rounds`, headers: comms, payload: { schoolYear: '2026-2027' } });
    expect(r.statusCode).toBe(201);
    // Emre (two children), Peter (no e-mail address), Noor (16: herself). Not Sanne: Noor decides.
    expect(r.json()).toMatchObject({ responders: 3, mailed: 2, withoutEmail: 1 });
    roundId = r.json().roundId;
    const again = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-rounds`, headers: comms, payload: { schoolYear: '2026-2027' } });
    expect(again.json()).toMatchObject({ error: 'invalid_consent', issues: [{ path: '$.schoolYear' }] });

    const text = await smtp.nthMail('emre@thuis.example');
    expect(text).toMatch(/Basisschool De Regenboog vraagt elk schooljaar opnieuw/);
    expect(text).toMatch(/Yusuf Demir, Elif Demir|Elif Demir, Yusuf Demir/);
    emreToken = tokenIn(text);
    expect(await smtp.nthMail('noor@leerling.example')).toMatch(/toestemming#token=/);
    expect(smtp.mailsTo('sanne@thuis.example')).toHaveLength(0);
  });

  it('shows a guardian their children and the channels asked about, and records their answers', async () => {
    const v = await view(emreToken);
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ school: 'Basisschool De Regenboog', schoolYear: '2026-2027', channels: ['school_social_media', 'school_website', 'newsletter'], media: ['photo', 'video', 'audio'], self: false });
    expect(v.json().children.map((c: { name: string }) => c.name).sort()).toEqual(['Elif Demir', 'Yusuf Demir']);
    const res = await answer(emreToken, [
      { personId: id('yusuf'), channel: 'school_social_media', media: 'photo', status: 'granted' },
      { personId: id('yusuf'), channel: 'school_website', media: 'photo', status: 'refused' },
      { personId: id('elif'), channel: 'newsletter', media: 'photo', status: 'granted' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ recorded: 3 });
    const after = (await view(emreToken)).json();
    expect(after.answeredAt).not.toBeNull();
    const yusuf = after.children.find((c: { id: string }) => c.id === id('yusuf'));
    expect(yusuf.choices).toEqual(expect.arrayContaining([{ channel: 'school_social_media', media: 'photo', status: 'granted' }, { channel: 'school_website', media: 'photo', status: 'refused' }]));
    const rows = await database.query<{ method: string; given_by: string; recorded_by: string | null }>(`select method::text, given_by, recorded_by from consent_events where person_id = $1`, [id('yusuf')]);
    expect(rows.every((r) => r.method === 'portal' && r.given_by === id('emre') && r.recorded_by === null)).toBe(true);
  });

  it('refuses an answer for someone else’s child, for a channel not asked about, and an unknown link', async () => {
    const other = await answer(emreToken, [{ personId: id('lotte'), channel: 'school_social_media', media: 'photo', status: 'granted' }]);
    expect(other.statusCode).toBe(400);
    expect(other.json().issues[0].path).toBe('$.choices[0].personId');
    const channel = await answer(emreToken, [{ personId: id('yusuf'), channel: 'personal_social_media', media: 'photo', status: 'granted' }]);
    expect(channel.json().issues[0].path).toBe('$.choices[0].channel');
    const unknown = await view('pwc_made-up');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toBe('invalid_link');
    expect((await answer(emreToken, [])).statusCode).toBe(400);
  });

  it('tells the school who answered and reminds the others at most once a day, with a new link', async () => {
    const status = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/consent-rounds/${roundId}`, headers: comms });
    expect(status.json()).toMatchObject({ answered: 1, notAnswered: 2, withoutEmail: 1 });
    // Same day: nobody is asked twice.
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-rounds/${roundId}/reminders`, headers: comms })).json()).toEqual({ sent: 0, skipped: 2 });
    const firstNoor = tokenIn(await smtp.nthMail('noor@leerling.example'));
    clock += 3 * 24 * 3600_000;
    const reminded = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-rounds/${roundId}/reminders`, headers: comms });
    expect(reminded.json()).toEqual({ sent: 1, skipped: 1 }); // Noor; Peter has no address
    const text = await smtp.nthMail('noor@leerling.example', 2);
    expect(text).toMatch(/nog niet ontvangen/);
    const secondNoor = tokenIn(text);
    expect(secondNoor).not.toBe(firstNoor);
    expect((await view(firstNoor)).statusCode).toBe(400);
    const noor = (await view(secondNoor)).json();
    expect(noor).toMatchObject({ self: true, children: [{ id: id('noor') }] });
    expect((await answer(secondNoor, [{ personId: id('noor'), channel: 'school_social_media', media: 'video', status: 'refused' }])).statusCode).toBe(200);
    expect(smtp.mailsTo('emre@thuis.example')).toHaveLength(1);
  });

  it('serves the consent page with a strict content security policy; the token stays out of the request', async () => {
    const page = await app.inject({ method: 'GET', url: '/toestemming' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.body).toMatch(/<html lang="nl">/);
    expect((await app.inject({ method: 'GET', url: '/toestemming.js' })).body).toMatch(/location\.hash/);
  });
});
