// The protocol in the app, end to end through the API with a real SMTP server on loopback: the
// board publishes versions with their official PDF, exactly one is current, employees confirm it,
// the school sees who has not and sends reminders (at most one per person per day).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { employments, schools } from '../../src/db/schema/index.ts';
import { minimalPdf } from '../../src/modules/protocol/demo.ts';
import { isPdf, MAX_DOCUMENT_BYTES, safeFileName } from '../../src/modules/protocol/service.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool } from '../support/factories.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { startSmtp } from '../support/smtp.ts';

const PUBLIC_URL = 'https://postwijzer.test';
let smtp: TestSmtp;
let database: Database;
let app: FastifyInstance;
let clock = Date.parse('2026-11-26T09:00:00Z');
let schoolId: string;
let sisterId: string;
let otherId: string;
const h: Record<string, Record<string, string>> = {};
const person: Record<string, string> = {};
const mail: Record<string, string> = {};

const pdf = (title: string) => minimalPdf([title, 'Versie voor de test.']);
const publish = (headers: Record<string, string>, q: Record<string, string>, body: Buffer | string = pdf('Protocol'), type = 'application/pdf', school = schoolId) =>
  app.inject({ method: 'POST', url: `/api/v1/schools/${school}/protocol/versions?${new URLSearchParams(q)}`, headers: { ...headers, 'content-type': type }, payload: body });
const page = (headers: Record<string, string>, school = schoolId) => app.inject({ method: 'GET', url: `/api/v1/schools/${school}/protocol`, headers });
const overview = (headers: Record<string, string>, school = schoolId) => app.inject({ method: 'GET', url: `/api/v1/schools/${school}/protocol/acknowledgements`, headers });
const ack = (headers: Record<string, string>, versionId: string, school = schoolId) => app.inject({ method: 'POST', url: `/api/v1/schools/${school}/protocol/acknowledgements`, headers, payload: { versionId } });
const remind = (headers: Record<string, string>, payload: object = {}, school = schoolId) => app.inject({ method: 'POST', url: `/api/v1/schools/${school}/protocol/reminders`, headers, payload });

beforeAll(async () => {
  smtp = await startSmtp();
  database = await openTestDatabase();
  const built = await buildSchool(database.db, { brin: '99PA', name: 'Basisschool De Regenboog' });
  schoolId = built.school.id;
  // A second school of the same board, and a school of another board.
  sisterId = (await database.db.insert(schools).values({ boardId: built.board.id, brin: '99PB', name: 'Basisschool Het Kompas' }).returning())[0]!.id;
  otherId = (await buildSchool(database.db, { brin: '99PC', name: 'Andere School' })).school.id;
  const here = await buildPeople(database.db, schoolId, [
    { externalId: 'anna', kind: 'employee', givenName: 'Anna', familyName: 'Bakker' },
    { externalId: 'bram', kind: 'employee', givenName: 'Bram', familyName: 'de Vries' },
    { externalId: 'carla', kind: 'employee', givenName: 'Carla', familyName: 'Jansen' },
    { externalId: 'dirk', kind: 'employee', givenName: 'Dirk', familyName: 'Smit' },
    { externalId: 'eva', kind: 'employee', givenName: 'Eva', familyName: 'Mulder' },
    { externalId: 'student', kind: 'student', givenName: 'Sam', familyName: 'Kok', group: '8' },
    { externalId: 'parent', kind: 'guardian', givenName: 'Pia', familyName: 'Kok' },
  ]);
  const sister = await buildPeople(database.db, sisterId, [{ externalId: 'anna2', kind: 'employee', givenName: 'Anna', familyName: 'Bakker' }]);
  const other = await buildPeople(database.db, otherId, [{ externalId: 'olaf', kind: 'employee', givenName: 'Olaf', familyName: 'Elders' }]);
  for (const [k, v] of [...here, ...sister, ...other]) person[k] = v.id;
  await database.db.insert(employments).values([
    ...['anna', 'bram', 'carla', 'dirk', 'eva'].map((k) => ({ personId: person[k]!, schoolId })),
    { personId: person.anna2!, schoolId: sisterId },
    { personId: person.olaf!, schoolId: otherId },
  ]);
  // Eva has no account: not reachable by e-mail. Anna works at both schools of the board.
  const accounts: [string, Parameters<typeof makeAccount>[1]][] = [
    ['board', [{ schoolId, role: 'board' }, { schoolId: sisterId, role: 'board' }]],
    ['director', [{ schoolId, role: 'director', personId: person.bram! }]],
    ['anna', [{ schoolId, role: 'employee', personId: person.anna! }, { schoolId: sisterId, role: 'employee', personId: person.anna2! }]],
    ['carla', [{ schoolId, role: 'supervisor', personId: person.carla! }]],
    ['dirk', [{ schoolId, role: 'employee', personId: person.dirk! }]],
    ['student', [{ schoolId, role: 'student', personId: person.student! }]],
    ['parent', [{ schoolId, role: 'guardian', personId: person.parent! }]],
    ['otherBoard', [{ schoolId: otherId, role: 'board' }]],
    ['otherEmployee', [{ schoolId: otherId, role: 'employee', personId: person.olaf! }]],
  ];
  for (const [name, roles] of accounts) {
    const a = await makeAccount(database.db, roles, { email: `${name.toLowerCase()}@school.example` });
    mail[name] = a.email;
    h[name] = await tokenHeaders(database.db, a.id);
  }
  app = await buildApp({ database, now: () => clock, mail: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL, sweepIntervalMs: 250 } });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await smtp?.close();
});

