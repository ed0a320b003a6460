// Operations on PGlite (runs everywhere, no PostgreSQL needed): migrate, backup and restore as
// library calls and as CLI processes. The PostgreSQL paths are in operations-pg.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import type { DumpTarget } from '../../src/db/backup.ts';
import { backup, restore } from '../../src/db/backup.ts';
import { fingerprint, seed } from '../support/dump-data.ts';

const work = mkdtempSync(join(tmpdir(), 'pw-ops-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
}, 60_000);

/** The CLI as a process on a PGlite folder (DATABASE_URL removed, whatever the test run sets). */
function cli(args: string[], dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, POSTWIJZER_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ['bin/postwijzer.mjs', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const openDir = (dir: string) => openDatabase({ dataDir: dir, url: '' });
const target = (d: Database): DumpTarget => ({ kind: 'pglite', pglite: d.pglite!, location: d.location });

async function seededDir(name: string): Promise<{ dir: string; before: Record<string, string> }> {
  const dir = join(work, name);
  const d = await openDir(dir);
  await migrate(d);
  await seed(d);
  const before = await fingerprint(d);
  await d.close();
  return { dir, before };
}

/** The committed migrations, in order: 0000_init, 0001_accounts, ... */
const MIGRATIONS = readdirSync('src/db/migrations').filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4)).sort();

