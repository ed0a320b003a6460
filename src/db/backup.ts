// Backups as plain SQL dumps, for both engines, and restoring them into an empty database.
//
// PGlite: the WASM build of pg_dump in @electric-sql/pglite-tools (it always writes INSERT
// statements). PostgreSQL: the pg_dump and psql of the machine, given the connection through PG*
// environment variables so that the password never appears on a command line or in output.
// A dump of either engine restores into either engine: a PGlite backup restored into PostgreSQL
// is how a laptop installation moves to a server.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Where a backup comes from or a restore goes to. */
export type DumpTarget = { kind: 'pglite'; pglite: PGlite; location: string } | { kind: 'postgres'; url: string; location: string };

/** A problem with the user's input (the file, the target): the CLI prints it as one sentence, exit 2. */
export class BackupInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupInputError';
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

export interface RestoreResult {
  file: string;
  bytes: number;
  ms: number;
}

const HEADER = '-- PostgreSQL database dump';
const FOOTER = '-- PostgreSQL database dump complete';

// ---- Connection environment -----------------------------------------------------------------

const QUERY_TO_ENV: Record<string, string> = {
  host: 'PGHOST',
  port: 'PGPORT',
  user: 'PGUSER',
  password: 'PGPASSWORD',
  dbname: 'PGDATABASE',
  sslmode: 'PGSSLMODE',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  sslrootcert: 'PGSSLROOTCERT',
  application_name: 'PGAPPNAME',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  options: 'PGOPTIONS',
};

/**
 * The environment for pg_dump and psql: the connection URL as PG* variables (PGPASSWORD
 * included), so that no command line shows the password.
 */
export function pgEnvironment(url: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new BackupInputError('DATABASE_URL is not a valid postgres:// URL.');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new BackupInputError('DATABASE_URL must start with postgres://.');
  const env: NodeJS.ProcessEnv = { ...base };
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host) env.PGHOST = decodeURIComponent(host);
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) env.PGDATABASE = db;
  for (const [key, value] of u.searchParams) {
    const name = QUERY_TO_ENV[key];
    if (name) env[name] = value;
  }
  return env;
}

class StdinClosed extends Error {}

interface ProcessResult {
  code: number | null;
  stderr: string;
}

/** Runs pg_dump or psql; `input` (if given) writes its standard input. */
function runTool(command: string, args: string[], env: NodeJS.ProcessEnv, input?: (write: (s: string) => Promise<void>) => Promise<void>): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 64_000) stderr += chunk;
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(new Error(`${command} is not installed: install the PostgreSQL client tools (Debian and Ubuntu: apt install postgresql-client).`));
      } else reject(e);
    });
    child.on('close', (code) => resolve({ code, stderr }));
    const stdin = child.stdin;
    if (input && stdin) {
      // psql may stop reading early (ON_ERROR_STOP): a broken pipe is then expected, and writing stops.
      let open = true;
      stdin.on('error', () => {});
      stdin.on('close', () => {
        open = false;
      });
      const write = (s: string) =>
        new Promise<void>((res, rej) => {
          if (!open || stdin.destroyed) return rej(new StdinClosed());
          if (stdin.write(s)) return res();
          const done = () => {
            stdin.off('drain', done);
            stdin.off('close', done);
            res();
          };
          stdin.once('drain', done);
          stdin.once('close', done);
        });
      input(write).then(
        () => stdin.end(),
        (e: unknown) => {
          if (e instanceof StdinClosed) return;
          child.kill();
          reject(e);
        },
      );
    }
  });
}

/** The first error line of a tool's output, without the tool's name. */
function firstError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /ERROR|error|FATAL|fatal/.test(l)) ?? lines[0] ?? 'no message';
  return line.replace(/^(pg_dump|psql)(:[^:]*:\d+)?:\s*/, '').replace(/^error:\s*/, '');
}

// ---- Backup -------------------------------------------------------------------------------

