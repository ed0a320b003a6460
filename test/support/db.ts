// A fresh, migrated database for one test suite: in-memory PGlite (npm test), or, with
// TEST_DATABASE=pg (npm run test:pg), a database of its own on the PostgreSQL server at
// DATABASE_URL, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/db/connection.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';

export const onPostgres = process.env.TEST_DATABASE === 'pg';

export async function openTestDatabase(): Promise<Database> {
  if (!onPostgres) {
    const db = await openDatabase({ dataDir: 'memory', url: '' });
    await migrate(db);
    return db;
  }
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `pw_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  await migrate(db);
  const close = db.close;
  db.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
  return db;
}
