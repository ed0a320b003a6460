// The demo seed's protocol: one current version for the demo board with a real PDF (its SHA-256
// stored), confirmed by part of the staff but not by the people behind the demo sign-ins, so the
// demo shows the prompt and both sides of the list.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { seedDemo } from '../../src/modules/demo/seed.ts';
import { isPdf } from '../../src/modules/protocol/service.ts';
import { openTestDatabase } from '../support/db.ts';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo({ db: database.db, now: Date.parse('2026-11-26T09:00:00Z') });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('the demo protocol', () => {
  it('has exactly one current version with a valid PDF', async () => {
    const versions = await database.query<{ id: string; version: string; current: boolean; adopted_on: string; document_sha256: string }>('select id, version, current, adopted_on, document_sha256 from protocol_versions');
    expect(versions.map((v) => [v.version, v.current, v.adopted_on])).toEqual([['2018', true, '2018-03-26']]);
    const [doc] = await database.query<{ bytes: Uint8Array; sha256: string; size: number }>('select bytes, sha256, size from protocol_documents where version_id = $1', [versions[0]!.id]);
    const bytes = Buffer.from(doc!.bytes);
    expect(isPdf(bytes)).toBe(true);
    expect(bytes.length).toBe(doc!.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc!.sha256);
    expect(doc!.sha256).toBe(versions[0]!.document_sha256);
    // The cross-reference table points at each object.
    const text = bytes.toString('latin1');
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });

  it('is confirmed by part of the staff, never by the demo sign-ins', async () => {
    const [{ staff, confirmed }] = (await database.query<{ staff: number; confirmed: number }>(
      `select count(*)::int as staff, count(a.person_id)::int as confirmed from people p left join acknowledgements a on a.person_id = p.id where p.kind = 'employee'`,
    )) as [{ staff: number; confirmed: number }];
    expect(confirmed).toBeGreaterThan(0);
    expect(confirmed).toBeLessThan(staff);
    const signIns = await database.query(`select 1 from acknowledgements a join account_roles r on r.person_id = a.person_id`);
    expect(signIns).toEqual([]);
  });
});
