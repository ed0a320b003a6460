// Backup and restore with PostgreSQL: PGlite → PostgreSQL (moving a laptop installation to a
// server), PostgreSQL → PostgreSQL, PostgreSQL → PGlite. Needs pg_dump, psql and the server at
// DATABASE_URL; the integration project includes this file only with TEST_DATABASE=pg
// (npm run test:pg). Every database here is a throwaway one, dropped afterwards.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import type { DumpTarget } from '../../src/db/backup.ts';
import { pgEnvironment, restore } from '../../src/db/backup.ts';
import { fingerprint, seed } from '../support/dump-data.ts';

const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const work = mkdtempSync(join(tmpdir(), 'pw-ops-pg-'));
const created: string[] = [];

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new, empty database on the server; its URL. */
async function emptyPgDatabase(): Promise<string> {
  const name = `pw_ops_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  created.push(name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
}, 60_000);

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await admin(async (c) => {
    for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
});

function cli(args: string[], env: { url?: string; dataDir?: string }) {
  const e: NodeJS.ProcessEnv = { ...process.env, POSTWIJZER_DATA_DIR: env.dataDir ?? join(work, 'unused') };
  delete e.DATABASE_URL;
  if (env.url) e.DATABASE_URL = env.url;
  const r = spawnSync(process.execPath, ['bin/postwijzer.mjs', ...args], { env: e, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const openPg = (url: string) => openDatabase({ url, poolSize: 1 });
const openMemory = () => openDatabase({ dataDir: 'memory', url: '' });
const pgTarget = (url: string): DumpTarget => ({ kind: 'postgres', url, location: url });
const pgliteTarget = (d: Database): DumpTarget => ({ kind: 'pglite', pglite: d.pglite!, location: d.location });

async function fingerprintOf(url: string): Promise<Record<string, string>> {
  const d = await openPg(url);
  try {
    return await fingerprint(d);
  } finally {
    await d.close();
  }
}

describe('PGlite → PostgreSQL (moving to a server)', { timeout: 180_000 }, () => {
  it('restores a PGlite backup into an empty PostgreSQL database with the same rows', async () => {
    const dataDir = join(work, 'laptop');
    const d = await openDatabase({ dataDir, url: '' });
    await migrate(d);
    await seed(d);
    const before = await fingerprint(d);
    await d.close();

    const file = join(work, 'laptop.sql');
    const b = cli(['backup', file], { dataDir });
    expect(b.err).toBe('');
    expect(b.code).toBe(0);

    const url = await emptyPgDatabase();
    const r = cli(['restore', file], { url });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/into PostgreSQL at postgres:\/\/.* in [\d.]+ s\./);
    expect(await fingerprintOf(url)).toEqual(before);
    const m = cli(['migrate'], { url });
    expect(m.code).toBe(0);
    const n = readdirSync('src/db/migrations').filter((f) => f.endsWith('.sql')).length;
    expect(m.out).toContain(`Nothing to apply: ${n} of ${n} migrations are applied.`);
  });
});

describe('PostgreSQL backups', { timeout: 180_000 }, () => {
  let sourceUrl: string;
  let before: Record<string, string>;
  const file = join(work, 'server.sql');
  beforeAll(async () => {
    sourceUrl = await emptyPgDatabase();
    const d = await openPg(sourceUrl);
    await migrate(d);
    await seed(d);
    before = await fingerprint(d);
    await d.close();
  }, 60_000);

  it('backs up with pg_dump (no owners, no grants) as a process, without printing the password', () => {
    // Trust authentication ignores the password, so it can be given and must not show up.
    const withPassword = new URL(sourceUrl);
    withPassword.password = 's3cret-pw';
    const b = cli(['backup', file], { url: withPassword.toString() });
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/^Backup of PostgreSQL at postgres:\/\/postgres:\*\*\*@.* written to .*: [\d.]+ KiB in [\d.]+ s\.\n$/);
    expect(b.out + b.err).not.toContain('s3cret-pw');
    const sql = readFileSync(file, 'utf8');
    expect(sql).not.toContain('s3cret-pw');
    expect(sql).not.toMatch(/OWNER TO|GRANT /);
    expect(sql).toMatch(/^COPY public\.boards/m);
  });

  it('restores PostgreSQL → PostgreSQL with the same rows', async () => {
    const url = await emptyPgDatabase();
    await restore(pgTarget(url), file);
    expect(await fingerprintOf(url)).toEqual(before);
  });

  it('restores PostgreSQL → PGlite (COPY blocks) with the same rows', async () => {
    const d = await openMemory();
    try {
      await restore(pgliteTarget(d), file);
      expect(await fingerprint(d)).toEqual(before);
    } finally {
      await d.close();
    }
  });

  it('refuses a database that is not empty; --force replaces it; a failed restore changes nothing', async () => {
    const url = await emptyPgDatabase();
    const d = await openPg(url);
    await migrate(d);
    await d.query(`insert into boards (name) values ('Keep me')`);
    await d.close();

    const refused = cli(['restore', file], { url });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^postwijzer: the database \(postgres:\/\/.*\) is not empty, it has \d+ tables: restore into an empty database, or pass --force to drop everything in it first\.\n$/);

    const broken = join(work, 'broken.sql');
    writeFileSync(broken, readFileSync(file, 'utf8').replace(/^COPY public\.schools .*$/m, 'INSERT INTO public.schools VALUES (1);'));
    const failed = cli(['restore', broken, '--force'], { url });
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/^postwijzer: something went wrong: restore failed, nothing was changed: /);
    const kept = await openPg(url);
    expect(await kept.query(`select name from boards`)).toEqual([{ name: 'Keep me' }]);
    await kept.close();

    const forced = cli(['restore', file, '--force'], { url });
    expect(forced.err).toBe('');
    expect(forced.code).toBe(0);
    expect(await fingerprintOf(url)).toEqual(before);
  });

  it('reports a pg_dump failure in one line, without the password', () => {
    const bad = new URL(sourceUrl);
    bad.pathname = '/pw_ops_does_not_exist';
    bad.password = 's3cret-pw';
    const r = cli(['backup', join(work, 'never.sql')], { url: bad.toString() });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^postwijzer: something went wrong: [^\n]*pw_ops_does_not_exist[^\n]*\n$/);
    expect(r.err).not.toContain('s3cret-pw');
  });

  it('passes the URL to pg_dump and psql as PG* environment variables', () => {
    const env = pgEnvironment('postgres://app%40x:p%2Fw@db.example:6543/post%20wijzer?sslmode=require', {});
    expect(env).toEqual({ PGHOST: 'db.example', PGPORT: '6543', PGUSER: 'app@x', PGPASSWORD: 'p/w', PGDATABASE: 'post wijzer', PGSSLMODE: 'require' });
  });
});