describe('PDF checks', () => {
  it('knows a PDF by its first and last bytes, not by its name', () => {
    expect(isPdf(pdf('x'))).toBe(true);
    expect(isPdf(Buffer.from('%PDF-1.7 but no end'))).toBe(false);
    expect(isPdf(Buffer.concat([Buffer.from('GIF89a'), pdf('x')]))).toBe(false);
    expect(isPdf(Buffer.from('<html><body>%PDF-1.4</body></html>%%EOF'))).toBe(false);
  });
  it('cleans file names for headers', () => {
    expect(safeFileName('Protocol "sociale" media;\r\n.pdf', 'x')).toBe('Protocol-sociale-media.pdf');
    expect(safeFileName('../../etc/passwd', 'fallback')).toBe('etc-passwd.pdf');
    expect(safeFileName('Privé – ü.PDF', 'x')).toBe('Prive-u.pdf');
    expect(safeFileName(undefined, 'protocol-2018')).toBe('protocol-2018.pdf');
    // The fallback (built from the version label) is cleaned the same way.
    expect(safeFileName(undefined, 'protocol-2026 "nieuw";\r\nX-Evil: 1')).toBe('protocol-2026-nieuw-X-Evil-1.pdf');
    expect(safeFileName('', 'protocol-../../ü')).toBe('protocol-..-..-u.pdf');
    expect(safeFileName('"";', '"";')).toBe('protocol.pdf');
  });
});

