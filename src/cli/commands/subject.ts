// `postwijzer subject ...`: subject access and erasure (AVG art. 15, 17; docs/subject-access.md)
// from the command line, for the data-protection officer's administrator.
//   subject export --person ID [--format json|pdf] [--out FILE]   (json to standard output without --out)
//   subject erasure --person ID                                    what erasure would do and what blocks it
//   subject erase --person ID --confirm-name "FULL NAME"           erase; exit 1 with the reasons when refused
// Every export and erasure is an audit event with actor "cli".
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { migrate, openDatabase } from '../../db/connection.ts';
import { people } from '../../db/schema/index.ts';
import { appendAudit } from '../../modules/audit/chain.ts';
import { checkErasure, erasePerson, ErasureRefused } from '../../modules/subject-access/erasure.ts';
import type { ErasureCheck } from '../../modules/subject-access/erasure.ts';
import { buildExport, exportJson, exportPdf, loadSubject } from '../../modules/subject-access/export.ts';
import { fullName, normaliseName } from '../../modules/subject-access/redact.ts';
import { UsageError } from '../errors.ts';

export const summary = 'subject access (export) and erasure of one person (AVG art. 15, 17)';

const USAGE = 'use "postwijzer subject export --person ID [--format json|pdf] [--out FILE]", "postwijzer subject erasure --person ID" or "postwijzer subject erase --person ID --confirm-name NAAM".';

function describeCheck(c: ErasureCheck): string {
  const lines = [c.allowed ? `${c.name} can be erased now.` : `${c.name} cannot be erased now:`];
  for (const b of c.blockers) lines.push(`  - ${b.reason}`);
  if (c.plan.length) {
    lines.push(c.allowed ? 'Erasure would:' : 'Once allowed, erasure would:');
    for (const p of c.plan) lines.push(`  ${p.action.padEnd(7)} ${p.table}.${p.column} (${p.rows} row${p.rows === 1 ? '' : 's'})`);
  }
  for (const k of c.kept) lines.push(`Kept: ${k.table}: ${k.reason}`);
  return lines.join('\n') + '\n';
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'export' && sub !== 'erasure' && sub !== 'erase') throw new UsageError(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: { person: { type: 'string' }, format: { type: 'string', default: 'json' }, out: { type: 'string' }, 'confirm-name': { type: 'string' } },
    strict: true,
  });
  if (!values.person || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(values.person)) {
    throw new UsageError(`--person takes the person's id (a UUID)${values.person ? `, not "${values.person}"` : ''}.`);
  }
  if (values.format !== 'json' && values.format !== 'pdf') throw new UsageError(`--format is json or pdf, not "${values.format}".`);
  if (sub === 'export' && values.format === 'pdf' && !values.out) throw new UsageError('a PDF needs --out FILE (it is not written to the terminal).');
  if (sub === 'erase' && !values['confirm-name']) throw new UsageError('erase needs --confirm-name with the person’s full name, to be sure the right person is erased.');

  const database = await openDatabase();
  try {
    await migrate(database);
    const db = database.db;
    const [row] = await db.select({ schoolId: people.schoolId }).from(people).where(eq(people.id, values.person));
    if (!row) throw new UsageError(`there is no person with id ${values.person}.`);
    const now = new Date();
    if (sub === 'export') {
      const e = await db.transaction(async (tx) => {
        const s = (await loadSubject(tx, row.schoolId, values.person!))!;
        const out = await buildExport(tx, s, now);
        await appendAudit(tx, { schoolId: row.schoolId, actor: 'cli', action: 'subject.exported', subjectType: 'person', subjectId: s.person.id, fields: [values.format!], at: now });
        return out;
      });
      const data = values.format === 'pdf' ? await exportPdf(e) : Buffer.from(exportJson(e) + '\n');
      if (values.out) {
        writeFileSync(values.out, data);
        process.stderr.write(`Export written to ${values.out} (${data.length} bytes).\n`);
      } else process.stdout.write(data);
      return 0;
    }
    const s = (await loadSubject(db, row.schoolId, values.person))!;
    if (sub === 'erasure') {
      // The dry run reveals cases and breaches: audited like the web's (AVG art. 5(2)).
      const c = await db.transaction(async (tx) => {
        const out = await checkErasure(tx, s, now);
        await appendAudit(tx, { schoolId: row.schoolId, actor: 'cli', action: 'subject.erasure_checked', subjectType: 'person', subjectId: s.person.id, fields: out.blockers.map((b) => b.code), at: now });
        return out;
      });
      process.stdout.write(values.format === 'json' && values.out ? '' : describeCheck(c));
      if (values.out) writeFileSync(values.out, JSON.stringify(c, null, 2));
      return 0;
    }
    if (normaliseName(values['confirm-name']!) !== normaliseName(fullName(s.person))) throw new UsageError('--confirm-name does not match the person’s full name.');
    try {
      const done = await erasePerson(db, row.schoolId, s.person.id, { actor: 'cli', now }, (tx) => loadSubject(tx, row.schoolId, s.person.id));
      process.stdout.write(`Erased. ${done?.plan.length ?? 0} step(s); the audit trail keeps the ids only.\n`);
      return 0;
    } catch (e) {
      if (e instanceof ErasureRefused) {
        process.stdout.write(describeCheck(e.check));
        return 1;
      }
      throw e;
    }
  } finally {
    await database.close();
  }
}
