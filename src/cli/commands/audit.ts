// `postwijzer audit verify [--school ID]`: recomputes the audit trail's hash chains and names the
// first broken link of each. Exit 0 when every chain is intact, 1 when one is broken.
import { parseArgs } from 'node:util';
import { migrate, openDatabase } from '../../db/connection.ts';
import { verifyAudit } from '../../modules/audit/chain.ts';
import { UsageError } from '../errors.ts';

export const summary = 'verify the audit trail (hash chains per school)';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError('use "postwijzer audit verify [--school ID]".');
  const { values } = parseArgs({ args: rest, options: { school: { type: 'string' } }, strict: true });
  if (values.school !== undefined && !/^[0-9a-f-]{36}$/i.test(values.school)) throw new UsageError(`--school takes a school id (a UUID), not "${values.school}".`);
  const database = await openDatabase();
  try {
    await migrate(database);
    const report = await verifyAudit(database.db, values.school ? { schoolId: values.school } : {});
    const chains = `${report.events} events in ${report.chains} chain${report.chains === 1 ? '' : 's'}`;
    if (report.broken.length === 0) {
      process.stdout.write(`Audit trail intact: ${chains}.\n`);
      for (const h of report.heads) process.stdout.write(`  ${h.schoolId ?? 'board'}: event ${h.seq}, hash ${h.hash}\n`);
      return 0;
    }
    process.stdout.write(`Audit trail BROKEN (${chains}):\n`);
    for (const b of report.broken) process.stdout.write(`  ${b.schoolId ?? 'board'}: first broken link at event ${b.seq} (row ${b.id}): ${b.reason}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
