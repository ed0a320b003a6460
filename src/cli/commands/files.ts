// `postwijzer files purge [--dry-run] [--json]`: removes the file entries whose retention expired
// (docs/files.md), with their documents, and records what was removed (no names, no contents).
// --dry-run lists what would go and writes nothing. Exit 0; 2 on bad usage.
import { parseArgs } from 'node:util';
import { migrate, openDatabase } from '../../db/connection.ts';
import { purgeExpired } from '../../modules/files/purge.ts';
import { UsageError } from '../errors.ts';

export const summary = 'personnel and student files: purge what is past its retention';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'purge') throw new UsageError('use "postwijzer files purge [--dry-run] [--json]".');
  let values: { 'dry-run'?: boolean; json?: boolean };
  try {
    ({ values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\.$/, '')}; use "postwijzer files purge [--dry-run] [--json]".`);
  }
  const database = await openDatabase();
  try {
    await migrate(database);
    const r = await purgeExpired(database.db, { now: new Date(), dryRun: values['dry-run'] === true, actor: 'cli' });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      return 0;
    }
    if (r.skipped) {
      process.stdout.write('Another purge is running right now; this one did nothing. Try again when it is done.\n');
      return 0;
    }
    const n = r.purged.length;
    const what = `${n} ${n === 1 ? 'entry' : 'entries'}`;
    process.stdout.write(r.dryRun ? `Dry run (nothing removed): ${what} past retention on ${r.today}.\n` : `Purged ${what} past retention on ${r.today} (run ${r.runId}).\n`);
    for (const e of r.purged) process.stdout.write(`  ${e.entryId}  school ${e.schoolId}  ${e.fileKind}/${e.entryType}  created ${e.createdAt.toISOString().slice(0, 10)}  kept until ${e.retainUntil} (${e.retentionRule})${e.hadDocument ? '  with document' : ''}\n`);
    if (r.heldForOpenCase) process.stdout.write(`${r.heldForOpenCase} expired ${r.heldForOpenCase === 1 ? 'entry is' : 'entries are'} kept because the case is still open.\n`);
    return 0;
  } finally {
    await database.close();
  }
}
