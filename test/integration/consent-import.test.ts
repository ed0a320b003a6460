// Importing consent lists (CSV) from other school systems (issue 6): Windows-1252 with semicolons
// and Dutch words, every problem with its line and nothing written, dry runs, the date that
// decides who may decide (a student turning 16), takedowns, re-imports that change nothing, the
// API upload and the CLI as a process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import { ConsentImportError, importConsents, MAX_CONSENT_LIST_BYTES } from '../../src/modules/consent/import.ts';
import { schoolYearOf } from '../../src/modules/consent/rules.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
// After Noor's 16th birthday (10 March 2027), in school year 2026-2027.
const clock = Date.parse('2027-04-01T10:00:00+02:00');
let schoolId: string;
let ids: Map<string, { id: string }>;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99CI' })).school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 'yusuf', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b', birthDate: '2017-01-15' },
    { externalId: 'lotte', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '5b', birthDate: '2017-03-02' },
    { externalId: 'noor', kind: 'student', givenName: 'Noor', familyName: 'Visser', group: '8', birthDate: '2011-03-10' },
    { externalId: 'daan', kind: 'student', givenName: 'Daan', familyName: 'Smit', group: '5b', birthDate: '2017-06-01' },
    { externalId: 'oud', kind: 'student', givenName: 'Oud', familyName: 'Leerling', group: '8', birthDate: '2013-01-01' },
    { externalId: 'emre', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
    { externalId: 'peter', kind: 'guardian', givenName: 'Peter', familyName: 'Peters' },
    { externalId: 'maria', kind: 'guardian', givenName: 'Maria', familyName: 'Peters' },
    { externalId: 'sanne', kind: 'guardian', givenName: 'Sanne', familyName: 'Visser' },
    { externalId: 'karim', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
  ]);
  await linkGuardian(database.db, id('emre'), id('yusuf'));
  await linkGuardian(database.db, id('peter'), id('lotte'));
  await linkGuardian(database.db, id('maria'), id('lotte'));
  await linkGuardian(database.db, id('sanne'), id('noor'));
  await database.query('update people set active = false, left_at = now() where id = $1', [id('oud')]);
  const account = async (role: 'guardian' | 'employee' | 'communication_officer' | 'director', person?: string) =>
    tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId, role, personId: person ? id(person) : null }])).id);
  as.comms = await account('communication_officer');
  as.director = await account('director');
  as.karim = await account('employee', 'karim');
  as.emre = await account('guardian', 'emre');
  app = await buildApp({ database, now: () => clock });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function id(name: string): string {
  return ids.get(name)!.id;
}

const url = () => `/api/v1/schools/${schoolId}/consents/import`;
const postCsv = (body: string | Buffer, who = 'comms', query = '') =>
  app.inject({ method: 'POST', url: `${url()}${query}`, headers: { ...as[who]!, 'content-type': 'text/csv' }, payload: body });

