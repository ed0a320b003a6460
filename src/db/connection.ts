// One database API over two engines: embedded PGlite (the zero-setup default, a data folder on
// disk) and PostgreSQL (DATABASE_URL). Same SQL, same migrations, same Drizzle schema.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: the same query API as the database. */
export type Tx = Parameters<Parameters<AppDb['transaction']>[0]>[0];
export type DbOrTx = AppDb | Tx;

export interface Database {
  db: AppDb;
  kind: 'pglite' | 'postgres';
  /** Where the data lives: the PGlite folder (or "memory"), or the PostgreSQL URL without password. */
  location: string;
  /** Plain SQL, for operations and tests. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /**
   * LISTEN on a channel. `onLost` is called when the listening connection breaks (the caller then
   * cannot rely on notifications until it listens again). Returns a function that stops.
   */
  listen(channel: string, onNotify: (payload: string) => void, onLost?: () => void): Promise<() => Promise<void>>;
  /** The PGlite instance, when embedded (backup and restore need it). */
  pglite?: PGlite;
}

export interface OpenOptions {
  /** postgres://... ; default: the DATABASE_URL environment variable. */
  url?: string;
  /** PGlite data folder; default: POSTWIJZER_DATA_DIR or ./data/pglite. "memory" keeps nothing. */
  dataDir?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

/** The repository root, found from this file whether it runs from src/ or from the dist/ bundle. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'db', 'migrations'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the Postwijzer package root (src/db/migrations)');
}

export const MIGRATIONS_FOLDER = (): string => join(packageRoot(), 'src', 'db', 'migrations');

export function defaultDataDir(): string {
  return resolve(process.env.POSTWIJZER_DATA_DIR ?? 'data/pglite');
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const url = opts.url ?? process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // An idle connection that the server closes (a restart, a failover) must not crash the
    // process: the pool drops it and opens a new one on the next query.
    pool.on('error', (e: Error & { code?: string }) => {
      process.stderr.write(`postwijzer: a database connection was closed (${e.code ?? 'error'}); it will be replaced\n`);
    });
    // Fail early, with a clear message, when the server is not there.
    const client = await pool.connect().catch(async (e: Error) => {
      await pool.end();
      throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${e.message}`);
    });
    client.release();
    return {
      db: drizzlePg(pool, { schema }) as unknown as AppDb,
      kind: 'postgres',
      location: redact(url),
      query: async <T,>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
      close: () => pool.end(),
      listen: async (channel, onNotify, onLost) => {
        // A connection of its own, outside the pool, held for as long as we listen.
        const client = new pg.Client({ connectionString: url });
        let stopped = false;
        client.on('error', () => {
          if (!stopped) onLost?.();
        });
        client.on('notification', (n) => {
          if (n.channel === channel) onNotify(n.payload ?? '');
        });
        await client.connect();
        await client.query(`LISTEN "${channel.replace(/"/g, '')}"`);
        return async () => {
          stopped = true;
          await client.end().catch(() => undefined);
        };
      },
    };
  }
  const dataDir = opts.dataDir ?? defaultDataDir();
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const pglite = dataDir === 'memory' ? new PGlite() : new PGlite(dataDir);
  await pglite.waitReady;
  return {
    db: drizzlePglite(pglite, { schema }) as unknown as AppDb,
    kind: 'pglite',
    location: dataDir,
    query: async <T,>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows,
    close: () => pglite.close(),
    listen: async (channel, onNotify) => pglite.listen(channel, onNotify).then((stop) => () => stop()),
    pglite,
  };
}

/** Applies the committed migrations that have not run yet. */
export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER() };
  if (database.kind === 'pglite') await migratePglite(database.db as never, config);
  else await migratePg(database.db as never, config);
}
