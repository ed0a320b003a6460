// `postwijzer restore FILE [--force]`: restores a backup (a plain SQL dump of either engine) into
// the database the app would use, which must be empty; --force drops everything in it first. The
// restore is one transaction: when it fails, the database is as it was.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { BackupInputError, checkDumpFile, restore } from '../../db/backup.ts';
import { UsageError } from '../errors.ts';
import { formatSize, formatTime } from './backup.ts';
import { describeDatabase, migrationStatus } from './migrate.ts';

export const summary = 'restore a backup FILE into an empty database (--force: replace what is there)';

const asUsage = (e: unknown): never => {
  throw e instanceof BackupInputError ? new UsageError(e.message) : e;
};

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length ? 'restore takes one FILE: postwijzer restore FILE.' : 'restore needs the backup FILE: postwijzer restore FILE.');
  }
  const file = resolve(positionals[0]!);
  // Check the file before opening (and for PGlite, creating) the database.
  await checkDumpFile(file).catch(asUsage);

  const url = process.env.DATABASE_URL || undefined;
  const database = await openDatabase(url ? { url, poolSize: 1 } : { url: '' });
  try {
    const target = database.pglite
      ? { kind: 'pglite' as const, pglite: database.pglite, location: database.location }
      : { kind: 'postgres' as const, url: url!, location: database.location };
    const result = await restore(target, file, { force: values.force ?? false }).catch(asUsage);
    process.stdout.write(`Restored ${file} (${formatSize(result.bytes)}) into ${describeDatabase(database)} in ${formatTime(result.ms)}.\n`);
    const status = await migrationStatus(database);
    if (status.pending.length) {
      process.stdout.write(`The backup is older than this version: run "postwijzer migrate" to apply ${status.pending.length} pending migration(s).\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}