/** Writes to FILE.partial first and renames at the end: a failed backup never looks complete. */
async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<number> {
  const tmp = join(dirname(file), `.${basename(file)}.partial`);
  try {
    await write(tmp);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return (await stat(file)).size;
}

export async function backup(target: DumpTarget, file: string): Promise<BackupResult> {
  const started = performance.now();
  let bytes: number;
  if (target.kind === 'pglite') {
    // Loaded only here: the WASM pg_dump is large.
    const { pgDump } = await import('@electric-sql/pglite-tools/pg_dump');
    const dump = await pgDump({ pg: target.pglite, args: ['--no-owner', '--no-privileges'] });
    const text = await dump.text();
    if (!text.includes(FOOTER)) throw new Error('pg_dump (PGlite) did not finish the dump.');
    bytes = await writeAtomically(file, (tmp) => writeFile(tmp, text, { mode: 0o600 }));
  } else {
    const env = pgEnvironment(target.url);
    bytes = await writeAtomically(file, async (tmp) => {
      // Create the file ourselves first: pg_dump would make it world-readable under the usual umask.
      await writeFile(tmp, '', { mode: 0o600 });
      const r = await runTool('pg_dump', ['--format=plain', '--no-owner', '--no-privileges', `--file=${tmp}`], env);
      if (r.code !== 0) throw new Error(`pg_dump failed: ${firstError(r.stderr)}`);
    });
  }
  return { file, bytes, ms: performance.now() - started };
}

// ---- Checking a dump file -------------------------------------------------------------------

/** Checks that FILE is a complete plain-SQL dump before anything touches the database. */
export async function checkDumpFile(file: string): Promise<number> {
  let size: number;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new BackupInputError(`${file} is a folder, not a backup file.`);
    size = s.size;
  } catch (e) {
    if (e instanceof BackupInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupInputError(`${file} does not exist.`);
    throw new BackupInputError(`${file} cannot be read (${code ?? 'unknown error'}).`);
  }
  let head: string;
  let tail: string;
  try {
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(size, 4096));
      await fh.read(buf, 0, buf.length, 0);
      head = buf.toString('utf8');
      const tbuf = Buffer.alloc(Math.min(size, 4096));
      await fh.read(tbuf, 0, tbuf.length, Math.max(0, size - tbuf.length));
      tail = tbuf.toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BackupInputError(`${file} cannot be read (${code === 'EACCES' ? 'permission denied' : (code ?? 'unknown error')}).`);
  }
  if (!head.replace(/^\uFEFF?\s*--\s*\n/, '').startsWith(HEADER)) {
    throw new BackupInputError(`${file} is not a backup: it does not start like a plain SQL dump made by "postwijzer backup" or pg_dump.`);
  }
  if (!tail.includes(FOOTER)) {
    throw new BackupInputError(`${file} is incomplete: the dump does not end with "${FOOTER}", so nothing was restored.`);
  }
  return size;
}

// ---- Restore ------------------------------------------------------------------------------

/** Objects that make a database not empty: tables, views and sequences of public and drizzle, public's types. */
const NON_EMPTY_SQL = `
  select n.nspname || '.' || c.relname as name, case when c.relkind in ('r', 'p') then 'table' else 'other' end as kind
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
  union all
  select 'drizzle', 'schema' where exists (select 1 from pg_catalog.pg_namespace where nspname = 'drizzle')
  union all
  select 'public.' || t.typname, 'type'
    from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
   where n.nspname = 'public' and t.typtype in ('e', 'd')`;

/** Drops everything a Postwijzer database holds (restore --force). */
const DROP_ALL_SQL = 'DROP SCHEMA IF EXISTS drizzle CASCADE;\nDROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n';

/** Fails the restore (and so rolls it back) when the dump was not of a Postwijzer database. */
const VERIFY_SQL = `DO $$ BEGIN
  IF to_regclass('drizzle.__drizzle_migrations') IS NULL THEN
    RAISE EXCEPTION 'the dump holds no Postwijzer database (no drizzle.__drizzle_migrations table)';
  END IF;
END $$;\n`;

export interface DbObject {
  name: string;
  kind: 'table' | 'schema' | 'type' | 'other';
}

/** The tables, views, sequences and types in the target; none means it can take a restore. */
export async function existingObjects(target: DumpTarget): Promise<DbObject[]> {
  if (target.kind === 'pglite') return (await target.pglite.query<DbObject>(NON_EMPTY_SQL)).rows;
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await client.query<DbObject>(NON_EMPTY_SQL)).rows;
  } finally {
    await client.end();
  }
}

