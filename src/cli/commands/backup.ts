// `postwijzer backup FILE [--force]`: writes the whole database as a plain SQL dump. PGlite uses
// the WASM pg_dump of @electric-sql/pglite-tools; PostgreSQL (DATABASE_URL) the machine's pg_dump.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir, openDatabase } from '../../db/connection.ts';
import { backup, BackupInputError, pgliteDataExists } from '../../db/backup.ts';
import { UsageError } from '../errors.ts';
import { describeDatabase } from './migrate.ts';

export const summary = 'write a backup of the database to FILE (plain SQL; --force overwrites FILE)';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export const formatTime = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length ? 'backup takes one FILE: postwijzer backup FILE.' : 'backup needs a FILE to write to: postwijzer backup FILE.');
  }
  const file = resolve(positionals[0]!);
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) throw new UsageError(`the folder ${dirname(file)} does not exist.`);
  if (existsSync(file) && !values.force) throw new UsageError(`${file} already exists: choose a new name, or pass --force to overwrite it.`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`${file} is a folder, not a file.`);

  const url = process.env.DATABASE_URL || undefined;
  if (!url && !pgliteDataExists(defaultDataDir())) {
    throw new UsageError(`there is no database at ${defaultDataDir()}: set POSTWIJZER_DATA_DIR to the PGlite folder, or DATABASE_URL for PostgreSQL.`);
  }
  const database = await openDatabase(url ? { url, poolSize: 1 } : { url: '' });
  try {
    const target = database.pglite
      ? { kind: 'pglite' as const, pglite: database.pglite, location: database.location }
      : { kind: 'postgres' as const, url: url!, location: database.location };
    const result = await backup(target, file).catch((e: unknown) => {
      throw e instanceof BackupInputError ? new UsageError(e.message) : e;
    });
    process.stdout.write(`Backup of ${describeDatabase(database)} written to ${file}: ${formatSize(result.bytes)} in ${formatTime(result.ms)}.\n`);
    return 0;
  } finally {
    await database.close();
  }
}
