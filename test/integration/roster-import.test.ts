// Roster import (issue 3): the simple CSV and OneRoster, idempotent re-imports, all-or-nothing
// validation, encodings, hostile names, the API upload and the CLI as a process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import { accountRoles, accounts, apiTokens, boards, employments, groupStaff, groups, guardianships, people, rosterImports, schools } from '../../src/db/schema/index.ts';
import { importRoster } from '../../src/modules/roster/service.ts';
import { MAX_ROSTER_BYTES, RosterImportError } from '../../src/modules/roster/types.ts';
import type { RosterFile } from '../../src/modules/roster/types.ts';
import { buildApp } from '../../src/server/app.ts';
import { grantRole } from '../../src/modules/accounts/service.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';

const FIXTURES = 'test/fixtures/roster';
const fixture = (name: string): RosterFile => ({ name, bytes: readFileSync(join(FIXTURES, name)) });
const oneRosterFiles = (): RosterFile[] => readdirSync(join(FIXTURES, 'oneroster')).map((n) => ({ name: n, bytes: readFileSync(join(FIXTURES, 'oneroster', n)) }));
const HEADER = 'id,kind,given_name,prefix,family_name,nicknames,birth_date,group,guardian_of,function,supervisor_id,email';

let database: Database;
let boardId: string;
/** A director: gets that role at every school newSchool makes, and imports through the API. */
let directorId: string;
let director: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  const [board] = await database.db.insert(boards).values({ name: 'Stichting Voorbeeld' }).returning();
  boardId = board!.id;
  directorId = (await makeAccount(database.db, [])).id;
  director = await tokenHeaders(database.db, directorId);
}, 60_000);
afterAll(async () => database?.close());

let brinCounter = 10;
async function newSchool(brin?: string): Promise<string> {
  const [s] = await database.db
    .insert(schools)
    .values({ boardId, brin: brin ?? `${brinCounter++}ZZ`, name: 'OBS De Regenboog' })
    .returning();
  await database.db.transaction((tx) => grantRole(tx, directorId, { schoolId: s!.id, role: 'director' }, 'test'));
  return s!.id;
}

async function roster(schoolId: string) {
  const rows = await database.db.select().from(people).where(eq(people.schoolId, schoolId));
  return new Map(rows.map((p) => [p.externalId, p]));
}

async function childrenOf(personId: string): Promise<string[]> {
  const rows = await database.db
    .select({ ext: people.externalId })
    .from(guardianships)
    .innerJoin(people, eq(people.id, guardianships.studentId))
    .where(eq(guardianships.guardianId, personId));
  return rows.map((r) => r.ext).sort();
}

async function groupsTaught(personId: string): Promise<string[]> {
  const rows = await database.db.select({ code: groups.code }).from(groupStaff).innerJoin(groups, eq(groups.id, groupStaff.groupId)).where(eq(groupStaff.personId, personId));
  return rows.map((r) => r.code).sort();
}

async function groupCode(groupId: string | null): Promise<string | null> {
  if (!groupId) return null;
  const [g] = await database.db.select({ code: groups.code }).from(groups).where(eq(groups.id, groupId));
  return g?.code ?? null;
}

async function counts(schoolId: string) {
  const [r] = await database.query<{ people: number; guardianships: number; staff: number; employments: number; imports: number; version: number }>(
    `select (select count(*)::int from people where school_id = $1) as people,
            (select count(*)::int from guardianships g join people p on p.id = g.guardian_id where p.school_id = $1) as guardianships,
            (select count(*)::int from group_staff gs join groups g on g.id = gs.group_id where g.school_id = $1) as staff,
            (select count(*)::int from employments where school_id = $1) as employments,
            (select count(*)::int from roster_imports where school_id = $1) as imports,
            (select data_version::int from schools where id = $1) as version`,
    [schoolId],
  );
  return r!;
}

async function expectProblems(promise: Promise<unknown>): Promise<RosterImportError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RosterImportError);
  return err as RosterImportError;
}