function multipart(files: { name: string; bytes: Buffer }[], auth: Record<string, string>) {
  const boundary = '----postwijzer-consent-boundary';
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function state() {
  const [r] = await database.query<{ events: number; audit: number; imports: number; tasks: number; version: number }>(
    `select (select count(*)::int from consent_events where school_id = $1) as events,
            (select count(*)::int from audit_events where school_id = $1) as audit,
            (select count(*)::int from audit_events where school_id = $1 and action = 'consent.import') as imports,
            (select count(*)::int from takedown_tasks where school_id = $1) as tasks,
            (select data_version::int from schools where id = $1) as version`,
    [schoolId],
  );
  return r!;
}

const current = async (person: string) => (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/people/${id(person)}/consents`, headers: as.comms! })).json();
const preview = async (people: string[], over: Record<string, unknown> = {}) =>
  (
    await app.inject({
      method: 'POST',
      url: `/api/v1/schools/${schoolId}/checks`,
      headers: as.karim!,
      payload: { post: { situation: 'work', channel: { kind: 'school', platform: 'instagram' }, text: 'Lentewandeling', media: [{ kind: 'photo', people: people.map(id) }], ...over } },
    })
  ).json();
const consentFindings = (result: { findings: { code: string }[] }) => result.findings.filter((f) => f.code.startsWith('media.')).map((f) => f.code);

/** What Dutch Excel on Windows writes: Windows-1252, semicolons, CRLF, Dutch headers and words. */
const GOOD = [
  'Leerling;Kanaal;Media;Schooljaar;Toestemming;Gegeven door;Datum;Opmerking',
  'yusuf;Sociale media;foto|film;2026-2027;ja;;15-09-2026;Formulier „Beeldmateriaal” – getekend',
  'yusuf;Website;foto;2026-2027;nee;emre;15-09-2026;',
  'lotte;Nieuwsbrief;"foto; film; geluid";2026-2027;ja;maria;01-10-2026;',
  'noor;sociale media;foto;2026-2027;ja;sanne;20-09-2026;door moeder, Noor was toen 15',
  'karim;website;alle;2026/27;ja;;;',
].join('\r\n');

describe(`consent list import (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('imports a Windows-1252 file with semicolons and Dutch words, and the check sees the consents at once', async () => {
    const bytes = iconv.encode(GOOD, 'windows-1252');
    expect(bytes.includes(Buffer.from([0x96]))).toBe(true); // the en dash as Windows-1252 writes it
    expect(consentFindings(await preview(['yusuf']))).toEqual(['media.consent_missing']);
    const before = await state();

    const res = await app.inject({ method: 'POST', url: url(), ...multipart([{ name: 'toestemming.csv', bytes }], as.comms!) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ fileName: 'toestemming.csv', dryRun: false, rows: 5, people: 4, events: 10, granted: 9, refused: 1, revoked: 0, unchanged: 0, takedowns: 0 });

    // The engine: photos of Yusuf on school social media are fine now; not on the website.
    expect(consentFindings(await preview(['yusuf']))).toEqual([]);
    expect(consentFindings(await preview(['yusuf'], { channel: { kind: 'school', platform: 'website' } }))).toEqual(['media.consent_missing']);
    expect(consentFindings(await preview(['yusuf'], { media: [{ kind: 'audio', people: [id('yusuf')] }] }))).toEqual(['media.consent_missing']);
    expect(consentFindings(await preview(['lotte'], { channel: { kind: 'school', platform: 'newsletter' }, media: [{ kind: 'audio', people: [id('lotte')] }] }))).toEqual([]);
    expect(consentFindings(await preview(['karim'], { channel: { kind: 'school', platform: 'website' }, media: [{ kind: 'video', people: [id('karim')] }] }))).toEqual([]);

    // Who decided: the only guardian when given_by is empty; the method is import; the note is kept.
    const yusuf = await current('yusuf');
    expect(yusuf.current).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'school_social_media', media: 'photo', status: 'granted', schoolYear: '2026-2027', validFrom: '2026-08-01', validUntil: '2027-07-31', givenBy: id('emre'), method: 'import' }),
        expect.objectContaining({ channel: 'school_website', media: 'photo', status: 'refused', validFrom: '2026-09-15', givenBy: id('emre') }),
      ]),
    );
    expect(yusuf.history.find((h: { channel: string }) => h.channel === 'school_social_media').note).toBe('Formulier „Beeldmateriaal” – getekend');
    // Noor's mother decided in September, when Noor was 15; the import runs after her 16th birthday.
    expect((await current('noor')).current).toEqual([expect.objectContaining({ channel: 'school_social_media', givenBy: id('sanne'), status: 'granted' })]);
    expect((await current('karim')).current.map((c: { media: string; givenBy: string }) => [c.media, c.givenBy]).sort()).toEqual([
      ['audio', id('karim')],
      ['photo', id('karim')],
      ['video', id('karim')],
    ]);

    // Audited: one event per choice (recordConsents) and one consent.import.
    const after = await state();
    expect(after.events - before.events).toBe(10);
    expect(after.imports - before.imports).toBe(1);
    expect(after.version).toBeGreaterThan(before.version);
    const trail = await database.query<{ action: string; actor: string }>(`select action, actor from audit_events where school_id = $1 and seq > $2 order by seq`, [schoolId, before.audit]);
    expect(trail.map((t) => t.action)).toEqual(['consent.grant', 'consent.refuse', 'consent.grant', 'consent.grant', 'consent.grant', 'consent.import']);
    expect(new Set(trail.map((t) => t.actor)).size).toBe(1);

    // The same file again changes nothing but the audit trail's record of the import.
    const again = await postCsv(bytes);
    expect(again.json()).toMatchObject({ events: 0, unchanged: 10, granted: 0, refused: 0 });
    expect((await state()).events).toBe(after.events);
  });

  it('reports every bad row with its line, over the API too, and writes nothing', async () => {
    const bad = [
      'person,channel,media,school_year,status,given_by,date',
      'yusuf,school_social_media,video,2026-2027,granted,emre,2026-10-01',
      'nobody,school_social_media,photo,2026-2027,granted,,',
      'yusuf,tiktok,photo,2026-2027,granted,emre,',
      'yusuf,newsletter,selfie,2026-2027,granted,emre,',
      'yusuf,newsletter,photo,2026-2028,granted,emre,',
      'lotte,school_social_media,photo,2026-2027,granted,emre,',
      'lotte,school_website,photo,2026-2027,granted,,',
      'yusuf,sociale media,film,2026-2027,ja,emre,',
      'daan,newsletter,photo,2026-2027,misschien,,31-02-2027',
      'oud,newsletter,photo,2026-2027,granted,,',
      'yusuf,newsletter,photo',
      'noor,newsletter,photo,2026-2027,granted,,2027-05-01',
    ].join('\n');
    const before = await state();
    const err = await importConsents({ db: database.db, schoolId, source: { name: 'fouten.csv', bytes: Buffer.from(bad) }, now: new Date(clock) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsentImportError);
    const problems = (err as ConsentImportError).problems;
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const reasons = problems.map((p) => p.reason);
    expect(reasons[0]).toMatch(/person "nobody" is not in the school's roster/);
    expect(reasons[1]).toMatch(/unknown channel "tiktok" \(use school_social_media, school_website, newsletter, personal_social_media/);
    expect(reasons[2]).toMatch(/unknown media kind "selfie"/);
    expect(reasons[3]).toMatch(/school_year "2026-2028" is not a school year/);
    expect(reasons[4]).toMatch(/given_by "emre" may not decide for "lotte" \(10 on 2027-04-01\): for a child under 16 a parent or guardian of that child decides/);
    expect(reasons[5]).toMatch(/given_by is empty and "lotte" .* has 2 guardians \(maria, peter\)/);
    expect(reasons[6]).toMatch(/the answer about video on school_social_media in 2026-2027 for "yusuf" is on line 2 already/);
    expect(reasons[7]).toMatch(/unknown status "misschien".*; date "31-02-2027" is not a date.*; given_by is empty and "daan" .* has no guardian/);
    expect(reasons[8]).toMatch(/person "oud" has left the school/);
    expect(reasons[9]).toMatch(/has 3 columns, the header has 7/);
    expect(reasons[10]).toMatch(/date 2027-05-01 is in the future/);
    expect(problems.every((p) => p.file === 'fouten.csv')).toBe(true);
    expect((err as Error).message).toMatch(/^The consent list was not imported \(nothing was changed\) because of 11 problems: fouten\.csv line 3: person "nobody"/);
    expect(await state()).toEqual(before);

    const res = await app.inject({ method: 'POST', url: url(), ...multipart([{ name: 'fouten.csv', bytes: Buffer.from(bad) }], as.director!) });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('invalid_consent_list');
    expect(body.problems.map((p: { line: number }) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(body.problems[0]).toEqual({ file: 'fouten.csv', line: 3, reason: expect.stringMatching(/nobody/) });
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts/);
    expect(await state()).toEqual(before);
  });

  it('refuses malformed files and bad requests: header, empty, too large, not CSV, two files, roles', async () => {
    const before = await state();
    const header = await postCsv('leerling;kanaal;soort;status\nyusuf;website;foto;ja\n');
    expect(header.statusCode).toBe(400);
    expect(header.json().message).toMatch(/the header has missing columns media, school_year; unknown column "soort"/);
    expect(header.json().problems).toEqual([{ file: 'consents.csv', line: 1, reason: expect.stringMatching(/see docs\/consent\.md/) }]);
    expect((await postCsv('person,channel,media,school_year,status\n')).json().message).toMatch(/header but no rows/);
    expect((await postCsv('')).json()).toMatchObject({ error: 'invalid_consent_list', message: expect.stringMatching(/the file is empty/) });
    expect((await postCsv('person,channel,media,school_year,status\n"yusuf,website,photo,2026-2027,granted\n')).json().problems[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/never closed/) });

    const big = Buffer.concat([Buffer.from('person,channel,media,school_year,status\n'), Buffer.alloc(MAX_CONSENT_LIST_BYTES, 0x41)]);
    const tooLarge = await postCsv(big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ error: 'payload_too_large', message: expect.stringMatching(/at most 5 MB/) });
    expect((await app.inject({ method: 'POST', url: url(), ...multipart([{ name: 'groot.csv', bytes: big }], as.comms!) })).statusCode).toBe(413);

    expect((await app.inject({ method: 'POST', url: url(), headers: as.comms!, payload: { consents: [] } })).statusCode).toBe(415);
    expect((await app.inject({ method: 'POST', url: url(), headers: { ...as.comms!, 'content-type': 'application/xml' }, payload: '<x/>' })).statusCode).toBe(415);
    const two = await app.inject({ method: 'POST', url: url(), ...multipart([{ name: 'a.csv', bytes: Buffer.from(GOOD) }, { name: 'b.csv', bytes: Buffer.from(GOOD) }], as.comms!) });
    expect(two.statusCode).toBe(400);
    expect(two.json().message).toMatch(/One file at a time/);
    expect((await app.inject({ method: 'POST', url: url(), ...multipart([], as.comms!) })).json().message).toMatch(/no file was uploaded/);

    expect(await state()).toEqual(before);

    // Only the director and the communication officer; a teacher or a parent may not (and the refusal is audited).
    expect((await postCsv(GOOD, 'karim')).statusCode).toBe(403);
    expect((await postCsv(GOOD, 'emre')).statusCode).toBe(403);
    const refusals = await database.query<{ action: string }>(`select action from audit_events where school_id = $1 and seq > $2 order by seq`, [schoolId, before.audit]);
    expect(refusals.map((r) => r.action)).toEqual(['access.forbidden', 'access.forbidden']);
    expect({ ...(await state()), audit: before.audit }).toEqual(before);
  });

  it('judges who may decide on the date in the file: a student turning 16', async () => {
    // Noor turns 16 on 10 March 2027; the import runs on 1 April 2027.
    const rows = [
      'person;channel;media;school_year;status;given_by;date',
      'noor;school_website;photo;2026-2027;granted;sanne;2027-03-09', // 15: her mother decides
      'noor;newsletter;photo;2026-2027;granted;sanne;2027-03-10', // 16 today: not her mother
      'noor;personal_social_media;photo;2026-2027;refused;;2027-03-10', // empty: Noor herself
      'noor;school_social_media;video;2026-2027;granted;;09-03-2027', // empty, 15: her only guardian
      'noor;newsletter;video;2026-2027;granted;sanne;', // no date: today, she is 16
      'noor;school_website;video;2026-2027;granted;noor;2027-03-09', // 15: not Noor herself
    ];
    const err = await importConsents({ db: database.db, schoolId, source: { name: 'noor.csv', bytes: Buffer.from(rows.join('\n')) }, now: new Date(clock) }).catch((e: unknown) => e);
    expect((err as ConsentImportError).problems).toEqual([
      { file: 'noor.csv', line: 3, reason: 'given_by "sanne" may not decide for "noor" (16 on 2027-03-10): from 16 a student decides about their own photos, film and sound' },
      { file: 'noor.csv', line: 6, reason: 'given_by "sanne" may not decide for "noor" (16 on 2027-04-01): from 16 a student decides about their own photos, film and sound' },
      { file: 'noor.csv', line: 7, reason: 'given_by "noor" may not decide for "noor" (15 on 2027-03-09): for a child under 16 a parent or guardian of that child decides' },
    ]);

    const ok = await importConsents({ db: database.db, schoolId, source: { name: 'noor.csv', bytes: Buffer.from([rows[0], rows[1], rows[3], rows[4]].join('\n')) }, now: new Date(clock) });
    expect(ok).toMatchObject({ rows: 3, events: 3, granted: 2, refused: 1 });
    const noor = await current('noor');
    const cell = (channel: string, media: string) => noor.current.find((c: { channel: string; media: string }) => c.channel === channel && c.media === media);
    expect(cell('school_website', 'photo')).toMatchObject({ status: 'granted', givenBy: id('sanne'), method: 'import' });
    expect(cell('school_social_media', 'video')).toMatchObject({ status: 'granted', givenBy: id('sanne') });
    // A refusal counts from the day it was given.
    expect(cell('personal_social_media', 'photo')).toMatchObject({ status: 'refused', givenBy: id('noor'), validFrom: '2027-03-10' });
  });

  it('counts on a dry run, takedowns included, and writes nothing; the real import makes the takedown task', async () => {
    // Karim posts a photo of Yusuf on school social media and it is published.
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/v1/schools/${schoolId}/posts`,
      headers: as.karim!,
      payload: { post: { situation: 'work', channel: { kind: 'school', platform: 'instagram' }, at: '2027-04-01T16:00:00+02:00', text: 'Lentewandeling', media: [{ kind: 'photo', people: [id('yusuf')] }] } },
    });
    expect(submitted.json().result.verdict).toBe('allowed');
    const postId = submitted.json().postId;
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/posts/${postId}/publish`, headers: as.karim!, payload: { confirmed: true } })).statusCode).toBe(200);

    const list = ['leerling,kanaal,media,schooljaar,status,datum', 'yusuf,sociale media,foto,2026-2027,ingetrokken,2027-03-30', 'daan,website,foto,2026-2027,nee,'].join('\n');
    // Daan has no guardian: given_by cannot be found, so the dry run reports it like the real import.
    const refused = await postCsv(list, 'comms', '?dry_run=true');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().problems).toEqual([{ file: 'consents.csv', line: 3, reason: expect.stringMatching(/"daan" .* has no guardian/) }]);

    const good = list.split('\n').slice(0, 2).join('\n');
    const before = await state();
    const dry = await postCsv(good, 'comms', '?dry_run=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({ fileName: 'consents.csv', dryRun: true, rows: 1, people: 1, events: 1, granted: 0, refused: 0, revoked: 1, unchanged: 0, takedowns: 1 });
    expect(await state()).toEqual(before);
    expect(consentFindings(await preview(['yusuf']))).toEqual([]);

    const real = await postCsv(good);
    expect(real.json()).toMatchObject({ dryRun: false, events: 1, revoked: 1, takedowns: 1 });
    const tasks = (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/takedowns`, headers: as.comms! })).json().tasks;
    expect(tasks).toEqual([expect.objectContaining({ postId, personId: id('yusuf') })]);
    expect(consentFindings(await preview(['yusuf']))).toEqual(['media.consent_missing']);
    const revoked = (await current('yusuf')).current.find((c: { channel: string; media: string }) => c.channel === 'school_social_media' && c.media === 'photo');
    expect(revoked).toMatchObject({ status: 'revoked', validFrom: '2027-03-30', givenBy: id('emre') });
    // Importing the revocation again makes no second task.
    expect((await postCsv(good)).json()).toMatchObject({ events: 0, unchanged: 1, takedowns: 0 });
    expect((await state()).tasks).toBe(before.tasks + 1);
  });

  it('knows the school’s own channels by code and by name', async () => {
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/consent-channels`, headers: as.comms!, payload: { code: 'schoolapp', name: 'De Schoolapp' } })).statusCode).toBe(201);
    const r = await postCsv(['person,channel,media,school_year,status', 'daan,schoolapp,photo,2026-2027,granted', 'lotte,de schoolapp,video,2026-2027,granted'].join('\n'));
    // Daan has no guardian in the roster and Lotte two: the school must say who decided.
    expect(r.json().problems.map((p: { line: number }) => p.line)).toEqual([2, 3]);
    const ok = await postCsv(['person,channel,media,school_year,status,given_by', 'lotte,SchoolApp,photo,2026-2027,granted,peter', 'lotte,de schoolapp,video,2026-2027,granted,peter'].join('\n'));
    expect(ok.json()).toMatchObject({ rows: 2, people: 1, events: 2, granted: 2 });
    const lotte = (await current('lotte')).current.filter((c: { channel: string }) => c.channel === 'schoolapp');
    expect(lotte.map((c: { media: string; status: string; givenBy: string }) => [c.media, c.status, c.givenBy]).sort()).toEqual([
      ['photo', 'granted', id('peter')],
      ['video', 'granted', id('peter')],
    ]);
    // The check knows the school's channels: a photo of Lotte in the school app is fine, on the website not.
    expect(consentFindings(await preview(['lotte'], { channel: { kind: 'school', platform: 'schoolapp' } }))).toEqual([]);
    expect(consentFindings(await preview(['lotte'], { channel: { kind: 'school', platform: 'website' } }))).toEqual(['media.consent_missing']);
  });
});

