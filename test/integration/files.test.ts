// Personnel and student files through the HTTP API and the CLI (docs/files.md): letters written
// from a template, edited, sent and filed as PDF (their text read back with pdf.js) in the right
// file for an employee, a student and a guardian; every decision and record of a case (D.6 police
// decision, D.1/D.4 flags, recorded steps, closed tasks) filed in exactly the right files; every
// role against every file route (the
// expectations written out here, not read from the policy); every read in the audit trail;
// "opened by mistake" as a possible breach; letters with blanks left refused (409), warning and
// suspension letters sent only by the board and the director, the inline preview without a
// sandbox, the Dutch day in titles and file names; every role against every write route; the
// retention purge removing exactly what expired (from the person's current leaving day: someone
// who came back and left again is kept two years from the last time), with its record, a dry run
// that writes nothing, and `postwijzer files purge` with bad input.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDb, Database } from '../../src/db/connection.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import { auditEvents, breaches, fileDocuments, fileEntries, filePurges, incidents, letterDrafts, outbox, people } from '../../src/db/schema/index.ts';
import type { Role } from '../../src/policies/index.ts';
import { ROLES } from '../../src/policies/index.ts';
import { verifyAudit } from '../../src/modules/audit/chain.ts';
import { fileInto, fileTargets } from '../../src/modules/files/filing.ts';
import { purgeExpired, schedulePurge } from '../../src/modules/files/purge.ts';
import { listFiles, readFile } from '../../src/modules/files/service.ts';
import { importRoster } from '../../src/modules/roster/service.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';
import { pdfText } from '../support/pdf-text.ts';

let database: Database;
let app: FastifyInstance;
let clock = Date.parse('2026-11-26T10:00:00Z');
let schoolId: string;
let otherSchoolId: string;
let ids: Map<string, { id: string }>;
let incidentId: string;
const as: Record<string, Record<string, string>> = {};
const accountIds: Record<string, string> = {};
const id = (name: string) => ids.get(name)!.id;

const base = () => `/api/v1/schools/${schoolId}`;
const req = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: as[who] ?? {}, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
const letters = () => `${base()}/incidents/${incidentId}/letters`;

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99FA', name: 'De Regenboog' })).school.id;
  otherSchoolId = (await buildSchool(database.db, { brin: '99FB', name: 'De Vlinder' })).school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 'karim', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'lotte', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '7' },
    { externalId: 'anna', kind: 'guardian', givenName: 'Anna', familyName: 'Peters' },
    { externalId: 'emre', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
    { externalId: 'sara', kind: 'student', givenName: 'Sara', familyName: 'Demir', group: '5' },
    { externalId: 'tom', kind: 'student', givenName: 'Tom', familyName: 'Demir', group: '3' },
  ]);
  await linkGuardian(database.db, id('anna'), id('lotte'));
  await linkGuardian(database.db, id('emre'), id('sara'));
  await linkGuardian(database.db, id('emre'), id('tom'));
  await database.db.update(people).set({ email: 'karim@school.example' }).where(eq(people.id, id('karim')));
  await database.db.update(people).set({ email: 'anna@ouders.example' }).where(eq(people.id, id('anna')));
  const other = await buildPeople(database.db, otherSchoolId, [{ externalId: 'xander', kind: 'employee', givenName: 'Xander', familyName: 'Elders' }]);
  ids.set('xander', other.get('xander')!);
  const account = async (name: string, role: Role, school = schoolId, person: string | null = null) => {
    const a = await makeAccount(database.db, [{ schoolId: school, role, personId: person ? id(person) : null }], { name: `Test ${name}` });
    accountIds[name] = a.id;
    as[name] = await tokenHeaders(database.db, a.id);
  };
  const personOf: Partial<Record<Role, string>> = { employee: 'karim', student: 'lotte', guardian: 'anna' };
  for (const role of ROLES) await account(role, role, schoolId, personOf[role] ?? null);
  await account('otherHr', 'hr', otherSchoolId);
  app = await buildApp({ database, now: () => clock });

  // A case about Karim (employee), Lotte (student) and Emre (guardian of Sara and Tom), with measures.
  const r = await req('director', 'POST', `${base()}/incidents`, { category: 'bullying', text: 'Meester Karim schreef onder een foto dat Lotte een sukkel is; Lotte en Emre reageerden fel.' });
  expect(r.statusCode, r.body).toBe(201);
  incidentId = r.json().id;
  const step = async (path: string, payload: unknown) => {
    const s = await req('director', 'POST', `${base()}/incidents/${incidentId}/${path}`, payload);
    expect(s.statusCode, `${path}: ${s.body}`).toBeLessThan(300);
  };
  await step('transitions', { event: 'triage' });
  for (const p of ['karim', 'lotte', 'emre']) await step('people', { personId: id(p), role: 'subject' });
  await step('transitions', { event: 'investigate' });
  await step('steps', { personId: id('karim'), kind: 'hearing', on: '2026-11-26', note: 'Karim erkent de reactie.' });
  await step('measures', { personId: id('karim'), kind: 'waarschuwing', decidedOn: '2026-11-26', rationale: 'Een kwetsende reactie over een leerling onder een schoolfoto.' });
  await step('measures', { personId: id('lotte'), kind: 'schorsing', days: 1, rationale: 'Herhaald schelden in de klassenapp.' });
  await step('measures', { personId: id('emre'), kind: 'waarschuwing', rationale: 'Dreigende reactie naar een leerkracht.' });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const entriesOf = async (person: string, kind: 'personnel' | 'student') =>
  (await database.db.select().from(fileEntries).where(and(eq(fileEntries.personId, id(person)), eq(fileEntries.fileKind, kind)))).sort((a, b) => a.entryType.localeCompare(b.entryType));

