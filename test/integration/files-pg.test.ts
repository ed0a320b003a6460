// The retention purge's race on PostgreSQL, where the app really has several connections (PGlite
// has one, so two runs never overlap inside the database): two purges started at once remove and
// record each expired entry exactly once; one of them may find the other holding the advisory lock
// and skip. Runs only with TEST_DATABASE=pg (npm run test:pg), like the other *-pg tests.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { auditEvents, fileDocuments, fileEntries, filePurges, people } from '../../src/db/schema/index.ts';
import { fileInto, fileTargets } from '../../src/modules/files/filing.ts';
import { PURGE_LOCK, purgeExpired } from '../../src/modules/files/purge.ts';
import { openTestDatabase } from '../support/db.ts';
import { buildSchool } from '../support/factories.ts';

let database: Database;
let schoolId: string;
const expired: string[] = [];
const now = new Date('2026-11-26T10:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  schoolId = (await buildSchool(db, { brin: '99FQ', name: 'De Wedloop' })).school.id;
  // 40 people who left in 2022 (expired) and 5 still at school (kept), each with two entries.
  for (let i = 0; i < 45; i++) {
    const gone = i < 40;
    const [p] = await db
      .insert(people)
      .values({ schoolId, externalId: `p${i}`, kind: i % 2 ? 'student' : 'employee', givenName: `P${i}`, familyName: 'Test', active: !gone, leftAt: gone ? new Date('2022-03-01T10:00:00Z') : null })
      .returning();
    for (const entryType of ['letter', 'note']) {
      const [e] = await fileInto(db, schoolId, await fileTargets(db, schoolId, p!.id, p!.kind), { incidentId: null, entryType, title: entryType, body: 'x', createdBy: null, now: new Date('2022-01-10T10:00:00Z') });
      if (entryType === 'letter') await db.insert(fileDocuments).values({ fileEntryId: e!.id, schoolId, filename: 'brief.pdf', contentType: 'application/pdf', sizeBytes: 3, sha256: 'x', bytes: Buffer.from('pdf'), createdAt: now });
      if (gone) expired.push(e!.id);
    }
  }
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe('the retention purge, twice at once (PostgreSQL)', () => {
  it('removes and records each expired entry once; a run that finds the lock taken skips', async () => {
    const runs = await Promise.all([purgeExpired(database.db, { now, actor: 'a' }), purgeExpired(database.db, { now, actor: 'b' }), purgeExpired(database.db, { now, actor: 'c' })]);
    const purged = runs.flatMap((r) => r.purged.map((p) => p.entryId)).sort();
    expect(purged).toEqual([...expired].sort());
    // Whoever did not get the lock did nothing; whoever got it after the first committed found nothing left.
    for (const r of runs) expect(r.skipped ? r.purged : []).toEqual([]);
    const record = await database.db.select({ entryId: filePurges.entryId, n: sql<number>`count(*)::int` }).from(filePurges).groupBy(filePurges.entryId);
    expect(record.map((r) => r.entryId).sort()).toEqual([...expired].sort());
    expect(record.every((r) => r.n === 1)).toBe(true);
    expect((await database.db.select().from(fileEntries).where(eq(fileEntries.schoolId, schoolId))).length).toBe(10);
    expect((await database.db.select().from(fileDocuments).where(eq(fileDocuments.schoolId, schoolId))).length).toBe(5);
    const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'file.purge'));
    expect(audits).toHaveLength(runs.filter((r) => r.purged.length).length);
  });

  it('skips while another transaction holds the purge lock, and runs once it is released', async () => {
    const db = database.db;
    const [p] = await db.insert(people).values({ schoolId, externalId: 'late', kind: 'employee', givenName: 'Late', familyName: 'Test', active: false, leftAt: new Date('2021-01-01T10:00:00Z') }).returning();
    const [e] = await fileInto(db, schoolId, await fileTargets(db, schoolId, p!.id, 'employee'), { incidentId: null, entryType: 'note', title: 'n', body: 'x', createdBy: null, now });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const isHeld = new Promise<void>((r) => (held = r));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${PURGE_LOCK}, 0))`);
      held();
      await released;
    });
    await isHeld;
    const skipped = await purgeExpired(db, { now });
    release();
    await holder;
    expect(skipped).toMatchObject({ skipped: true, purged: [] });
    expect(await db.select().from(fileEntries).where(eq(fileEntries.id, e!.id))).toHaveLength(1);
    const ran = await purgeExpired(db, { now });
    expect(ran.skipped).toBe(false);
    expect(ran.purged.map((x) => x.entryId)).toEqual([e!.id]);
  });
});
