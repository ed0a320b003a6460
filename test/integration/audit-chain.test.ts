// The audit trail's hash chains: appended in the transaction of the change, per school, and
// `postwijzer audit verify` names the first broken link after a row is altered in SQL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import { appendAudit, verifyAudit } from '../../src/modules/audit/chain.ts';
import { importRoster } from '../../src/modules/roster/service.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildSchool } from '../support/factories.ts';

let database: Database;
let a: string;
let b: string;

beforeAll(async () => {
  database = await openTestDatabase();
  a = (await buildSchool(database.db, { brin: '99AU' })).school.id;
  b = (await buildSchool(database.db, { brin: '99AV' })).school.id;
}, 60_000);
afterAll(async () => database?.close());

/** What only a superuser can do: switch the append-only triggers off for one transaction. */
async function tamper(d: Database, statement: string): Promise<void> {
  await d.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local session_replication_role = replica'));
    await tx.execute(sql.raw(statement));
  });
}

const add = (schoolId: string, action: string) =>
  database.db.transaction((tx) => appendAudit(tx, { schoolId, actor: 'test', action, subjectType: 'thing', subjectId: action, fields: ['name'] }));

describe(`audit chains (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('numbers each school’s events from 1 and links each to the one before', async () => {
    await add(a, 'a1');
    await add(b, 'b1');
    await add(a, 'a2');
    const rows = await database.query<{ school_id: string; seq: number; prev_hash: string; hash: string }>(
      `select school_id, seq::int as seq, prev_hash, hash from audit_events order by id`,
    );
    expect(rows.map((r) => [r.school_id === a ? 'a' : 'b', r.seq])).toEqual([['a', 1], ['b', 1], ['a', 2]]);
    expect(rows[2]!.prev_hash).toBe(rows[0]!.hash);
    expect(await verifyAudit(database.db)).toMatchObject({ chains: 2, events: 3, broken: [] });
  });

  it('gives concurrent writers of one school consecutive numbers', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => add(b, `c${i}`)));
    const seqs = await database.query<{ seq: number }>(`select seq::int as seq from audit_events where school_id = $1 order by seq`, [b]);
    expect(seqs.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await verifyAudit(database.db)).broken).toEqual([]);
  });

  it('starts a new chain once when its first writers come together, and keeps field names exactly', async () => {
    const c = (await buildSchool(database.db, { brin: '99AW' })).school.id;
    const odd = ['plain', 'with "quotes"', 'back\\slash', 'comma, and {braces}', 'é'];
    await Promise.all(Array.from({ length: 6 }, (_, i) => database.db.transaction((tx) => appendAudit(tx, { schoolId: c, actor: 'test', action: `f${i}`, subjectType: 'thing', fields: odd }))));
    const rows = await database.query<{ seq: number; fields: string[] }>(`select seq::int as seq, fields from audit_events where school_id = $1 order by seq`, [c]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const r of rows) expect(r.fields).toEqual(odd);
    const [head] = await database.query<{ seq: number }>(`select seq::int as seq from audit_heads where chain = $1`, [c]);
    expect(head!.seq).toBe(6);
    expect((await verifyAudit(database.db, { schoolId: c })).broken).toEqual([]);
  });

  it('continues a chain whose head row is missing (a restore without it) from its newest event', async () => {
    const c = (await buildSchool(database.db, { brin: '99AX' })).school.id;
    for (const action of ['r1', 'r2', 'r3']) await add(c, action);
    await database.query(`delete from audit_heads where chain = $1`, [c]);
    await add(c, 'r4');
    const seqs = await database.query<{ seq: number }>(`select seq::int as seq from audit_events where school_id = $1 order by seq`, [c]);
    expect(seqs.map((s) => s.seq)).toEqual([1, 2, 3, 4]);
    expect((await verifyAudit(database.db, { schoolId: c })).broken).toEqual([]);
  });

  it('finds every chain intact while writers append during the check (no false alarm from a head read later)', async () => {
    const c = (await buildSchool(database.db, { brin: '99AZ' })).school.id;
    await add(c, 'v0');
    for (let round = 0; round < 10; round++) {
      const [report] = await Promise.all([verifyAudit(database.db, { schoolId: c }), ...Array.from({ length: 4 }, (_, i) => add(c, `v${round}-${i}`))]);
      expect(report.broken).toEqual([]);
    }
    expect((await verifyAudit(database.db, { schoolId: c })).events).toBe(41);
  });

  it('records a roster import in the same transaction', async () => {
    const csv = new TextEncoder().encode('id,kind,given_name,family_name\ns1,student,Sanne,Vries\n');
    const r = await importRoster({ db: database.db, schoolId: a, source: [{ name: 'r.csv', bytes: csv }] });
    const [row] = await database.query<{ action: string; subject_id: string; fields: string[] }>(
      `select action, subject_id, fields from audit_events where school_id = $1 order by seq desc limit 1`,
      [a],
    );
    expect(row).toMatchObject({ action: 'roster.import', subject_id: r.importId });
    // Only ids and field names: no names from the file.
    expect(JSON.stringify(row)).not.toMatch(/Sanne|Vries/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    await expect(database.query(`update audit_events set action = 'x' where school_id = $1 and seq = 1`, [a])).rejects.toThrow(/append-only: UPDATE/);
    await expect(database.query(`delete from audit_events where school_id = $1`, [a])).rejects.toThrow(/append-only: DELETE/);
    await expect(database.query(`truncate audit_events`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await verifyAudit(database.db)).broken).toEqual([]);
  });

  it('names the first broken link when a superuser changes or removes a row with triggers off', async () => {
    await tamper(database, `update audit_events set action = 'something else' where school_id = '${a}' and seq = 2`);
    let report = await verifyAudit(database.db);
    expect(report.broken).toEqual([expect.objectContaining({ schoolId: a, seq: 2, reason: expect.stringMatching(/changed/) })]);
    await tamper(database, `delete from audit_events where school_id = '${b}' and seq = 4`);
    report = await verifyAudit(database.db);
    expect(report.broken).toEqual(
      expect.arrayContaining([expect.objectContaining({ schoolId: b, seq: 5, reason: 'event 4 is missing' })]),
    );
  });
});

describe('postwijzer audit verify', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, POSTWIJZER_DATA_DIR: dir };
    delete env.DATABASE_URL;
    return spawnSync(process.execPath, ['bin/postwijzer.mjs', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  };

  it('notices when the newest events of a chain are removed (the rest would still link up)', async () => {
    const c = (await buildSchool(database.db, { brin: '99AY' })).school.id;
    for (const action of ['t1', 't2', 't3', 't4']) await add(c, action);
    await tamper(database, `delete from audit_events where school_id = '${c}' and seq >= 3`);
    const report = await verifyAudit(database.db, { schoolId: c });
    expect(report.broken).toEqual([{ schoolId: c, seq: 4, id: null, reason: 'the newest events are missing: the chain ends at event 2, its head says 4' }]);
  });

  it('exits 0 on an intact trail and 1 naming the broken link after a change', async () => {
    const b0 = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
    expect(b0.status).toBe(0);
    const d = await openDatabase({ dataDir: dir, url: '' });
    await migrate(d);
    const school = (await buildSchool(d.db, { brin: '99AW' })).school.id;
    for (const action of ['x1', 'x2', 'x3']) await d.db.transaction((tx) => appendAudit(tx, { schoolId: school, actor: 'test', action, subjectType: 'thing' }));
    await d.close();
    const ok = cli(['audit', 'verify']);
    expect(ok.stdout).toMatch(/Audit trail intact: 3 events in 1 chain\./);
    expect(ok.status).toBe(0);
    const e = await openDatabase({ dataDir: dir, url: '' });
    await tamper(e, `update audit_events set subject_id = 'forged' where seq = 2`);
    await e.close();
    const broken = cli(['audit', 'verify']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`${school}: first broken link at event 2 .*changed`));
    const bad = cli(['audit', 'check']);
    expect(bad.status).toBe(2);
  });
});
