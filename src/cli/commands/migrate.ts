// `postwijzer migrate [--status]`: applies the committed migrations that have not run yet, on the
// database the app would use (DATABASE_URL, else the PGlite folder POSTWIJZER_DATA_DIR or
// ./data/pglite). Run it before starting new app processes on a deploy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../../db/connection.ts';
import { defaultDataDir, MIGRATIONS_FOLDER, migrate, openDatabase } from '../../db/connection.ts';
import { pgliteDataExists } from '../../db/backup.ts';
import { UsageError } from '../errors.ts';

export const summary = 'apply pending database migrations (--status: list them without applying)';

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/** The committed migrations (src/db/migrations/meta/_journal.json), oldest first. */
function journal(): { tag: string; when: number }[] {
  const file = join(MIGRATIONS_FOLDER(), 'meta', '_journal.json');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { entries: { tag: string; when: number }[] };
  return [...parsed.entries].sort((a, b) => a.when - b.when);
}

/**
 * Which migrations the database has. Drizzle's migrator runs every migration newer than the
 * last one recorded in drizzle.__drizzle_migrations; this reads the same way.
 */
export async function migrationStatus(database: Database | null): Promise<MigrationStatus> {
  const entries = journal();
  let last = -Infinity;
  if (database) {
    const [exists] = await database.query<{ t: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
    if (exists?.t) {
      const [row] = await database.query<{ at: string | null }>(`select max(created_at)::text as at from drizzle.__drizzle_migrations`);
      if (row?.at) last = Number(row.at);
    }
  }
  return {
    applied: entries.filter((e) => e.when <= last).map((e) => e.tag),
    pending: entries.filter((e) => e.when > last).map((e) => e.tag),
  };
}

export function describeDatabase(database: Pick<Database, 'kind' | 'location'>): string {
  return database.kind === 'pglite' ? `PGlite at ${database.location}` : `PostgreSQL at ${database.location}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { status: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length) throw new UsageError(`migrate takes no arguments, but got "${positionals[0]}".`);
  const url = process.env.DATABASE_URL || undefined;

  // --status on a PGlite folder that has no database yet: report, without creating one.
  if (values.status && !url && !pgliteDataExists(defaultDataDir())) {
    const status = await migrationStatus(null);
    process.stdout.write(`Database: PGlite at ${defaultDataDir()} (no database there yet)\n`);
    for (const tag of status.pending) process.stdout.write(`pending  ${tag}\n`);
    process.stdout.write(`0 applied, ${status.pending.length} pending.\n`);
    return 0;
  }

  const database = await openDatabase(url ? { url, poolSize: 1 } : { url: '' });
  try {
    const before = await migrationStatus(database);
    process.stdout.write(`Database: ${describeDatabase(database)}\n`);
    if (values.status) {
      for (const tag of before.applied) process.stdout.write(`applied  ${tag}\n`);
      for (const tag of before.pending) process.stdout.write(`pending  ${tag}\n`);
      process.stdout.write(`${before.applied.length} applied, ${before.pending.length} pending.\n`);
      return 0;
    }
    await migrate(database);
    const after = await migrationStatus(database);
    const total = after.applied.length + after.pending.length;
    if (before.pending.length === 0) {
      process.stdout.write(`Nothing to apply: ${after.applied.length} of ${plural(total, 'migration is', 'migrations are')} applied.\n`);
    } else {
      process.stdout.write(`Applied ${plural(before.pending.length, 'migration', 'migrations')}: ${before.pending.join(', ')}.\n`);
      process.stdout.write(`${after.applied.length} of ${plural(total, 'migration is', 'migrations are')} applied now.\n`);
    }
    return after.pending.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}