describe(`roster import on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('imports the simple CSV: people, groups, guardianships, group staff, employments, an import record', async () => {
    const schoolId = await newSchool();
    const result = await importRoster({ db: database.db, schoolId, source: [fixture('simple.csv')], now: new Date('2026-09-01T08:00:00Z') });
    expect(result).toMatchObject({ format: 'simple', people: 7, created: 7, updated: 0, unchanged: 0, deactivated: 0, groupsCreated: 2, dryRun: false });
    const r = await roster(schoolId);
    const s1 = r.get('s1')!;
    expect(s1).toMatchObject({ kind: 'student', givenName: 'Yusuf', familyName: 'Demir', nicknames: ['Joes'], active: true });
    expect(String(s1.birthDate).slice(0, 10)).toBe('2016-03-12');
    expect(await groupCode(s1.groupId)).toBe('5b');
    expect(await groupCode(r.get('s2')!.groupId)).toBe('6a'); // "Groep 6a" → 6a
    expect(r.get('s2')!.prefix).toBe('van der');
    expect(r.get('s3')!.nicknames).toEqual(['Lot', 'Lotje']);
    expect(r.get('g1')!.givenName).toBe('Ayşe');
    expect(await childrenOf(r.get('g2')!.id)).toEqual(['s2', 's3']);
    expect(await groupsTaught(r.get('e2')!.id)).toEqual(['5b', '6a']);
    const [emp] = await database.db.select().from(employments).where(eq(employments.personId, r.get('e2')!.id));
    expect(emp).toMatchObject({ function: 'leerkracht', supervisorId: r.get('e1')!.id });
    const [rec] = await database.db.select().from(rosterImports).where(eq(rosterImports.schoolId, schoolId));
    expect(rec).toMatchObject({ id: result.importId, format: 'simple', fileName: 'simple.csv', created: 7, updated: 0, deactivated: 0 });
    expect((await counts(schoolId)).version).toBe(1);
  });

  it('re-imports idempotently, updates what changed and deactivates who left (never deletes)', async () => {
    const schoolId = await newSchool();
    await importRoster({ db: database.db, schoolId, source: [fixture('simple.csv')] });
    const before = await counts(schoolId);
    const idsBefore = new Map([...(await roster(schoolId))].map(([k, v]) => [k, v.id]));

    const same = await importRoster({ db: database.db, schoolId, source: [fixture('simple.csv')] });
    expect(same).toMatchObject({ created: 0, updated: 0, unchanged: 7, deactivated: 0, groupsCreated: 0 });
    const after = await counts(schoolId);
    expect({ ...after, imports: 0, version: 0 }).toEqual({ ...before, imports: 0, version: 0 });

    const leftAt = new Date('2026-10-01T12:00:00Z');
    const update = await importRoster({ db: database.db, schoolId, source: [fixture('simple-update.csv')], now: leftAt });
    // e2 (groups, function, supervisor), s2 (group), g2 (children) changed; s4 is new; s3 left;
    // s1's birth date is the same date written as YYYY-MM-DD instead of DD-MM-YYYY: unchanged.
    expect(update).toMatchObject({ created: 1, updated: 3, unchanged: 3, deactivated: 1, groupsCreated: 1 });
    const r = await roster(schoolId);
    expect(r.size).toBe(8);
    for (const [ext, id] of idsBefore) expect(r.get(ext)!.id).toBe(id);
    expect(r.get('s3')).toMatchObject({ active: false });
    expect(r.get('s3')!.leftAt?.toISOString()).toBe(leftAt.toISOString());
    expect(String(r.get('s1')!.birthDate).slice(0, 10)).toBe('2016-03-12');
    expect(await groupCode(r.get('s2')!.groupId)).toBe('7a');
    expect(await childrenOf(r.get('g2')!.id)).toEqual(['s2']);
    expect(await groupsTaught(r.get('e2')!.id)).toEqual(['6a']);
    const [emp] = await database.db.select().from(employments).where(eq(employments.personId, r.get('e2')!.id));
    expect(emp).toMatchObject({ function: 'intern begeleider', supervisorId: null });
    const imports = await database.db.select().from(rosterImports).where(eq(rosterImports.schoolId, schoolId));
    expect(imports.map((i) => [i.created, i.updated, i.deactivated]).sort()).toEqual([
      [0, 0, 0],
      [1, 3, 1],
      [7, 0, 0],
    ]);

    // s3 comes back: active again, same row.
    const back = await importRoster({ db: database.db, schoolId, source: [fixture('simple.csv')] });
    expect(back.deactivated).toBe(1); // s4 leaves
    const again = await roster(schoolId);
    expect(again.get('s3')).toMatchObject({ active: true, leftAt: null, id: idsBefore.get('s3') });
  });

  it('writes nothing when one row is bad, and reports every problem with its line', async () => {
    const schoolId = await newSchool();
    await importRoster({ db: database.db, schoolId, source: [fixture('simple.csv')] });
    const before = await counts(schoolId);
    const err = await expectProblems(importRoster({ db: database.db, schoolId, source: [fixture('bad-rows.csv')] }));
    expect(err.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    const reasons = err.problems.map((p) => p.reason);
    expect(reasons[0]).toMatch(/unknown kind "pupil"/);
    expect(reasons[1]).toMatch(/given_name is empty/);
    expect(reasons[2]).toMatch(/birth_date "31-02-2016" is not a date/);
    expect(reasons[3]).toMatch(/id "s1" appears more than once .*line 2/);
    expect(reasons[4]).toMatch(/guardian_of "s9" is not a student in the file/);
    expect(reasons[5]).toMatch(/supervisor_id "e9" is not an employee in the file/);
    expect(reasons[6]).toMatch(/has 3 columns, the header has 12/);
    expect(err.message).toMatch(/^The roster was not imported \(nothing was changed\) because of 7 problems: bad-rows\.csv line 3: unknown kind/);
    expect(await counts(schoolId)).toEqual(before);
  });

  it('refuses malformed files with one clear sentence: unclosed quote, unknown columns, empty, too large', async () => {
    const schoolId = await newSchool();
    const unclosed = await expectProblems(importRoster({ db: database.db, schoolId, source: [fixture('unclosed-quote.csv')] }));
    expect(unclosed.problems).toEqual([{ file: 'unclosed-quote.csv', line: 2, reason: expect.stringMatching(/quoted field .* never closed/) }]);
    const columns = await expectProblems(importRoster({ db: database.db, schoolId, source: [fixture('unknown-columns.csv')] }));
    expect(columns.message).toMatch(/missing column kind; unknown columns "soort", "groep"/);
    const empty = await expectProblems(importRoster({ db: database.db, schoolId, source: [{ name: 'leeg.csv', bytes: Buffer.from('\r\n  \n') }] }));
    expect(empty.message).toMatch(/leeg\.csv: the file is empty/);
    const headerOnly = await expectProblems(importRoster({ db: database.db, schoolId, source: [{ name: 'kop.csv', bytes: Buffer.from(`${HEADER}\n`) }] }));
    expect(headerOnly.message).toMatch(/header but no people/);
    const huge = await expectProblems(importRoster({ db: database.db, schoolId, source: [{ name: 'groot.csv', bytes: Buffer.alloc(MAX_ROSTER_BYTES + 1, 0x41) }] }));
    expect(huge.message).toMatch(/too large \(20\.0 MB\); at most 20 MB/);
    expect((await counts(schoolId)).people).toBe(0);
  });

  it('reads Windows-1252 (with ; and DD-MM-YYYY, as Dutch Excel writes), a UTF-8 BOM and UTF-16', async () => {
    const schoolId = await newSchool();
    const bytes = readFileSync(join(FIXTURES, 'simple-cp1252.csv'));
    expect(bytes.includes(Buffer.from([0x5a, 0x6f, 0xeb]))).toBe(true); // "Zoë" in Windows-1252
    await importRoster({ db: database.db, schoolId, source: [fixture('simple-cp1252.csv')] });
    let r = await roster(schoolId);
    expect([r.get('s1')!.givenName, r.get('s1')!.familyName]).toEqual(['Zoë', 'Çelik']);
    expect(String(r.get('s1')!.birthDate).slice(0, 10)).toBe('2015-09-03');
    expect(r.get('s2')).toMatchObject({ givenName: 'Daniëlle', prefix: 'van ’t' });
    expect(r.get('g1')).toMatchObject({ kind: 'guardian', givenName: 'François' });

    const bomSchool = await newSchool();
    await importRoster({ db: database.db, schoolId: bomSchool, source: [fixture('simple-utf8-bom.csv')] });
    r = await roster(bomSchool);
    expect([...r.keys()]).toEqual(['s1']); // the BOM is not part of the "id" column
    expect(r.get('s1')).toMatchObject({ givenName: 'Zoë', familyName: 'Çelik' });

    const utf16School = await newSchool();
    const text = `${HEADER}\ns1,student,Zoë,,Çelik,,,5b,,,,\n`;
    await importRoster({ db: database.db, schoolId: utf16School, source: [{ name: 'u16.csv', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]) }] });
    expect((await roster(utf16School)).get('s1')).toMatchObject({ givenName: 'Zoë', familyName: 'Çelik' });
  });

  it('imports a OneRoster directory: classes as groups, teachers as group staff, guardians through agents, birth dates', async () => {
    const schoolId = await newSchool('12AB');
    const result = await importRoster({ db: database.db, schoolId, source: oneRosterFiles() });
    expect(result).toMatchObject({ format: 'oneroster', people: 7, created: 7, groupsCreated: 2 });
    const r = await roster(schoolId);
    expect([...r.keys()].sort()).toEqual(['u-a1', 'u-p1', 'u-p2', 'u-p3', 'u-s1', 'u-s2', 'u-t1']); // not tobedeleted, not the other school's
    expect(r.get('u-s1')).toMatchObject({ kind: 'student', givenName: 'Yusuf' });
    expect(String(r.get('u-s1')!.birthDate).slice(0, 10)).toBe('2016-03-12');
    expect(String(r.get('u-s2')!.birthDate).slice(0, 10)).toBe('2015-09-01');
    expect(r.get('u-s2')!.prefix).toBe('van der');
    expect(await groupCode(r.get('u-s1')!.groupId)).toBe('5b');
    expect(await groupCode(r.get('u-s2')!.groupId)).toBe('6a'); // classCode "Groep 6a"
    expect(r.get('u-a1')!.kind).toBe('employee');
    expect(await groupsTaught(r.get('u-t1')!.id)).toEqual(['5b', '6a']);
    expect(r.get('u-p1')!.kind).toBe('guardian');
    expect(await childrenOf(r.get('u-p1')!.id)).toEqual(['u-s1']);
    expect(await childrenOf(r.get('u-p2')!.id)).toEqual(['u-s1']); // linked from the student's agents only
    expect(await childrenOf(r.get('u-p3')!.id)).toEqual(['u-s2']); // a relative
    const [g5b] = await database.db.select().from(groups).where(and(eq(groups.schoolId, schoolId), eq(groups.code, '5b')));
    expect(g5b).toMatchObject({ name: 'Groep 5b', externalId: 'c-5b' });
    const again = await importRoster({ db: database.db, schoolId, source: oneRosterFiles() });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 7, deactivated: 0 });
  });

  it('reports OneRoster problems with file and line', async () => {
    const schoolId = await newSchool('56EF');
    const files = oneRosterFiles().map((f) =>
      f.name === 'enrollments.csv'
        ? { ...f, bytes: Buffer.concat([f.bytes, Buffer.from('en-9,active,,c-nope,org-1,u-s1,student,false,,\n')]) }
        : f.name === 'demographics.csv'
          ? { ...f, bytes: Buffer.concat([f.bytes, Buffer.from('u-s2,active,,2015-13-01,female\n')]) }
          : f,
    );
    const err = await expectProblems(importRoster({ db: database.db, schoolId, source: files }));
    expect(err.problems).toEqual([
      { file: 'demographics.csv', line: 5, reason: 'birthDate "2015-13-01" is not a date (use YYYY-MM-DD)' },
      { file: 'enrollments.csv', line: 7, reason: 'classSourcedId "c-nope" is not a class in classes.csv' },
    ]);
    expect((await counts(schoolId)).people).toBe(0);
  });

  it('stores names full of quotes, HTML and SQL exactly as written', async () => {
    const schoolId = await newSchool();
    await importRoster({ db: database.db, schoolId, source: [fixture('tricky-names.csv')] });
    const r = await roster(schoolId);
    expect([r.get('t1')!.givenName, r.get('t1')!.familyName]).toEqual(['Jan "de Jongen"', "O'Brien"]);
    expect([r.get('t2')!.givenName, r.get('t2')!.familyName]).toEqual(['<script>alert(1)</script>', '<b>Vet</b> & Co']);
    expect([r.get('t3')!.givenName, r.get('t3')!.familyName]).toEqual(["Robert'); DROP TABLE people;--", 'x" OR "1"="1']);
    expect([r.get('t4')!.givenName, r.get('t4')!.familyName]).toEqual(['Komma, Anna', '${Naam}']);
    expect([r.get('t5')!.givenName, r.get('t5')!.familyName]).toEqual(['{a,b} \\ "x"', 'NULL']); // array literal syntax, backslash, the word NULL
    expect((await database.query<{ n: number }>('select count(*)::int as n from people'))[0]!.n).toBeGreaterThan(3);
  });

  it('counts without writing on a dry run', async () => {
    const schoolId = await newSchool();
    const result = await importRoster({ db: database.db, schoolId, source: [fixture('simple.csv')], dryRun: true });
    expect(result).toMatchObject({ dryRun: true, created: 7, importId: null });
    expect(await counts(schoolId)).toMatchObject({ people: 0, imports: 0, version: 0 });
  });
});

describe('POST /api/v1/schools/:schoolId/roster', () => {
  function multipart(files: { name: string; bytes: Buffer | Uint8Array }[], auth: Record<string, string> = {}) {
    const boundary = '----postwijzer-test-boundary';
    const parts: Buffer[] = [];
    for (const f of files) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n`));
      parts.push(Buffer.from(f.bytes));
      parts.push(Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(parts), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }

  it('imports an uploaded file, several OneRoster files, or a text/csv body; bad rows answer 400 with every problem', async () => {
    const app = await buildApp({ database });
    try {
      const schoolId = await newSchool('78GH');
      const url = `/api/v1/schools/${schoolId}/roster`;
      const one = await app.inject({ method: 'POST', url, ...multipart([fixture('simple.csv')], director) });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ format: 'simple', created: 7 });

      const bad = await app.inject({ method: 'POST', url, ...multipart([fixture('bad-rows.csv')], director) });
      expect(bad.statusCode).toBe(400);
      const body = bad.json();
      expect(body.error).toBe('invalid_roster');
      expect(body.problems.map((p: { line: number }) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
      expect(body.problems[0]).toEqual({ file: 'bad-rows.csv', line: 3, reason: expect.stringMatching(/unknown kind/) });
      expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts/); // no stack trace

      const csv = await app.inject({ method: 'POST', url, headers: { ...director, 'content-type': 'text/csv' }, payload: readFileSync(join(FIXTURES, 'simple-update.csv')) });
      expect(csv.statusCode).toBe(200);
      expect(csv.json()).toMatchObject({ created: 1, deactivated: 1 });

      const orSchool = await newSchool('12AC');
      const or = await app.inject({ method: 'POST', url: `/api/v1/schools/${orSchool}/roster`, ...multipart(oneRosterFiles(), director) });
      expect(or.statusCode).toBe(200);
      expect(or.json()).toMatchObject({ format: 'oneroster', people: 8 }); // BRIN 12AC is not in orgs.csv: every org's users

      const dry = await app.inject({ method: 'POST', url: `${url}?dry_run=true`, headers: { ...director, 'content-type': 'text/csv' }, payload: readFileSync(join(FIXTURES, 'simple.csv')) });
      expect(dry.json()).toMatchObject({ dryRun: true, importId: null, created: 0, updated: 4, deactivated: 1 }); // e2, s2, g2 change back, s3 returns; s4 leaves
    } finally {
      await app.close();
    }
  });

  it('closes the accounts of people who left: roles there end, sessions and tokens stop working', async () => {
    const app = await buildApp({ database });
    try {
      const schoolId = await newSchool();
      const url = `/api/v1/schools/${schoolId}/roster`;
      expect((await app.inject({ method: 'POST', url, ...multipart([fixture('simple.csv')], director) })).statusCode).toBe(200);
      const person = async (externalId: string) =>
        (await database.db.select().from(people).where(and(eq(people.schoolId, schoolId), eq(people.externalId, externalId))))[0]!.id;
      const leaver = await makeAccount(database.db, [{ schoolId, role: 'student', personId: await person('s3') }]);
      const leaverToken = await tokenHeaders(database.db, leaver.id);
      // A guardian at two schools keeps the account when only one school's role ends.
      const otherSchool = await newSchool();
      const stayer = await makeAccount(database.db, [{ schoolId, role: 'student', personId: await person('s3') }, { schoolId: otherSchool, role: 'guardian' }]);
      const staying = await makeAccount(database.db, [{ schoolId, role: 'employee', personId: await person('e1') }]);
      expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/people/${await person('s3')}`, headers: leaverToken })).statusCode).toBe(200);

      const r = await app.inject({ method: 'POST', url, headers: { ...director, 'content-type': 'text/csv' }, payload: readFileSync(join(FIXTURES, 'simple-update.csv')) });
      expect(r.json()).toMatchObject({ deactivated: 1, accountsClosed: 1 });
      const state = async (id: string) => (await database.db.select({ closedAt: accounts.closedAt }).from(accounts).where(eq(accounts.id, id)))[0]!.closedAt;
      expect(await state(leaver.id)).not.toBeNull();
      expect(await state(stayer.id)).toBeNull();
      expect(await state(staying.id)).toBeNull();
      expect(await database.db.select().from(accountRoles).where(eq(accountRoles.accountId, stayer.id))).toEqual([expect.objectContaining({ schoolId: otherSchool, role: 'guardian' })]);
      expect((await database.db.select().from(apiTokens).where(eq(apiTokens.accountId, leaver.id)))[0]!.revokedAt).not.toBeNull();
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: leaverToken })).statusCode).toBe(401);
      const trail = await database.query<{ action: string; subject_id: string }>(`select action, subject_id from audit_events where school_id = $1 and action = 'account.close'`, [schoolId]);
      expect(trail).toEqual([{ action: 'account.close', subject_id: leaver.id }]);
    } finally {
      await app.close();
    }
  });

  it('answers 413 for a file over 20 MB, 403 for a school without a role there, 415 for JSON, 400 for an empty upload', async () => {
    const app = await buildApp({ database });
    try {
      const schoolId = await newSchool();
      const url = `/api/v1/schools/${schoolId}/roster`;
      const big = Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.alloc(MAX_ROSTER_BYTES, 0x41)]);
      const tooLarge = await app.inject({ method: 'POST', url, ...multipart([{ name: 'groot.csv', bytes: big }], director) });
      expect(tooLarge.statusCode).toBe(413);
      expect(tooLarge.json()).toMatchObject({ error: 'payload_too_large', message: expect.stringMatching(/at most 20 MB/) });
      const tooLargeCsv = await app.inject({ method: 'POST', url, headers: { ...director, 'content-type': 'text/csv' }, payload: big });
      expect(tooLargeCsv.statusCode).toBe(413);

      // A school where the account holds no role: 403, whether or not it exists.
      const unknown = await app.inject({ method: 'POST', url: '/api/v1/schools/00000000-0000-0000-0000-000000000000/roster', headers: { ...director, 'content-type': 'text/csv' }, payload: readFileSync(join(FIXTURES, 'simple.csv')) });
      expect(unknown.statusCode).toBe(403);
      const notUuid = await app.inject({ method: 'POST', url: '/api/v1/schools/nope/roster', headers: { ...director, 'content-type': 'text/csv' }, payload: 'x' });
      expect(notUuid.statusCode).toBe(403);
      const asJson = await app.inject({ method: 'POST', url, headers: director, payload: { roster: [] } });
      expect(asJson.statusCode).toBe(415);
      const none = await app.inject({ method: 'POST', url, ...multipart([], director) });
      expect(none.statusCode).toBe(400);
      expect(none.json()).toMatchObject({ error: 'invalid_roster', message: expect.stringMatching(/no file was uploaded/) });
      const malformed = await app.inject({ method: 'POST', url, headers: { ...director, 'content-type': 'text/csv' }, payload: readFileSync(join(FIXTURES, 'unclosed-quote.csv')) });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().problems).toEqual([{ file: 'roster.csv', line: 2, reason: expect.stringMatching(/never closed/) }]);
      expect((await counts(schoolId)).people).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('postwijzer import roster (the CLI as a process, on a PGlite data folder)', { timeout: 120_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
    dataDir = mkdtempSync(join(tmpdir(), 'pw-roster-'));
    const db = await openDatabase({ dataDir, url: '' });
    await migrate(db);
    const [board] = await db.db.insert(boards).values({ name: 'Stichting' }).returning();
    await db.db.insert(schools).values({ boardId: board!.id, brin: '12AB', name: 'OBS De Regenboog' });
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function run(args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, POSTWIJZER_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, ['bin/postwijzer.mjs', 'import', 'roster', ...args], { encoding: 'utf8', env, timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('imports a file and a OneRoster folder, re-imports, and reports bad input in one sentence with exit 2', async () => {
    const first = run([join(FIXTURES, 'simple.csv')]); // the only school
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Roster imported into 12AB \(OBS De Regenboog\): 7 created, 0 updated, 7 unchanged|^Roster imported into 12AB \(OBS De Regenboog\): 7 created, 0 updated, 0 unchanged, 0 deactivated/);

    const dry = run([join(FIXTURES, 'simple-update.csv'), '--school', '12ab', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Dry run .* nothing was written: .*1 created, 3 updated, 3 unchanged, 1 deactivated/);

    const bad = run([join(FIXTURES, 'bad-rows.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/^postwijzer: The roster was not imported \(nothing was changed\) because of 7 problems: bad-rows\.csv line 3: unknown kind "pupil"/);
    expect(bad.err).not.toMatch(/\n\s+at /);

    const dir = run([join(FIXTURES, 'oneroster'), '--school', '12AB']);
    expect(dir.code).toBe(0);
    expect(dir.out).toMatch(/7 created, 0 updated, 0 unchanged, 7 deactivated; 0 groups created \(7 people, OneRoster\)/);

    expect(run([join(FIXTURES, 'nope.csv')])).toMatchObject({ code: 2, err: expect.stringMatching(/no such file or folder/) });
    expect(run([join(FIXTURES, 'simple.csv'), '--school', '99XX'])).toMatchObject({ code: 2, err: expect.stringMatching(/no school with BRIN "99XX".*12AB/) });
    expect(run([join(FIXTURES, 'oneroster'), '--format', 'simple'])).toMatchObject({ code: 2 });
    expect(run([join(FIXTURES, 'unclosed-quote.csv')])).toMatchObject({ code: 2, err: expect.stringMatching(/line 2: the CSV is malformed/) });

    const big = join(dataDir, 'groot.csv');
    writeFileSync(big, Buffer.alloc(MAX_ROSTER_BYTES + 10, 0x41));
    expect(run([big])).toMatchObject({ code: 2, err: expect.stringMatching(/too large .* at most 20 MB/) });

    const db = await openDatabase({ dataDir, url: '' });
    try {
      const rows = await db.db.select({ ext: people.externalId, active: people.active }).from(people);
      expect(rows.filter((p) => p.active).map((p) => p.ext).sort()).toEqual(['u-a1', 'u-p1', 'u-p2', 'u-p3', 'u-s1', 'u-s2', 'u-t1']);
      expect(rows).toHaveLength(14);
    } finally {
      await db.close();
    }
  });
});
