import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { migrate, MIGRATIONS_FOLDER } from '../../src/db/connection.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);
afterAll(async () => database?.close());

describe(`migrations on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('creates every table of the data model, with timestamptz timestamps', async () => {
    const tables = await database.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['boards', 'schools', 'groups', 'people', 'guardianships', 'employments', 'consent_events', 'permissions', 'posts', 'checks', 'reviews', 'escalations', 'incidents', 'incident_events', 'measures', 'file_entries', 'audit_events', 'accounts', 'sessions', 'outbox']),
    );
    const naive = await database.query(
      `select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type = 'timestamp without time zone'`,
    );
    expect(naive).toEqual([]);
  });

  it('is idempotent: running the migrations again changes nothing', async () => {
    await migrate(database);
    const rows = await database.query<{ n: number }>(`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const files = readdirSync(MIGRATIONS_FOLDER()).filter((f) => f.endsWith('.sql'));
    expect(rows[0]?.n).toBe(files.length);
  });

  it('keeps the latest consent per person, channel, media and school year in consents_current', async () => {
    const [board] = await database.query<{ id: string }>(`insert into boards (name) values ('B') returning id`);
    const [school] = await database.query<{ id: string }>(`insert into schools (board_id, brin, name) values ($1, '99XX', 'S') returning id`, [board!.id]);
    const [person] = await database.query<{ id: string }>(
      `insert into people (school_id, external_id, kind, given_name, family_name) values ($1, 'x1', 'student', 'A', 'B') returning id`,
      [school!.id],
    );
    const add = (status: string) =>
      database.query(
        `insert into consent_events (school_id, person_id, channel, media, school_year, valid_from, valid_until, status, method) values ($1, $2, 'school_social_media', 'photo', '2026-2027', '2026-08-24', '2027-07-16', $3, 'form')`,
        [school!.id, person!.id, status],
      );
    await add('granted');
    await add('revoked');
    const rows = await database.query<{ status: string }>(`select status from consents_current where person_id = $1`, [person!.id]);
    expect(rows).toEqual([{ status: 'revoked' }]);
  });

  it('refuses rows that break a foreign key', async () => {
    await expect(
      database.query(`insert into people (school_id, external_id, kind, given_name, family_name) values ('00000000-0000-0000-0000-000000000000', 'x', 'student', 'A', 'B')`),
    ).rejects.toThrow();
  });
});