describe(`the protocol in the app (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let v2018: string;
  let v2026: string;

  it('shows the articles by chapter before any version is published, without anything to confirm', async () => {
    const res = await page(h.anna!);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.current).toBeNull();
    expect(body.chapters.map((c: { section: string }) => c.section)).toEqual(['U', 'R', 'A', 'B', 'C', 'D']);
    const a = body.chapters.find((c: { section: string }) => c.section === 'A');
    expect(a.title.nl).toBe('Voor iedereen');
    expect(a.articles.map((x: { id: string }) => x.id)).toContain('A.3');
    expect(body.me).toEqual({ expected: false, acknowledgedAt: null });
    // Students and parents read it too.
    expect((await page(h.student!)).statusCode).toBe(200);
    expect((await page(h.parent!)).statusCode).toBe(200);
    expect((await page(h.anna!, otherId)).statusCode).toBe(403);
  });

  it('lets only the board publish a version, and only a real PDF of limited size', async () => {
    for (const who of ['director', 'carla', 'anna', 'student', 'parent', 'otherBoard']) {
      const res = await publish(h[who]!, { version: '2018', adoptedOn: '2018-03-26' });
      expect(`${who}: ${res.statusCode}`).toBe(`${who}: 403`);
    }
    const notPdf = await publish(h.board!, { version: '2018', adoptedOn: '2018-03-26' }, Buffer.from('PK\u0003\u0004 a zip, not a PDF %%EOF'));
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json()).toMatchObject({ error: 'not_a_pdf' });
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_DOCUMENT_BYTES), Buffer.from('\n%%EOF\n')]);
    const tooLarge = await publish(h.board!, { version: '2018', adoptedOn: '2018-03-26' }, big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().message).toMatch(/at most 10 MB/);
    const json = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/protocol/versions?version=2018&adoptedOn=2018-03-26`, headers: h.board!, payload: { document: 'x' } });
    expect(json.statusCode).toBe(415);
    const badDate = await publish(h.board!, { version: '2018', adoptedOn: '26-03-2018' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().issues[0].path).toBe('$.adoptedOn');
    // Nothing of that was stored.
    expect((await page(h.anna!)).json().versions).toEqual([]);
  });

  it('publishes versions: exactly one is current for all of the board’s schools', async () => {
    const first = await publish(h.board!, { version: '2018', adoptedOn: '2018-03-26', summary: 'Eerste versie.', fileName: 'Protocol sociale media "2018".pdf' }, pdf('Protocol 2018'));
    expect(first.statusCode).toBe(201);
    v2018 = first.json().id;
    expect(first.json()).toMatchObject({ version: '2018', adoptedOn: '2018-03-26', current: true, document: { fileName: 'Protocol-sociale-media-2018.pdf', sha256: createHash('sha256').update(pdf('Protocol 2018')).digest('hex') } });
    const dup = await publish(h.board!, { version: '2018', adoptedOn: '2018-03-26' });
    expect(dup.statusCode).toBe(409);
    clock += 60_000;
    const second = await publish(h.board!, { version: '2026-1', adoptedOn: '2026-11-01', summary: 'Nieuw: regels voor berichten met AI-beelden.' }, pdf('Protocol 2026-1'), 'application/pdf', sisterId);
    expect(second.statusCode).toBe(201);
    v2026 = second.json().id;
    const rows = await database.query<{ version: string; current: boolean }>('select version, current from protocol_versions order by version');
    expect(rows).toEqual([
      { version: '2018', current: false },
      { version: '2026-1', current: true },
    ]);
    const seen = (await page(h.anna!)).json();
    expect(seen.current).toMatchObject({ id: v2026, version: '2026-1', adoptedOn: '2026-11-01', summary: 'Nieuw: regels voor berichten met AI-beelden.' });
    expect(seen.versions.map((v: { version: string }) => v.version)).toEqual(['2026-1', '2018']);
    expect(seen.me).toEqual({ expected: true, acknowledgedAt: null });
    // Another board's school sees none of it.
    expect((await page(h.otherBoard!, otherId)).json().versions).toEqual([]);
    const audit = await database.query<{ action: string }>(`select action from audit_events where action = 'protocol_version.publish'`);
    expect(audit).toHaveLength(2);
  });

  it('serves the official document with safe headers, only to the board’s schools', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/protocol/versions/${v2018}/document`, headers: h.student! });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Protocol-sociale-media-2018.pdf"; filename*=UTF-8''Protocol-sociale-media-2018.pdf`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(pdf('Protocol 2018'))).toBe(true);
    const fromOther = await app.inject({ method: 'GET', url: `/api/v1/schools/${otherId}/protocol/versions/${v2018}/document`, headers: h.otherBoard! });
    expect(fromOther.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/protocol/versions/nope/document`, headers: h.anna! })).statusCode).toBe(404);
  });

  it('lets staff confirm the current version once (twice is the same), not students or parents', async () => {
    expect((await ack(h.student!, v2026)).statusCode).toBe(403);
    expect((await ack(h.parent!, v2026)).statusCode).toBe(403);
    const old = await ack(h.anna!, v2018);
    expect(old.statusCode).toBe(409);
    expect(old.json().error).toBe('not_current');
    const board = await ack(h.board!, v2026);
    expect(board.json().error).toBe('not_on_roster');
    clock += 60_000;
    const first = await ack(h.anna!, v2026);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ versionId: v2026, already: false, acknowledgedAt: new Date(clock).toISOString() });
    clock += 60_000;
    const again = await ack(h.anna!, v2026);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ already: true, acknowledgedAt: new Date(clock - 60_000).toISOString() });
    // Anna confirmed once for both schools of the board, as both roster people.
    const rows = await database.query<{ person_id: string }>('select person_id from acknowledgements where protocol_version_id = $1 order by person_id', [v2026]);
    expect(rows.map((r) => r.person_id).sort()).toEqual([person.anna!, person.anna2!].sort());
    expect((await page(h.anna!)).json().me).toEqual({ expected: true, acknowledgedAt: new Date(clock - 60_000).toISOString() });
    expect((await page(h.anna!, sisterId)).json().me.acknowledgedAt).not.toBeNull();
    const audit = await database.query(`select 1 from audit_events where action = 'protocol.acknowledge'`);
    expect(audit).toHaveLength(1);
  });

  it('shows the school who has not confirmed, with no one of another school', async () => {
    for (const who of ['anna', 'dirk', 'student', 'parent']) expect((await overview(h[who]!)).statusCode).toBe(403);
    expect((await overview(h.director!, otherId)).statusCode).toBe(403);
    const res = await overview(h.director!);
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.version.id).toBe(v2026);
    expect(o).toMatchObject({ total: 5, acknowledged: 1, notAcknowledged: 4, rate: 0.2, notReachable: 1 });
    const names = o.employees.map((e: { name: string }) => e.name);
    expect(names).toEqual(['Anna Bakker', 'Eva Mulder', 'Carla Jansen', 'Dirk Smit', 'Bram de Vries'].sort((a, b) => a.split(' ').at(-1)!.localeCompare(b.split(' ').at(-1)!)));
    expect(names).not.toContain('Olaf Elders');
    const byName = Object.fromEntries(o.employees.map((e: { name: string }) => [e.name, e]));
    expect(byName['Anna Bakker'].acknowledgedAt).not.toBeNull();
    expect(byName['Eva Mulder']).toMatchObject({ reachable: false, acknowledgedAt: null });
    expect(byName['Dirk Smit']).toMatchObject({ reachable: true, acknowledgedAt: null });
    // Supervisors and the board see it too; the sister school has only Anna, who confirmed.
    expect((await overview(h.carla!)).statusCode).toBe(200);
    expect((await overview(h.board!, sisterId)).json()).toMatchObject({ total: 1, acknowledged: 1, rate: 1 });
  });

  it('reminds who has not confirmed by e-mail, at most once a day per person', async () => {
    expect((await remind(h.dirk!)).statusCode).toBe(403);
    expect((await remind(h.director!, {}, otherId)).statusCode).toBe(403);
    const one = await remind(h.director!, { personId: person.dirk });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({ sent: 1, skipped: 0, notReachable: 0 });
    const text = await smtp.nthMail(mail.dirk!);
    expect(text).toMatch(/Beste Dirk Smit/);
    expect(text).toMatch(/versie 2026-1/);
    expect(text).toContain(`${PUBLIC_URL}/protocol`);
    // All: Bram and Carla get one, Dirk was reminded today, Eva cannot be reached, Anna confirmed.
    const all = await remind(h.carla!);
    expect(all.json()).toEqual({ sent: 2, skipped: 1, notReachable: 1 });
    await smtp.nthMail(mail.director!);
    await smtp.nthMail(mail.carla!);
    expect(smtp.mailsTo(mail.anna!)).toHaveLength(0);
    expect(smtp.mailsTo(mail.otherEmployee!)).toHaveLength(0);
    const again = await remind(h.director!);
    expect(again.json()).toEqual({ sent: 0, skipped: 3, notReachable: 1 });
    const confirmed = await remind(h.director!, { personId: person.anna });
    expect(confirmed.statusCode).toBe(409);
    expect((await remind(h.director!, { personId: person.olaf })).statusCode).toBe(404);
    // A day later they may be reminded again.
    clock += 24 * 3600_000;
    expect((await remind(h.director!, { personId: person.dirk })).json()).toEqual({ sent: 1, skipped: 0, notReachable: 0 });
    await smtp.nthMail(mail.dirk!, 2);
    const o = (await overview(h.director!)).json();
    expect(o.employees.find((e: { name: string }) => e.name === 'Dirk Smit')).toMatchObject({ reminders: 2, lastRemindedAt: new Date(clock).toISOString() });
    const audit = await database.query(`select fields from audit_events where action = 'protocol.remind'`);
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toMatch(/@/);
  });

  it('never has two current versions for a board, even written directly', async () => {
    const [board] = await database.query<{ board_id: string }>('select board_id from protocol_versions where current');
    await expect(database.query(`insert into protocol_versions (board_id, protocol_id, version, current) values ($1, 'asko-2018', 'extra', true)`, [board!.board_id])).rejects.toThrow(/protocol_versions_one_current_key/);
  });

  it('documents its routes in the OpenAPI description', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    for (const p of ['/api/v1/schools/{schoolId}/protocol', '/api/v1/schools/{schoolId}/protocol/versions', '/api/v1/schools/{schoolId}/protocol/versions/{versionId}/document', '/api/v1/schools/{schoolId}/protocol/acknowledgements', '/api/v1/schools/{schoolId}/protocol/reminders']) {
      expect(paths).toContain(p);
    }
  });

  it('asks again for a new version', async () => {
    clock += 60_000;
    const next = await publish(h.board!, { version: '2027-1', adoptedOn: '2027-01-10' }, pdf('Protocol 2027-1'));
    expect(next.statusCode).toBe(201);
    expect((await page(h.anna!)).json().me).toEqual({ expected: true, acknowledgedAt: null });
    expect((await overview(h.director!)).json()).toMatchObject({ acknowledged: 0, total: 5 });
  });

  it('records a teacher who is also a parent here as their staff person', async () => {
    const more = await buildPeople(database.db, schoolId, [
      { externalId: 'fleur', kind: 'employee', givenName: 'Fleur', familyName: 'Visser' },
      { externalId: 'fleur-ouder', kind: 'guardian', givenName: 'Fleur', familyName: 'Visser' },
    ]);
    person.fleur = more.get('fleur')!.id;
    person.fleurParent = more.get('fleur-ouder')!.id;
    await database.db.insert(employments).values({ personId: person.fleur, schoolId });
    // The guardian role first: the account's first person at the school is the parent.
    const a = await makeAccount(database.db, [
      { schoolId, role: 'guardian', personId: person.fleurParent },
      { schoolId, role: 'employee', personId: person.fleur },
    ]);
    const fleur = await tokenHeaders(database.db, a.id);
    const current = (await page(fleur)).json();
    expect(current.me).toEqual({ expected: true, acknowledgedAt: null });
    clock += 60_000;
    const r = await ack(fleur, current.current.id);
    expect(r.statusCode).toBe(201);
    const rows = await database.query<{ person_id: string }>('select person_id from acknowledgements where protocol_version_id = $1 and account_id = $2', [current.current.id, a.id]);
    expect(rows.map((x) => x.person_id)).toEqual([person.fleur]);
    expect((await page(fleur)).json().me).toEqual({ expected: true, acknowledgedAt: new Date(clock).toISOString() });
    const o = (await overview(h.director!)).json();
    expect(o.employees.find((e: { id: string }) => e.id === person.fleur)).toMatchObject({ name: 'Fleur Visser', acknowledgedAt: new Date(clock).toISOString() });
    expect(o).toMatchObject({ total: 6, acknowledged: 1 });
  });
});