async function draft(template: string, person: string) {
  const r = await req('director', 'POST', letters(), { template, personId: id(person) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; subject: string; salutation: string; body: string; closing: string };
}

describe(`files and letters (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('writes a warning from the template, edits it, sends it: the PDF is in Karim’s personnel file with the e-mail', async () => {
    const options = (await req('director', 'GET', letters())).json();
    const karim = options.people.find((p: { personId: string }) => p.personId === id('karim'));
    expect(karim.templates).toEqual(['warning', 'hearing_invitation']);
    expect(options.people.find((p: { personId: string }) => p.personId === id('emre')).templates).toEqual(['warning', 'hearing_invitation']);
    expect(options.people.find((p: { personId: string }) => p.personId === id('lotte')).templates).toEqual(['suspension', 'hearing_invitation']);

    const d = await draft('warning', 'karim');
    expect(d.salutation).toBe('Beste Karim El Amrani,');
    expect(d.body).toContain('26 november 2026');
    expect(d.body).toContain('Een kwetsende reactie over een leerling onder een schoolfoto.');
    expect(d.closing).toContain('Test director');

    const edited = d.body.replace('Wij rekenen erop dat u dat voortaan doet.', 'Wij spraken af dat u de reactie dezelfde dag verwijderde.');
    expect(edited).not.toBe(d.body);
    const put = await req('director', 'PUT', `${letters()}/${d.id}`, { body: edited });
    expect(put.statusCode, put.body).toBe(200);

    const preview = await req('director', 'GET', `${letters()}/${d.id}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toContain('application/pdf');
    expect(await pdfText(preview.rawPayload)).toContain('Wij spraken af dat u de reactie dezelfde dag verwijderde.');
    expect(await database.db.select().from(fileEntries).where(eq(fileEntries.entryType, 'letter'))).toEqual([]);

    const sent = await req('director', 'POST', `${letters()}/${d.id}/send`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ filed: 1, mailed: 1, paperOnly: 0 });
    expect(await database.db.select().from(letterDrafts).where(eq(letterDrafts.id, d.id))).toEqual([]);

    const file = await entriesOf('karim', 'personnel');
    // The hearing (a note), the measure (a decision), and now the letter with its e-mail.
    expect(file.map((e) => e.entryType)).toEqual(['decision', 'email', 'letter', 'note']);
    const letter = file.find((e) => e.entryType === 'letter')!;
    expect(letter.incidentId).toBe(incidentId);
    expect(letter.title).toBe('Brief: Schriftelijke waarschuwing (2026-11-26)');
    expect(file.find((e) => e.entryType === 'email')!.body).toContain('Schriftelijke waarschuwing');
    expect(await entriesOf('karim', 'student')).toEqual([]);

    const doc = await req('hr', 'GET', `${base()}/files/entries/${letter.id}/document`);
    expect(doc.statusCode, doc.body).toBe(200);
    const text = await pdfText(doc.rawPayload);
    for (const s of ['De Regenboog', 'Karim El Amrani', 'Schriftelijke waarschuwing', '26 november 2026', 'Een kwetsende reactie over een leerling onder een schoolfoto.', 'Wij spraken af dat u de reactie dezelfde dag verwijderde.', 'Vertrouwelijk — personeelsdossier'])
      expect(text).toContain(s);
    expect(text).not.toContain('Wij rekenen erop dat u dat voortaan doet.');

    const mails = await database.db.select().from(outbox);
    const notice = mails.map((m) => m.payload as { template: string; to: string; text: string }).filter((m) => m.template === 'letter_notice');
    expect(notice.map((m) => m.to)).toEqual(['karim@school.example']);
    expect(notice[0]!.text).not.toContain('kwetsende reactie');
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'letter.send'));
    expect(event).toMatchObject({ subjectType: 'incident', subjectId: incidentId, actor: accountIds.director });
  });

  it('files a student’s letter in the student file (the guardians get the e-mail) and a guardian’s in each child’s file', async () => {
    const s = await draft('suspension', 'lotte');
    expect(s.salutation).toBe('Beste ouders of verzorgers van Lotte,');
    expect(s.body).toContain('1 schooldag');
    // One day: nothing for the Inspectie (only a suspension of more than one day is reported).
    expect(s.body).not.toContain('Inspectie');
    expect((await req('director', 'POST', `${letters()}/${s.id}/send`, {})).statusCode).toBe(409);
    expect((await req('director', 'PUT', `${letters()}/${s.id}`, { body: s.body.replace('[eerste dag]', 'maandag 30 november 2026') })).statusCode).toBe(200);
    expect((await req('director', 'POST', `${letters()}/${s.id}/send`, {})).json()).toMatchObject({ filed: 1, mailed: 1 });
    const lotte = await entriesOf('lotte', 'student');
    expect(lotte.map((e) => e.entryType)).toEqual(['decision', 'email', 'letter']);
    expect(lotte.find((e) => e.entryType === 'email')!.title).toContain('Anna Peters');
    expect(await entriesOf('anna', 'student')).toEqual([]);

    const w = await draft('warning', 'emre');
    const sent = (await req('director', 'POST', `${letters()}/${w.id}/send`, {})).json();
    // Emre has no e-mail address: the letter goes on paper only, and is filed in both children's files.
    expect(sent).toMatchObject({ filed: 2, mailed: 0, paperOnly: 1 });
    for (const child of ['sara', 'tom']) expect((await entriesOf(child, 'student')).map((e) => e.entryType)).toEqual(['decision', 'letter']);
    expect(await database.db.select().from(fileEntries).where(eq(fileEntries.personId, id('emre')))).toEqual([]);
    const docs = await database.db.select({ id: fileDocuments.fileEntryId }).from(fileDocuments);
    expect(docs).toHaveLength(4);
    const tomLetter = (await entriesOf('tom', 'student')).find((e) => e.entryType === 'letter')!;
    const text = await pdfText((await req('director', 'GET', `${base()}/files/entries/${tomLetter.id}/document`)).rawPayload);
    expect(text).toContain('Beste Emre Demir,');
    expect(text).toContain('Dreigende reactie naar een leerkracht.');

    const list = (await req('director', 'GET', letters())).json();
    expect(list.drafts).toEqual([]);
    expect(list.sent.map((l: { subject: string; personName: string; filed: number }) => [l.subject, l.personName, l.filed])).toEqual([
      ['Schriftelijke waarschuwing', 'Karim El Amrani', 1],
      ['Besluit tot schorsing', 'Lotte Peters', 1],
      ['Schriftelijke waarschuwing', 'Emre Demir', 2],
    ]);
  });

  it('refuses letters that do not fit and bad edits, writing nothing', async () => {
    const before = await database.db.select().from(letterDrafts);
    const noMeasure = await req('director', 'POST', letters(), { template: 'suspension', personId: id('karim') });
    expect(noMeasure.statusCode).toBe(409);
    expect(noMeasure.json().message).toMatch(/decide the measure first/);
    const notSubject = await req('director', 'POST', letters(), { template: 'hearing_invitation', personId: id('anna') });
    expect(notSubject.statusCode).toBe(400);
    expect(notSubject.json().issues).toEqual([{ path: '$.personId', message: 'not a subject of this case' }]);
    const badTemplate = await req('director', 'POST', letters(), { template: 'ontslag', personId: id('karim') });
    expect(badTemplate.statusCode).toBe(400);
    expect(badTemplate.json().issues[0].path).toBe('$.template');
    const d = await draft('hearing_invitation', 'karim');
    expect(d.body).toContain('[datum]');
    const empty = await req('director', 'PUT', `${letters()}/${d.id}`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('$.body');
    expect((await req('director', 'PUT', `${letters()}/${d.id}`, {})).statusCode).toBe(400);
    expect((await req('director', 'GET', `${base()}/incidents/${incidentId}/letters/00000000-0000-4000-8000-000000000000/preview`)).statusCode).toBe(404);
    expect((await req('director', 'DELETE', `${letters()}/${d.id}`)).statusCode).toBe(204);
    expect(await database.db.select().from(letterDrafts)).toEqual(before);
  });

  it('lets exactly the right roles at each file route (written out here), and audits every read', async () => {
    const karimLetter = (await entriesOf('karim', 'personnel')).find((e) => e.entryType === 'letter')!;
    const lotteLetter = (await entriesOf('lotte', 'student')).find((e) => e.entryType === 'letter')!;
    const routes: { name: string; method: 'GET' | 'POST'; url: string; allowed: Role[] }[] = [
      { name: 'list', method: 'GET', url: `${base()}/files`, allowed: ['board', 'director', 'internal_supervisor', 'hr'] },
      { name: 'list personnel', method: 'GET', url: `${base()}/files?kind=personnel`, allowed: ['board', 'hr'] },
      { name: 'list student', method: 'GET', url: `${base()}/files?kind=student`, allowed: ['director', 'internal_supervisor'] },
      { name: 'personnel file', method: 'GET', url: `${base()}/files/personnel/${id('karim')}`, allowed: ['board', 'hr'] },
      { name: 'student file', method: 'GET', url: `${base()}/files/student/${id('lotte')}`, allowed: ['director', 'internal_supervisor'] },
      { name: 'personnel letter', method: 'GET', url: `${base()}/files/entries/${karimLetter.id}/document`, allowed: ['board', 'hr'] },
      { name: 'student letter', method: 'GET', url: `${base()}/files/entries/${lotteLetter.id}/document`, allowed: ['director', 'internal_supervisor'] },
      { name: 'purge record', method: 'GET', url: `${base()}/files/purges`, allowed: ['board', 'data_protection_officer'] },
      { name: 'case letters', method: 'GET', url: letters(), allowed: ['board', 'director', 'supervisor', 'hr'] },
    ];
    const wrong: string[] = [];
    for (const route of routes) {
      for (const role of ROLES) {
        const r = await req(role, route.method, route.url);
        const want = route.allowed.includes(role) ? 200 : 403;
        if (r.statusCode !== want) wrong.push(`${route.name} as ${role}: ${r.statusCode} (want ${want})`);
      }
      const anonymous = await app.inject({ method: route.method, url: route.url });
      if (anonymous.statusCode !== 401) wrong.push(`${route.name} anonymous: ${anonymous.statusCode}`);
      const elsewhere = await req('otherHr', route.method, route.url);
      if (elsewhere.statusCode !== 403) wrong.push(`${route.name} as HR of another school: ${elsewhere.statusCode}`);
    }
    expect(wrong).toEqual([]);

    // Every read is on the audit trail: the file reads with the person as subject, the documents
    // with the entry; a refused read is a refusal event, not a read.
    const events = await database.db.select().from(auditEvents).where(inArray(auditEvents.action, ['file.read', 'file.document_read', 'file.list']));
    const reads = (action: string, subject: string) => events.filter((e) => e.action === action && e.subjectId === subject).map((e) => e.actor).sort();
    const accounts = (roles: Role[]) => roles.map((r) => accountIds[r]!).sort();
    expect(reads('file.read', id('karim'))).toEqual(accounts(['board', 'hr']));
    expect(reads('file.read', id('lotte'))).toEqual(accounts(['director', 'internal_supervisor']));
    expect(reads('file.document_read', karimLetter.id)).toEqual([accountIds.hr!, ...accounts(['board', 'hr'])].sort());
    expect(reads('file.document_read', lotteLetter.id)).toEqual(accounts(['director', 'internal_supervisor']));
    expect(events.filter((e) => e.action === 'file.read').every((e) => e.subjectType === 'person' && e.schoolId === schoolId)).toBe(true);
    expect(events.filter((e) => e.action === 'file.list')).toHaveLength(8);
    expect(JSON.stringify(events)).not.toMatch(/Karim|Lotte|Peters|El Amrani/);
    expect((await verifyAudit(database.db)).broken).toEqual([]);
  });

  it('reads a file with its entries and retention, finds people by name, and answers 404 for people elsewhere', async () => {
    const file = (await req('hr', 'GET', `${base()}/files/personnel/${id('karim')}`)).json();
    expect(file.person).toMatchObject({ id: id('karim'), name: 'Karim El Amrani', kind: 'employee', active: true });
    expect(file.entries.map((e: { entryType: string }) => e.entryType).sort()).toEqual(['decision', 'email', 'letter', 'note']);
    const letter = file.entries.find((e: { entryType: string }) => e.entryType === 'letter');
    expect(letter).toMatchObject({ retainUntil: null, retentionRule: 'personnel.after_leaving.2y', document: { filename: 'brief-warning-2026-11-26.pdf' } });
    expect(letter.body).toContain('Wij spraken af dat u de reactie dezelfde dag verwijderde.');

    const found = (await req('director', 'GET', `${base()}/files?kind=student&q=dem`)).json();
    expect(found.files.map((f: { name: string }) => f.name)).toEqual(['Sara Demir', 'Tom Demir']);
    expect(found.files[0]).toMatchObject({ fileKind: 'student', entries: 2 });
    const mine = (await req('hr', 'GET', `${base()}/files`)).json();
    expect(mine.kinds).toEqual(['personnel']);
    expect(mine.files.map((f: { name: string }) => f.name)).toEqual(['Karim El Amrani']);

    expect((await req('hr', 'GET', `${base()}/files/personnel/${id('xander')}`)).statusCode).toBe(404);
    expect((await req('hr', 'GET', `${base()}/files/personnel/not-a-uuid`)).statusCode).toBe(404);
    expect((await req('hr', 'GET', `${base()}/files?kind=dossier`)).statusCode).toBe(400);
  });

  it('turns "I opened this file by mistake" into one possible breach, only for a file one opened', async () => {
    const url = `${base()}/files/personnel/${id('karim')}/mistaken-read`;
    const first = await req('hr', 'POST', url, {});
    expect(first.statusCode, first.body).toBe(201);
    const [b] = await database.db.select().from(breaches).where(eq(breaches.id, first.json().breachId));
    expect(b).toMatchObject({ kind: 'file_wrong_person', source: 'file_access', status: 'possible', peopleIds: [id('karim')], reportedBy: accountIds.hr });
    expect(b!.title).not.toMatch(/Karim/);
    const again = await req('hr', 'POST', url, {});
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ breachId: first.json().breachId, created: false });
    // The internal supervisor never opened Sara's file.
    const never = await req('internal_supervisor', 'POST', `${base()}/files/student/${id('sara')}/mistaken-read`, {});
    expect(never.statusCode).toBe(409);
    expect(never.json().error).toBe('not_opened');
    expect((await req('employee', 'POST', url, {})).statusCode).toBe(403);
    expect(await database.db.select().from(breaches)).toHaveLength(1);
  });

  it('serves the preview inline without a sandbox (browsers show no PDF in a sandboxed document), downloads with one', async () => {
    const d = await draft('hearing_invitation', 'karim');
    const preview = await req('director', 'GET', `${letters()}/${d.id}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['x-content-type-options']).toBe('nosniff');
    expect(String(preview.headers['content-disposition'])).toMatch(/^inline; filename="concept-brief-hearing-invitation-2026-11-26\.pdf"/);
    expect(String(preview.headers['content-security-policy'] ?? '')).not.toContain('sandbox');
    const letter = (await entriesOf('karim', 'personnel')).find((e) => e.entryType === 'letter')!;
    const doc = await req('hr', 'GET', `${base()}/files/entries/${letter.id}/document`);
    expect(String(doc.headers['content-disposition'])).toMatch(/^attachment; /);
    expect(doc.headers['content-security-policy']).toContain('sandbox');
    expect((await req('director', 'DELETE', `${letters()}/${d.id}`)).statusCode).toBe(204);
  });

  it('refuses to send a letter with blanks left ([…]), naming them, and sends it once they are filled', async () => {
    const d = await draft('hearing_invitation', 'karim');
    const filesBefore = await entriesOf('karim', 'personnel');
    const outboxBefore = (await database.db.select().from(outbox)).length;
    const refused = await req('hr', 'POST', `${letters()}/${d.id}/send`, {});
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toBe('blanks_left');
    expect(refused.json().message).toMatch(/^Vul eerst in wat tussen haken staat: \[datum\], \[tijd\], \[namen\]\. De brief is niet verstuurd\./);
    expect(refused.json().issues).toEqual([
      { path: '$.body', message: 'blank left: [datum]' },
      { path: '$.body', message: 'blank left: [tijd]' },
      { path: '$.body', message: 'blank left: [namen]' },
    ]);
    expect(await entriesOf('karim', 'personnel')).toEqual(filesBefore);
    expect(await database.db.select().from(outbox)).toHaveLength(outboxBefore);
    expect(await database.db.select().from(letterDrafts).where(eq(letterDrafts.id, d.id))).toHaveLength(1);

    // One blank filled, two left: still refused, naming only those.
    await req('hr', 'PUT', `${letters()}/${d.id}`, { body: d.body.replace('[datum]', '3 december 2026') });
    expect((await req('hr', 'POST', `${letters()}/${d.id}/send`, {})).json().message).toContain('[tijd], [namen].');
    await req('hr', 'PUT', `${letters()}/${d.id}`, { body: d.body.replace('[datum]', '3 december 2026').replace('[tijd]', '10.00 uur').replace('[namen]', 'de directeur en iemand van HR') });
    // HR may send a hearing invitation (it announces no decision).
    const sent = await req('hr', 'POST', `${letters()}/${d.id}/send`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await entriesOf('karim', 'personnel')).filter((e) => e.entryType === 'letter')).toHaveLength(2);
  });

  it('lets only the board and the director send a warning or suspension letter; HR and supervisors draft them', async () => {
    const d = await draft('warning', 'karim');
    for (const who of ['hr', 'supervisor'] as const) {
      const view = (await req(who, 'GET', letters())).json();
      expect(view.drafts.find((x: { id: string }) => x.id === d.id)).toMatchObject({ maySend: false, blanks: [] });
      const r = await req(who, 'POST', `${letters()}/${d.id}/send`, {});
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().message).toMatch(/^Een waarschuwing of schorsing is een besluit van het bevoegd gezag: alleen de directeur of het bestuur verstuurt die brief\./);
    }
    const refusals = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'access.not_yours'), inArray(auditEvents.actor, [accountIds.hr!, accountIds.supervisor!]), eq(auditEvents.subjectId, 'POST /api/v1/schools/:schoolId/incidents/:incidentId/letters/:letterId/send')));
    expect(refusals.map((e) => e.actor).sort()).toEqual([accountIds.hr!, accountIds.supervisor!].sort());
    expect(await database.db.select().from(letterDrafts).where(eq(letterDrafts.id, d.id))).toHaveLength(1);
    // HR may still edit it; the director sends it.
    expect((await req('hr', 'PUT', `${letters()}/${d.id}`, { subject: 'Schriftelijke waarschuwing (sociale media)' })).statusCode).toBe(200);
    expect((await req('director', 'GET', letters())).json().drafts.find((x: { id: string }) => x.id === d.id).maySend).toBe(true);
    expect((await req('board', 'GET', letters())).json().drafts.find((x: { id: string }) => x.id === d.id).maySend).toBe(true);
    expect((await req('director', 'POST', `${letters()}/${d.id}/send`, {})).statusCode).toBe(200);
  });

  it('names the Dutch calendar day in the title and file name, not the UTC day, and names the person when a letter is read', async () => {
    const d = await draft('warning', 'emre');
    // 23:30 UTC on 26 November is 00:30 on 27 November in Amsterdam.
    clock = Date.parse('2026-11-26T23:30:00Z');
    try {
      expect((await req('director', 'POST', `${letters()}/${d.id}/send`, {})).statusCode).toBe(200);
    } finally {
      clock = Date.parse('2026-11-26T10:00:00Z');
    }
    const [letter] = (await entriesOf('sara', 'student')).filter((e) => e.entryType === 'letter' && e.title.includes('2026-11-27'));
    expect(letter!.title).toBe('Brief: Schriftelijke waarschuwing (2026-11-27)');
    const [doc] = await database.db.select().from(fileDocuments).where(eq(fileDocuments.fileEntryId, letter!.id));
    expect(doc!.filename).toBe('brief-warning-2026-11-27.pdf');
    expect(await pdfText(doc!.bytes)).toContain('27 november 2026');

    expect((await req('internal_supervisor', 'GET', `${base()}/files/entries/${letter!.id}/document`)).statusCode).toBe(200);
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'file.document_read'), eq(auditEvents.actor, accountIds.internal_supervisor!)));
    const last = events.slice(-2).map((e) => ({ type: e.subjectType, id: e.subjectId, fields: e.fields }));
    expect(last).toEqual([
      { type: 'file_entry', id: letter!.id, fields: ['student_file', 'document'] },
      { type: 'person', id: id('sara'), fields: ['student_file', 'document'] },
    ]);
  });

  it('answers 404 for an entry of another school on this school’s path, whoever asks', async () => {
    const [x] = await fileInto(database.db, otherSchoolId, await fileTargets(database.db, otherSchoolId, id('xander'), 'employee'), { incidentId: null, entryType: 'letter', title: 'Brief', body: 'x', createdBy: null, now: new Date(clock) });
    await database.db.insert(fileDocuments).values({ fileEntryId: x!.id, schoolId: otherSchoolId, filename: 'brief.pdf', contentType: 'application/pdf', sizeBytes: 3, sha256: 'x', bytes: Buffer.from('pdf'), createdAt: new Date(clock) });
    // The entry is real: HR of its own school reads it.
    expect((await req('otherHr', 'GET', `/api/v1/schools/${otherSchoolId}/files/entries/${x!.id}/document`)).statusCode).toBe(200);
    for (const who of ['hr', 'board']) {
      const r = await req(who, 'GET', `${base()}/files/entries/${x!.id}/document`);
      expect(r.statusCode, `${who}: ${r.body}`).toBe(404);
      expect(r.body).not.toContain('Xander');
    }
  });
});

// Every role against every write route of the files module (the expectations written out here):
// each request gets a fresh draft where it needs one, in a case of its own about Fenna (an
// employee without an e-mail address), so the files read above stay as they are.
describe(`every decision of a case is filed (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  // A case of its own about Bram (employee), Noor (student) and Ilse (guardian of Noor and Finn
  // here, and of Olaf at another school), with Wout as a witness.
  let caseId: string;
  const names = new Map<string, string>();
  const act = (path: string, payload: unknown) => req('director', 'POST', `${base()}/incidents/${caseId}/${path}`, payload);
  const filed = async (incident = caseId) =>
    (await database.db.select().from(fileEntries).where(eq(fileEntries.incidentId, incident)))
      .map((e) => `${names.get(e.personId) ?? e.personId}/${e.fileKind}/${e.entryType}: ${e.title}`)
      .sort();
  const since = async (before: string[]) => {
    const now = await filed();
    const left = [...before];
    return now.filter((e) => {
      const i = left.indexOf(e);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  };

  beforeAll(async () => {
    const here = await buildPeople(database.db, schoolId, [
      { externalId: 'bram', kind: 'employee', givenName: 'Bram', familyName: 'Visser' },
      { externalId: 'noor', kind: 'student', givenName: 'Noor', familyName: 'Bakker', group: 'F6' },
      { externalId: 'finn', kind: 'student', givenName: 'Finn', familyName: 'Bakker', group: 'F4' },
      { externalId: 'ilse', kind: 'guardian', givenName: 'Ilse', familyName: 'Bakker' },
      { externalId: 'wout', kind: 'student', givenName: 'Wout', familyName: 'Smit', group: 'F8' },
    ]);
    const there = await buildPeople(database.db, otherSchoolId, [{ externalId: 'olaf', kind: 'student', givenName: 'Olaf', familyName: 'Bakker', group: 'O2' }]);
    for (const [k, v] of [...here, ...there]) {
      ids.set(k, v);
      names.set(v.id, k);
    }
    for (const child of ['noor', 'finn', 'olaf']) await linkGuardian(database.db, id('ilse'), id(child));
    const r = await req('director', 'POST', `${base()}/incidents`, { category: 'bullying', text: 'Een ouder en een leerling schreven dreigende berichten over een leerkracht in de klassenapp.' });
    expect(r.statusCode, r.body).toBe(201);
    caseId = r.json().id;
    expect((await act('transitions', { event: 'triage' })).statusCode).toBe(200);
    for (const p of ['bram', 'noor', 'ilse']) expect((await act('people', { personId: id(p), role: 'subject' })).statusCode).toBeLessThan(300);
    expect((await act('people', { personId: id('wout'), role: 'witness' })).statusCode).toBeLessThan(300);
    expect((await act('transitions', { event: 'investigate' })).statusCode).toBe(200);
    expect(await filed()).toEqual([]);
  });

  it('files the police decision (D.6) with every subject, once per file; a refused one and a case without subjects file nothing', async () => {
    const refused = await act('police-decision', { report: true, rationale: 'Bedreiging van een leerkracht.', reportedOn: '2026-11-25' });
    expect(refused.statusCode).toBe(400);
    expect(await filed()).toEqual([]);
    const ok = await act('police-decision', { report: true, rationale: 'Bedreiging van een leerkracht.', reportedOn: '2026-11-25', policeReference: 'PL-0917' });
    expect(ok.statusCode, ok.body).toBe(200);
    const title = 'Besluit politie (D.6): aangifte gedaan op 2026-11-25';
    // Noor is a subject and Ilse's child: her file gets the decision once.
    expect(await filed()).toEqual([`bram/personnel/decision: ${title}`, `finn/student/decision: ${title}`, `noor/student/decision: ${title}`]);
    const [entry] = await database.db.select().from(fileEntries).where(and(eq(fileEntries.incidentId, caseId), eq(fileEntries.personId, id('bram'))));
    expect(entry!.body).toBe('Bedreiging van een leerkracht. Kenmerk politie: PL-0917.');

    const empty = await req('director', 'POST', `${base()}/incidents`, { category: 'bullying', text: 'Een melding zonder betrokkene als onderwerp.' });
    const emptyId = empty.json().id as string;
    expect((await req('director', 'POST', `${base()}/incidents/${emptyId}/transitions`, { event: 'triage' })).statusCode).toBe(200);
    expect((await req('director', 'POST', `${base()}/incidents/${emptyId}/people`, { personId: id('wout'), role: 'witness' })).statusCode).toBeLessThan(300);
    const none = await req('director', 'POST', `${base()}/incidents/${emptyId}/police-decision`, { report: false, rationale: 'Geen strafbaar feit.' });
    expect(none.statusCode, none.body).toBe(200);
    expect(await filed(emptyId)).toEqual([]);
  });

  it('files the D.1 flag with the employee and the D.4 flag with the student and the guardian’s children only', async () => {
    const before = await filed();
    expect((await act('flags', { rationale: 'x' })).statusCode).toBe(400);
    expect(await filed()).toEqual(before);
    expect((await act('flags', { plichtsverzuim: true, rationale: 'De leerkracht deelde de berichten door.' })).statusCode).toBe(200);
    expect(await since(before)).toEqual(['bram/personnel/decision: Plichtsverzuim (D.1): vastgesteld']);
    const mid = await filed();
    expect((await act('flags', { verwijtbaarGedrag: true, rationale: 'Dreigende berichten.' })).statusCode).toBe(200);
    const v = 'Verwijtbaar gedrag (D.4): vastgesteld';
    expect(await since(mid)).toEqual([`finn/student/decision: ${v}`, `noor/student/decision: ${v}`]);
    expect(await filed()).not.toContain(expect.stringMatching(/^olaf\//));
  });

  it('files a recorded step (hoor en wederhoor) in the file of the step’s person; a refused step files nothing', async () => {
    const before = await filed();
    expect((await act('steps', { personId: id('bram'), kind: 'hearing', on: '2026-12-01' })).statusCode).toBe(400);
    expect(await filed()).toEqual(before);
    expect((await act('steps', { personId: id('bram'), kind: 'hearing', on: '2026-11-26', note: 'Bram gaf zijn kant van het verhaal.' })).statusCode).toBe(200);
    const hearing = 'Stap: gehoord (hoor en wederhoor) (2026-11-26)';
    expect(await since(before)).toEqual([`bram/personnel/note: ${hearing}`]);
    const mid = await filed();
    expect((await act('steps', { personId: id('ilse'), kind: 'hearing', on: '2026-11-26' })).statusCode).toBe(200);
    expect(await since(mid)).toEqual([`finn/student/note: ${hearing}`, `noor/student/note: ${hearing}`]);
    const [e] = await database.db.select().from(fileEntries).where(and(eq(fileEntries.incidentId, caseId), eq(fileEntries.personId, id('bram')), eq(fileEntries.entryType, 'note')));
    expect(e!.body).toBe('Vastgelegd: gehoord (hoor en wederhoor) op 2026-11-26. Toelichting: Bram gaf zijn kant van het verhaal.');
  });

  it('files the closed Inspectie task with the person of its measure; a refused close files nothing', async () => {
    expect((await act('measures', { personId: id('noor'), kind: 'schorsing', days: 2, rationale: 'Dreigende berichten.' })).statusCode).toBeLessThan(300);
    const view = (await req('director', 'GET', `${base()}/incidents/${caseId}`)).json();
    const task = view.tasks.find((t: { kind: string; status: string }) => t.kind === 'inspectie_melding' && t.status === 'open');
    const before = await filed();
    expect((await act(`tasks/${task.id}/close`, { report: { note: 'Gemeld.' } })).statusCode).toBe(400);
    expect(await filed()).toEqual(before);
    expect((await act(`tasks/${task.id}/close`, { report: { date: '2026-11-26', reference: 'ISD-12' } })).statusCode).toBe(200);
    expect(await since(before)).toEqual(['noor/student/note: Melding bij de Inspectie van het Onderwijs (2026-11-26)']);
    const [e] = await database.db.select().from(fileEntries).where(and(eq(fileEntries.incidentId, caseId), eq(fileEntries.title, 'Melding bij de Inspectie van het Onderwijs (2026-11-26)')));
    expect(e!.body).toBe('Gemeld op 2026-11-26. Kenmerk: ISD-12.');
  });
});

describe(`files write routes by role (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let caseId: string;
  const caseLetters = () => `${base()}/incidents/${caseId}/letters`;
  const HANDLERS: Role[] = ['board', 'director', 'supervisor', 'hr'];
  const only = (roles: Role[], status: number) => Object.fromEntries(roles.map((r) => [r, status])) as Partial<Record<Role, number>>;

  beforeAll(async () => {
    const fenna = await buildPeople(database.db, schoolId, [{ externalId: 'fenna', kind: 'employee', givenName: 'Fenna', familyName: 'Bakker' }]);
    ids.set('fenna', fenna.get('fenna')!);
    const r = await req('director', 'POST', `${base()}/incidents`, { category: 'bullying', text: 'Juf Fenna deelde een foto van de klas zonder toestemming, met een spottend bijschrift.' });
    caseId = r.json().id;
    for (const [path, payload] of [
      ['transitions', { event: 'triage' }],
      ['people', { personId: id('fenna'), role: 'subject' }],
      ['transitions', { event: 'investigate' }],
      ['steps', { personId: id('fenna'), kind: 'hearing', on: '2026-11-26', note: 'Fenna erkent het bijschrift.' }],
      ['measures', { personId: id('fenna'), kind: 'waarschuwing', decidedOn: '2026-11-26', rationale: 'Een klassenfoto met een spottend bijschrift gedeeld.' }],
    ] as const) {
      const s = await req('director', 'POST', `${base()}/incidents/${caseId}/${path}`, payload);
      expect(s.statusCode, `${path}: ${s.body}`).toBeLessThan(300);
    }
    // The internal supervisor and the director open Lotte's file (for "opened by mistake").
    for (const who of ['director', 'internal_supervisor']) expect((await req(who, 'GET', `${base()}/files/student/${id('lotte')}`)).statusCode).toBe(200);
  });

  /** A fresh draft (written by the director), with its blanks filled in. */
  const fresh = async (template: 'warning' | 'hearing_invitation') => {
    const r = await req('director', 'POST', caseLetters(), { template, personId: id('fenna') });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json() as { id: string; body: string };
    const body = d.body.replace('[datum]', '3 december 2026').replace('[tijd]', '10.00 uur').replace('[namen]', 'de directeur');
    if (body !== d.body) expect((await req('director', 'PUT', `${caseLetters()}/${d.id}`, { body })).statusCode).toBe(200);
    return `${caseLetters()}/${d.id}`;
  };

  it('lets exactly the right roles at each POST/PUT/DELETE route and the preview', async () => {
    const routes: { name: string; method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: () => Promise<string>; payload?: object; want: Partial<Record<Role, number>> }[] = [
      // Only who opened the file can report it; the director and the internal supervisor did (beforeAll).
      { name: 'mistaken read', method: 'POST', url: async () => `${base()}/files/student/${id('lotte')}/mistaken-read`, payload: {}, want: { director: 201, internal_supervisor: 201, board: 409, hr: 409 } },
      { name: 'draft create', method: 'POST', url: async () => caseLetters(), payload: { template: 'hearing_invitation', personId: id('fenna') }, want: only(HANDLERS, 201) },
      { name: 'draft edit', method: 'PUT', url: () => fresh('hearing_invitation'), payload: { subject: 'Uitnodiging voor een gesprek' }, want: only(HANDLERS, 200) },
      { name: 'draft delete', method: 'DELETE', url: () => fresh('hearing_invitation'), want: only(HANDLERS, 204) },
      { name: 'preview', method: 'GET', url: async () => `${await fresh('hearing_invitation')}/preview`, want: only(HANDLERS, 200) },
      { name: 'send hearing invitation', method: 'POST', url: async () => `${await fresh('hearing_invitation')}/send`, payload: {}, want: only(HANDLERS, 200) },
      { name: 'send warning', method: 'POST', url: async () => `${await fresh('warning')}/send`, payload: {}, want: { ...only(['board', 'director'], 200), ...only(['supervisor', 'hr'], 403) } },
    ];
    const wrong: string[] = [];
    for (const route of routes) {
      for (const role of ROLES) {
        const r = await req(role, route.method, await route.url(), route.payload);
        const want = route.want[role] ?? 403;
        if (r.statusCode !== want) wrong.push(`${route.name} as ${role}: ${r.statusCode} (want ${want}) ${r.body.slice(0, 120)}`);
      }
      const url = await route.url();
      const anonymous = await app.inject({ method: route.method, url, ...(route.payload ? { payload: route.payload as Record<string, unknown> } : {}) });
      if (anonymous.statusCode !== 401) wrong.push(`${route.name} anonymous: ${anonymous.statusCode}`);
      const elsewhere = await req('otherHr', route.method, url, route.payload);
      if (elsewhere.statusCode !== 403) wrong.push(`${route.name} as HR of another school: ${elsewhere.statusCode}`);
    }
    expect(wrong).toEqual([]);
    // What was sent is in Fenna's file: 4 hearing invitations and 2 warnings, each with its PDF.
    const file = await entriesOf('fenna', 'personnel');
    expect(file.filter((e) => e.entryType === 'letter').map((e) => e.title.replace(/ \(\d{4}-\d{2}-\d{2}\)$/, '')).sort()).toEqual([...Array(4).fill('Brief: Uitnodiging voor een gesprek (hoor en wederhoor)'), ...Array(2).fill('Brief: Schriftelijke waarschuwing')].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// The retention purge

async function addPerson(db: AppDb, school: string, externalId: string, kind: 'employee' | 'student', leftAt: string | null) {
  const [p] = await db
    .insert(people)
    .values({ schoolId: school, externalId, kind, givenName: externalId, familyName: 'Test', active: leftAt === null, leftAt: leftAt ? new Date(leftAt) : null })
    .returning();
  return p!;
}

async function closedCase(db: AppDb, school: string, status: 'closed' | 'investigating') {
  const [row] = await db
    .insert(incidents)
    .values({ schoolId: school, status, category: 'bullying', articles: ['A.7'], summary: 'x', description: 'x', source: 'signed_in', anonymous: false, createdAt: new Date('2023-01-10T10:00:00Z'), updatedAt: new Date('2023-01-10T10:00:00Z') })
    .returning({ id: incidents.id });
  return row!.id;
}

/** Files one entry for a person (as the services do), with a document when asked. */
async function file(db: AppDb, school: string, person: { id: string; kind: string }, entryType: string, incident: string | null, withDocument = false) {
  const [e] = await fileInto(db, school, await fileTargets(db, school, person.id, person.kind), { incidentId: incident, entryType, title: `${entryType} test`, body: 'inhoud', createdBy: null, now: new Date('2023-02-01T10:00:00Z') });
  if (withDocument) await db.insert(fileDocuments).values({ fileEntryId: e!.id, schoolId: school, filename: 'brief.pdf', contentType: 'application/pdf', sizeBytes: 3, sha256: 'x', bytes: Buffer.from('pdf'), createdAt: new Date() });
  return e!.id;
}

describe(`the retention purge (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('removes exactly the entries past retention (not those of an open case), records them, and a dry run writes nothing', async () => {
    const db = database.db;
    const school = (await buildSchool(db, { brin: '99FP', name: 'De Purge' })).school.id;
    const closed = await closedCase(db, school, 'closed');
    const open = await closedCase(db, school, 'investigating');
    // Left 2023-06-30: kept until 2025-06-30, expired on 2026-11-26.
    const olaf = await addPerson(db, school, 'olaf', 'employee', '2023-06-30T10:00:00Z');
    // Left 2024-11-26 (Dutch time): kept until 2026-11-26, the last day: not yet expired.
    const ben = await addPerson(db, school, 'ben', 'employee', '2024-11-25T23:30:00Z');
    // Left 2024-11-25 (Dutch time): kept until 2026-11-25: expired yesterday.
    const cas = await addPerson(db, school, 'cas', 'employee', '2024-11-24T23:30:00Z');
    const petra = await addPerson(db, school, 'petra', 'employee', '2025-01-10T10:00:00Z');
    const quinn = await addPerson(db, school, 'quinn', 'student', null);
    const rosa = await addPerson(db, school, 'rosa', 'student', '2024-07-15T10:00:00Z');
    const expiredIds = [
      await file(db, school, olaf, 'decision', closed),
      await file(db, school, olaf, 'letter', closed, true),
      await file(db, school, cas, 'email', null),
      await file(db, school, rosa, 'letter', null, true),
    ];
    const keptIds = [
      await file(db, school, ben, 'decision', null),
      await file(db, school, petra, 'letter', null, true),
      await file(db, school, quinn, 'decision', closed),
      await file(db, school, rosa, 'decision', open),
    ];
    // No date is stored at filing, not even for someone who already left: the purge computes it
    // from the person as they are now (see the come-back test below).
    expect((await db.select().from(fileEntries).where(inArray(fileEntries.id, [...expiredIds, ...keptIds]))).map((e) => e.retainUntil)).toEqual(Array(8).fill(null));

    const mine = (r: { purged: { schoolId: string; entryId: string }[] }) => r.purged.filter((p) => p.schoolId === school).map((p) => p.entryId).sort();
    const snapshot = async () => ({
      entries: (await db.select({ n: sql<number>`count(*)::int` }).from(fileEntries))[0]!.n,
      documents: (await db.select({ n: sql<number>`count(*)::int` }).from(fileDocuments))[0]!.n,
      purges: (await db.select({ n: sql<number>`count(*)::int` }).from(filePurges))[0]!.n,
      audit: (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n,
    });
    const before = await snapshot();
    const dry = await purgeExpired(db, { now: new Date(clock), dryRun: true });
    expect(mine(dry)).toEqual([...expiredIds].sort());
    expect(dry.heldForOpenCase).toBe(1);
    expect(await snapshot()).toEqual(before);

    const run = await purgeExpired(db, { now: new Date(clock), actor: 'cli' });
    expect(mine(run)).toEqual([...expiredIds].sort());
    const left = (await db.select({ id: fileEntries.id }).from(fileEntries).where(eq(fileEntries.schoolId, school))).map((e) => e.id).sort();
    expect(left).toEqual([...keptIds].sort());
    expect(await db.select().from(fileDocuments).where(inArray(fileDocuments.fileEntryId, expiredIds))).toEqual([]);
    expect(await db.select().from(fileDocuments).where(eq(fileDocuments.fileEntryId, keptIds[1]!))).toHaveLength(1);

    const record = await db.select().from(filePurges).where(eq(filePurges.schoolId, school));
    expect(record.map((r) => ({ entry: r.entryId, kind: r.fileKind, type: r.entryType, rule: r.retentionRule, until: r.retainUntil, doc: r.hadDocument, run: r.runId, at: r.purgedAt.toISOString() })).sort((a, b) => a.entry.localeCompare(b.entry))).toEqual(
      [
        { entry: expiredIds[0], kind: 'personnel', type: 'decision', rule: 'personnel.after_leaving.2y', until: '2025-06-30', doc: false },
        { entry: expiredIds[1], kind: 'personnel', type: 'letter', rule: 'personnel.after_leaving.2y', until: '2025-06-30', doc: true },
        { entry: expiredIds[2], kind: 'personnel', type: 'email', rule: 'personnel.after_leaving.2y', until: '2026-11-25', doc: false },
        { entry: expiredIds[3], kind: 'student', type: 'letter', rule: 'student.after_leaving.2y', until: '2026-07-15', doc: true },
      ]
        .map((r) => ({ ...r, run: run.runId, at: new Date(clock).toISOString() }))
        .sort((a, b) => a.entry!.localeCompare(b.entry!)),
    );
    expect(JSON.stringify(record)).not.toMatch(/olaf|rosa|inhoud|test/);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'file.purge'), eq(auditEvents.schoolId, school)));
    expect(audit).toMatchObject({ actor: 'cli', subjectType: 'file_purge', subjectId: run.runId });

    // Nothing more to do; the record cannot be rewritten.
    expect(mine(await purgeExpired(db, { now: new Date(clock) }))).toEqual([]);
    await expect(database.query(`update file_purges set entry_type = 'x'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(database.query(`delete from file_purges`)).rejects.toThrow(/append-only: DELETE/);
    await expect(database.query(`truncate file_purges`)).rejects.toThrow(/append-only: TRUNCATE/);

    // Once the case is closed, the held entry goes on the next run.
    await db.update(incidents).set({ status: 'closed' }).where(eq(incidents.id, open));
    expect(mine(await purgeExpired(db, { now: new Date(clock) }))).toEqual([keptIds[3]]);
  });
});

describe(`someone who leaves, comes back and leaves again (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps their entries until two years after the LAST leaving day, in the purge and in the file view', async () => {
    const db = database.db;
    const school = (await buildSchool(db, { brin: '99FR', name: 'De Terugkeer' })).school.id;
    // The roster import is what marks people as left (left_at = the import's moment) and back.
    const roster = (who: string[]) => [{ name: 'roster.csv', bytes: Buffer.from(['id,kind,given_name,family_name', ...who.map((w) => `${w},employee,${w},Test`)].join('\n')) }];
    const importAt = async (who: string[], at: string) => importRoster({ db, schoolId: school, source: roster(who), now: new Date(at) });
    await importAt(['blijver', 'wim'], '2021-08-20T08:00:00Z');
    await importAt(['blijver'], '2022-01-10T08:00:00Z');
    const [wim] = await db.select().from(people).where(and(eq(people.schoolId, school), eq(people.externalId, 'wim')));
    expect(wim).toMatchObject({ active: false, leftAt: new Date('2022-01-10T08:00:00Z') });
    // Filed while Wim had left (in 2023): two years from 10 January 2022 would end 10 January 2024.
    const entry = await file(db, school, { id: wim!.id, kind: 'employee' }, 'letter', null, true);
    await importAt(['blijver', 'wim'], '2024-09-01T08:00:00Z');
    await importAt(['blijver'], '2025-06-01T08:00:00Z');

    const view = await readFile(db, school, 'personnel', wim!.id, { accountId: accountIds.hr!, now: new Date(clock) });
    expect(view.entries.map((e) => [e.id, e.retainUntil])).toEqual([[entry, '2027-06-01']]);
    const mine = (r: { purged: { schoolId: string; entryId: string; retainUntil: string }[] }) => r.purged.filter((p) => p.schoolId === school).map((p) => [p.entryId, p.retainUntil]);
    expect(mine(await purgeExpired(db, { now: new Date(clock) }))).toEqual([]);
    // 1 June 2027 is the last day it is kept; on 2 June it goes.
    expect(mine(await purgeExpired(db, { now: new Date('2027-06-01T21:59:00Z') }))).toEqual([]);
    expect(await db.select({ id: fileEntries.id }).from(fileEntries).where(eq(fileEntries.id, entry))).toHaveLength(1);
    expect(mine(await purgeExpired(db, { now: new Date('2027-06-01T22:00:00Z') }))).toEqual([[entry, '2027-06-01']]);
    expect((await db.select().from(filePurges).where(eq(filePurges.entryId, entry))).map((r) => r.retainUntil)).toEqual(['2027-06-01']);
  });

  it('records an entry once: file_purges.entry_id is unique', async () => {
    const [row] = await database.db.select().from(filePurges).limit(1);
    const err = await database.db
      .insert(filePurges)
      .values({ ...row!, id: undefined, runId: randomUUID() })
      .then(() => null, (e: Error & { cause?: Error }) => e);
    expect(String(err?.cause?.message ?? err?.message)).toMatch(/duplicate key value violates unique constraint "file_purges_entry_idx"/);
  });
});

describe(`the list of who has a file (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('gives at most 200 names, by family name, and says when it cut the list off', async () => {
    const db = database.db;
    const school = (await buildSchool(db, { brin: '99FL', name: 'De Grote School' })).school.id;
    const made = await db
      .insert(people)
      .values(Array.from({ length: 201 }, (_, i) => ({ schoolId: school, externalId: `l${i}`, kind: 'student' as const, givenName: 'Kind', familyName: `Naam ${String(i).padStart(3, '0')}` })))
      .returning({ id: people.id });
    await db.insert(fileEntries).values(made.map((p) => ({ schoolId: school, personId: p.id, fileKind: 'student' as const, entryType: 'note', title: 'n', createdAt: new Date(clock) })));
    const by = { accountId: accountIds.director!, now: new Date(clock) };
    const all = await listFiles(db, school, ['student'], undefined, by);
    expect(all.cutOff).toBe(true);
    expect(all.files).toHaveLength(200);
    expect(all.files.at(-1)!.name).toBe('Kind Naam 199');
    await db.delete(fileEntries).where(eq(fileEntries.personId, made[0]!.id));
    const fits = await listFiles(db, school, ['student'], undefined, by);
    expect(fits).toMatchObject({ cutOff: false });
    expect(fits.files).toHaveLength(200);
  });
});

describe(`the purge on a timer (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs in the server process, logs counts only, and stops', async () => {
    const db = database.db;
    const school = (await buildSchool(db, { brin: '99FT', name: 'De Klok' })).school.id;
    const gone = await addPerson(db, school, 'timer', 'employee', '2021-05-01T10:00:00Z');
    const entry = await file(db, school, gone, 'note', null);
    const logs: { obj: object; msg: string }[] = [];
    const log = { info: (obj: object, msg: string) => logs.push({ obj, msg }), warn: (obj: object, msg: string) => logs.push({ obj, msg }) };
    const timer = schedulePurge(db, { intervalMs: 3_600_000, firstAfterMs: 0, now: () => clock, log });
    await expect.poll(() => logs.map((l) => l.msg)).toEqual(['files: retention purge done']);
    await timer.stop();
    expect(await db.select().from(fileEntries).where(eq(fileEntries.id, entry))).toEqual([]);
    expect(Object.keys(logs[0]!.obj).sort()).toEqual(['heldForOpenCase', 'purged', 'runId']);
    expect((await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'file.purge'), eq(auditEvents.schoolId, school)))).map((e) => e.actor)).toEqual(['system']);
  });
});

describe('postwijzer files purge', () => {
  const cli = (args: string[], env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'files', ...args], { encoding: 'utf8', env, timeout: 120_000 });

  it('says what is wrong with bad input (exit 2)', () => {
    const env = { ...process.env };
    for (const [args, message] of [
      [[], /use "postwijzer files purge \[--dry-run\] \[--json\]"/],
      [['shred'], /use "postwijzer files purge/],
      [['purge', '--now'], /Unknown option '--now'.*use "postwijzer files purge/],
      [['purge', 'all'], /Unexpected argument 'all'/],
    ] as const) {
      const r = cli([...args], env);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('purges an embedded database: the dry run lists and keeps, the purge removes and records', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-files-'));
    try {
      const db = await openDatabase({ dataDir: dir, url: '' });
      await migrate(db);
      const school = (await buildSchool(db.db, { brin: '99FC' })).school.id;
      const gone = await addPerson(db.db, school, 'gone', 'employee', '2020-01-31T10:00:00Z');
      const entry = await file(db.db, school, gone, 'letter', null, true);
      await db.close();
      const env: NodeJS.ProcessEnv = { ...process.env, POSTWIJZER_DATA_DIR: dir };
      delete env.DATABASE_URL;

      const dry = cli(['purge', '--dry-run'], env);
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/^Dry run \(nothing removed\): 1 entry past retention/);
      expect(dry.stdout).toContain(`${entry}  school ${school}  personnel/letter  created 2023-02-01  kept until 2022-01-31 (personnel.after_leaving.2y)  with document`);
      const real = cli(['purge', '--json'], env);
      expect(real.status, real.stderr).toBe(0);
      expect(JSON.parse(real.stdout).purged.map((p: { entryId: string }) => p.entryId)).toEqual([entry]);

      const after = await openDatabase({ dataDir: dir, url: '' });
      try {
        expect(await after.db.select().from(fileEntries)).toEqual([]);
        expect((await after.db.select().from(filePurges)).map((p) => p.entryId)).toEqual([entry]);
        expect((await after.db.select().from(auditEvents).where(eq(auditEvents.action, 'file.purge'))).map((e) => e.actor)).toEqual(['cli']);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