describe('postwijzer migrate (PGlite)', { timeout: 120_000 }, () => {
  it('reports, applies, and is a no-op the second time', () => {
    const dir = join(work, 'migrate');
    const status = cli(['migrate', '--status'], dir);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/no database there yet/);
    expect(status.out).toMatch(/pending {2}0000_init/);
    expect(status.out).toMatch(/pending {2}0002_audit_append_only/);

    const first = cli(['migrate'], dir);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Database: PGlite at ${dir}`);
    expect(first.out).toContain(`Applied ${MIGRATIONS.length} migrations: ${MIGRATIONS.join(', ')}.`);

    const second = cli(['migrate'], dir);
    expect(second.code).toBe(0);
    expect(second.out).toContain(`Nothing to apply: ${MIGRATIONS.length} of ${MIGRATIONS.length} migrations are applied.`);

    const after = cli(['migrate', '--status'], dir);
    expect(after.out).toMatch(/applied {2}0000_init/);
    expect(after.out).toContain(`${MIGRATIONS.length} applied, 0 pending.`);
  });

  it('refuses arguments it does not know', () => {
    const r = cli(['migrate', 'now'], join(work, 'migrate-bad'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^postwijzer: migrate takes no arguments/);
  });
});

// Library calls on in-memory PGlite (quicker); the processes below use data folders.
const openMemory = () => openDatabase({ dataDir: 'memory', url: '' });

describe('backup and restore on PGlite', { timeout: 120_000 }, () => {
  let source: { before: Record<string, string> };
  const file = join(work, 'lib.sql');
  beforeAll(async () => {
    const d = await openMemory();
    await migrate(d);
    await seed(d);
    source = { before: await fingerprint(d) };
    await backup(target(d), file);
    await d.close();
  }, 120_000);

  it('writes a plain SQL dump with INSERT statements, no COPY', () => {
    const sql = readFileSync(file, 'utf8');
    expect(sql).toMatch(/^--\n-- PostgreSQL database dump/);
    expect(sql).toContain('INSERT INTO public.boards');
    expect(sql).not.toMatch(/^COPY /m);
    expect(sql).not.toMatch(/OWNER TO|GRANT /);
  });

  it('restores into a fresh data folder with the same rows, and sequences go on where they were', async () => {
    const d = await openMemory();
    try {
      await restore(target(d), file);
      expect(await fingerprint(d)).toEqual(source.before);
      const [c] = await d.query<{ n: number }>(`select count(*)::int as n from consent_events`);
      expect(c!.n).toBe(2);
      const [row] = await d.query<{ school_id: string; person_id: string }>(`select school_id, person_id from consent_events limit 1`);
      const [added] = await d.query<{ id: number }>(
        `insert into consent_events (school_id, person_id, channel, media, school_year, valid_from, valid_until, status, method) values ($1, $2, 'newsletter', 'photo', '2026-2027', '2026-08-24', '2027-07-16', 'granted', 'form') returning id`,
        [row!.school_id, row!.person_id],
      );
      expect(Number(added!.id)).toBe(3);
      const [view] = await d.query<{ status: string }>(`select status from consents_current where channel = 'school_social_media'`);
      expect(view!.status).toBe('revoked');
    } finally {
      await d.close();
    }
  });

  it('refuses a database that is not empty, and --force replaces what is there', async () => {
    const d = await openMemory();
    try {
      await migrate(d);
      await d.query(`insert into boards (name) values ('Other board')`);
      await expect(restore(target(d), file)).rejects.toThrow(/is not empty, it has \d+ tables: restore into an empty database, or pass --force/);
      await restore(target(d), file, { force: true });
      expect(await fingerprint(d)).toEqual(source.before);
    } finally {
      await d.close();
    }
  });

  it('changes nothing when a restore fails half-way', async () => {
    const broken = join(work, 'broken.sql');
    writeFileSync(broken, readFileSync(file, 'utf8').replace('INSERT INTO public.schools VALUES', 'INSERT INTO public.schools VALUES (1, 2), '));
    const d = await openMemory();
    try {
      await migrate(d);
      await d.query(`insert into boards (name) values ('Keep me')`);
      await expect(restore(target(d), broken, { force: true })).rejects.toThrow(/restore failed, nothing was changed/);
      const rows = await d.query<{ name: string }>(`select name from boards`);
      expect(rows).toEqual([{ name: 'Keep me' }]);
    } finally {
      await d.close();
    }
  });

  it('refuses a dump of a database that is not Postwijzer’s', async () => {
    const other = await openDatabase({ dataDir: 'memory', url: '' });
    await other.query(`create table notes (id int primary key, body text)`);
    await other.query(`insert into notes values (1, 'x')`);
    const otherFile = join(work, 'other.sql');
    await backup(target(other), otherFile);
    await other.close();
    const d = await openMemory();
    try {
      await expect(restore(target(d), otherFile)).rejects.toThrow(/holds no Postwijzer database/);
      const [t] = await d.query<{ t: string | null }>(`select to_regclass('public.notes')::text as t`);
      expect(t!.t).toBeNull();
    } finally {
      await d.close();
    }
  });
});

describe('postwijzer backup and restore as processes (PGlite)', { timeout: 180_000 }, () => {
  let source: { dir: string; before: Record<string, string> };
  const file = join(work, 'cli.sql');
  beforeAll(async () => {
    source = await seededDir('cli-source');
  }, 60_000);

  /** One sentence on stderr, exit 2, no stack trace. */
  function expectUsage(r: { code: number | null; err: string }, message: RegExp) {
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^postwijzer: [^\n]+\n$/);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  }

  it('backs up and restores into a fresh folder, with the same rows', async () => {
    const b = cli(['backup', file], source.dir);
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    expect(b.out).toMatch(new RegExp(`^Backup of PGlite at ${source.dir} written to ${file}: [\\d.]+ KiB in [\\d.]+ s\\.\\n$`));

    const fresh = join(work, 'cli-fresh');
    const r = cli(['restore', file], fresh);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Restored .* into PGlite at .* in [\d.]+ s\.\n$/);
    const d = await openDir(fresh);
    try {
      expect(await fingerprint(d)).toEqual(source.before);
    } finally {
      await d.close();
    }
    // The restored database is up to date: migrate has nothing to do.
    expect(cli(['migrate'], fresh).out).toMatch(/Nothing to apply/);
  });

  it('refuses to restore into a database that is not empty, and to overwrite a backup', () => {
    expectUsage(cli(['restore', file], source.dir), /is not empty, it has \d+ tables: restore into an empty database, or pass --force/);
    expectUsage(cli(['backup', file], source.dir), /already exists: choose a new name, or pass --force to overwrite it\./);
  });

  it('answers bad input with exit 2 and one sentence', () => {
    const dir = join(work, 'cli-bad');
    expectUsage(cli(['backup'], dir), /backup needs a FILE/);
    expectUsage(cli(['restore'], dir), /restore needs the backup FILE/);
    expectUsage(cli(['backup', join(work, 'no-such-folder', 'x.sql')], dir), /the folder .* does not exist\./);
    expectUsage(cli(['backup', join(work, 'x.sql')], join(work, 'no-database-here')), /there is no database at .*no-database-here: set POSTWIJZER_DATA_DIR/);
    expectUsage(cli(['restore', join(work, 'missing.sql')], dir), /missing\.sql does not exist\./);
    const folder = join(work, 'a-folder');
    mkdirSync(folder);
    expectUsage(cli(['restore', folder], dir), /a-folder is a folder, not a backup file\./);
    const binary = join(work, 'binary.sql.gz');
    writeFileSync(binary, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x01]));
    expectUsage(cli(['restore', binary], dir), /is not a backup: it does not start like a plain SQL dump/);
    const text = join(work, 'notes.txt');
    writeFileSync(text, 'just some notes\n');
    expectUsage(cli(['restore', text], dir), /notes\.txt is not a backup/);
    const truncated = join(work, 'truncated.sql');
    const full = readFileSync(file, 'utf8');
    writeFileSync(truncated, full.slice(0, Math.floor(full.length / 2)));
    expectUsage(cli(['restore', truncated], dir), /truncated\.sql is incomplete/);
    expectUsage(cli(['restore', file, '--fast'], dir), /Unknown option '--fast'/);
    // None of these created a database in the folder.
    expect(() => readFileSync(join(dir, 'PG_VERSION'))).toThrow();
  });
});