describe('postwijzer import consents (the CLI as a process, on a PGlite data folder)', { timeout: 120_000 }, () => {
  let dataDir: string;
  let cliSchoolId: string;
  // The CLI runs at the real time: the current school year.
  const year = schoolYearOf(new Date().toISOString().slice(0, 10));
  beforeAll(async () => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
    dataDir = mkdtempSync(join(tmpdir(), 'pw-consents-'));
    const db = await openDatabase({ dataDir, url: '' });
    try {
      await migrate(db);
      cliSchoolId = (await buildSchool(db.db, { brin: '12CL' })).school.id;
      await buildSchool(db.db, { brin: '12CM' });
      const p = await buildPeople(db.db, cliSchoolId, [
        { externalId: 's1', kind: 'student', givenName: 'Zoë', familyName: 'Çelik', birthDate: '2018-05-01' },
        { externalId: 's2', kind: 'student', givenName: 'Sem', familyName: 'Bakker', birthDate: '2018-06-01' },
        { externalId: 'g1', kind: 'guardian', givenName: 'François', familyName: 'Çelik' },
        { externalId: 'g2', kind: 'guardian', givenName: 'Anouk', familyName: 'Bakker' },
      ]);
      await linkGuardian(db.db, p.get('g1')!.id, p.get('s1')!.id);
      await linkGuardian(db.db, p.get('g2')!.id, p.get('s2')!.id);
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function run(args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, POSTWIJZER_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, ['bin/postwijzer.mjs', 'import', 'consents', ...args], { encoding: 'utf8', env, timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }
  const file = (name: string, text: string) => {
    const path = join(dataDir, name);
    writeFileSync(path, iconv.encode(text, 'windows-1252'));
    return path;
  };

  it('imports a list, dry-runs, and reports bad input in one sentence with exit 2', async () => {
    const good = file('toestemming.csv', ['leerling;kanaal;media;schooljaar;toestemming', `s1;sociale media;foto|film;${year};ja`, `s2;website;foto;${year};nee`].join('\r\n'));
    const dry = run([good, '--school', '12cl', '--dry-run']);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.out).toBe('Dry run for 12CL (Basisschool De Regenboog), nothing was written: the import would record 3 consent events (2 granted, 1 refused, 0 revoked), 0 unchanged, 0 takedown tasks; 2 rows for 2 people.\n');

    const first = run([good, '--school', cliSchoolId]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Consent list imported into 12CL \(Basisschool De Regenboog\): 3 consent events \(2 granted, 1 refused, 0 revoked\), 0 unchanged/);
    expect(run([good, '--school', '12CL']).out).toMatch(/: 0 consent events .* 3 unchanged/);

    const bad = run([file('fouten.csv', ['leerling;kanaal;media;schooljaar;toestemming', `s1;tiktok;foto;${year};ja`, `s9;website;foto;${year};ja`, `s2;website;selfie;${year};ja`].join('\n')), '--school', '12CL']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/^postwijzer: The consent list was not imported \(nothing was changed\) because of 3 problems: fouten\.csv line 2: unknown channel "tiktok".*; fouten\.csv line 3: person "s9" is not in the school's roster; fouten\.csv line 4: unknown media kind "selfie"/);
    expect(bad.err).not.toMatch(/\n\s+at /);

    expect(run([good])).toMatchObject({ code: 2, err: expect.stringMatching(/there are 2 schools; choose one with --school ID\|BRIN \(12CL, 12CM\)/) });
    expect(run([good, '--school', '99XX'])).toMatchObject({ code: 2, err: expect.stringMatching(/no school with id or BRIN "99XX"/) });
    expect(run([join(dataDir, 'nope.csv'), '--school', '12CL'])).toMatchObject({ code: 2, err: expect.stringMatching(/no such file/) });
    expect(run([file('kop.csv', 'person,channel\ns1,website\n'), '--school', '12CL'])).toMatchObject({ code: 2, err: expect.stringMatching(/kop\.csv line 1: the header has missing columns media, school_year, status/) });
    const big = join(dataDir, 'groot.csv');
    writeFileSync(big, Buffer.alloc(MAX_CONSENT_LIST_BYTES + 10, 0x41));
    expect(run([big, '--school', '12CL'])).toMatchObject({ code: 2, err: expect.stringMatching(/too large .* at most 5 MB/) });

    const db = await openDatabase({ dataDir, url: '' });
    try {
      const rows = await db.query<{ status: string; method: string; recorded_by: string | null; n: number }>('select status, method, recorded_by, count(*)::int as n from consent_events group by 1, 2, 3 order by 1');
      expect(rows).toEqual([
        { status: 'granted', method: 'import', recorded_by: null, n: 2 },
        { status: 'refused', method: 'import', recorded_by: null, n: 1 },
      ]);
      const trail = await db.query<{ action: string; actor: string }>(`select action, actor from audit_events where action like 'consent.%' order by seq`);
      expect(trail).toEqual([
        { action: 'consent.grant', actor: 'cli' },
        { action: 'consent.refuse', actor: 'cli' },
        { action: 'consent.import', actor: 'cli' },
        { action: 'consent.import', actor: 'cli' },
      ]);
    } finally {
      await db.close();
    }
  });
});