async function serverVersionNum(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(`select current_setting('server_version_num') as v`);
    return Number(rows[0]?.v);
  } finally {
    await client.end();
  }
}

/** psql meta-commands of newer pg_dump versions that only protect interactive psql sessions. */
const RESTRICT_LINE = /^\\(un)?restrict [A-Za-z0-9]+$/;
/** pg_dump 17 and later set transaction_timeout, which older servers do not know. */
const TRANSACTION_TIMEOUT_LINE = /^SET transaction_timeout = 0;$/;
const COPY_LINE = /^COPY (.+) FROM stdin;$/;

/** Executes a plain SQL dump on PGlite: SQL through exec, COPY ... FROM stdin blocks through /dev/blob. */
async function executeOnPglite(db: PGlite, text: string): Promise<void> {
  const lines = text.split('\n');
  let sql: string[] = [];
  const flush = async () => {
    const chunk = sql.join('\n');
    sql = [];
    if (chunk.trim()) await db.exec(chunk);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (RESTRICT_LINE.test(line)) continue;
    const copy = COPY_LINE.exec(line);
    if (!copy) {
      sql.push(line);
      continue;
    }
    await flush();
    const data: string[] = [];
    for (i++; i < lines.length && lines[i] !== '\\.'; i++) data.push(lines[i]!);
    if (i >= lines.length) throw new BackupInputError('the dump ends inside a COPY block, so nothing was restored.');
    if (data.length) await db.query(`COPY ${copy[1]} FROM '/dev/blob';`, [], { blob: new Blob([`${data.join('\n')}\n`]) });
  }
  await flush();
}

/**
 * Restores a dump into an empty database (with `force`: after dropping the public and drizzle
 * schemas), in one transaction: a failed restore leaves the database as it was.
 */
export async function restore(target: DumpTarget, file: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const started = performance.now();
  const bytes = await checkDumpFile(file);
  if (!opts.force) {
    const objects = await existingObjects(target);
    if (objects.length) {
      const tables = objects.filter((o) => o.kind === 'table').length;
      const what = tables ? `it has ${tables} ${tables === 1 ? 'table' : 'tables'}` : `it already holds ${objects[0]!.name}`;
      throw new BackupInputError(
        `the database (${target.location}) is not empty, ${what}: restore into an empty database, or pass --force to drop everything in it first.`,
      );
    }
  }
  if (target.kind === 'pglite') {
    const text = await readFile(file, 'utf8');
    const db = target.pglite;
    await db.exec('BEGIN');
    try {
      if (opts.force) await db.exec(DROP_ALL_SQL);
      await executeOnPglite(db, text);
      await db.exec(VERIFY_SQL);
      await db.exec('COMMIT');
    } catch (e) {
      await db.exec('ROLLBACK');
      if (e instanceof BackupInputError) throw e;
      throw new Error(`restore failed, nothing was changed: ${(e as Error).message}`);
    } finally {
      // The dump empties search_path for its own session.
      await db.exec('RESET search_path');
    }
  } else {
    const dropTimeout = (await serverVersionNum(target.url)) < 170000;
    const env = pgEnvironment(target.url);
    const r = await runTool('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', '--file=-'], env, async (write) => {
      if (opts.force) await write(DROP_ALL_SQL);
      const input = createReadStream(file, 'utf8');
      const rl = createInterface({ input, crlfDelay: Infinity });
      try {
        for await (const line of rl) {
          if (dropTimeout && TRANSACTION_TIMEOUT_LINE.test(line)) continue;
          await write(`${line}\n`);
        }
      } finally {
        rl.close();
        input.destroy();
      }
      await write(VERIFY_SQL);
    });
    if (r.code !== 0) throw new Error(`restore failed, nothing was changed: ${firstError(r.stderr)}`);
  }
  return { file, bytes, ms: performance.now() - started };
}

/** True when the PGlite data folder holds a database (PG_VERSION is written when it is created). */
export function pgliteDataExists(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}
