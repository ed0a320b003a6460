// postwijzer import roster FILE|DIR [--school BRIN] [--format simple|oneroster] [--dry-run]
// postwijzer import consents FILE [--school ID|BRIN] [--dry-run]
// Imports a school's roster (docs/roster-import.md) or a consent list from another school system
// (docs/consent.md) into the database: DATABASE_URL, or the PGlite data folder
// (POSTWIJZER_DATA_DIR, default ./data/pglite). Migrations run first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RosterInput } from '../../modules/roster/types.ts';
import { UsageError } from '../errors.ts';

export const summary = 'import a roster (simple CSV or OneRoster) or a consent list into a school';

const USAGE = 'use: postwijzer import roster FILE|DIR [--school BRIN] [--format simple|oneroster] [--dry-run]';
const CONSENTS_USAGE = 'use: postwijzer import consents FILE [--school ID|BRIN] [--dry-run]';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { school: { type: 'string' }, format: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const [what, path, ...extra] = positionals;
  if (what === 'consents') return importConsentList(path, extra, values);
  if (what !== 'roster') throw new UsageError(what === undefined ? `say what to import (${USAGE}; or ${CONSENTS_USAGE}).` : `cannot import "${what}"; ${USAGE}; or ${CONSENTS_USAGE}.`);
  if (path === undefined) throw new UsageError(`give the roster file or OneRoster folder (${USAGE}).`);
  if (extra.length) throw new UsageError(`one file or folder at a time, not ${extra.length + 1} (${USAGE}).`);
  const format = values.format;
  if (format !== undefined && format !== 'simple' && format !== 'oneroster') throw new UsageError(`--format must be simple or oneroster, not "${format}".`);

  const { RosterImportError } = await import('../../modules/roster/types.ts');
  const { assertRosterSize } = await import('../../modules/roster/decode.ts');

  // The files, each refused before it is read when it is over the size cap.
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`cannot read "${path}": there is no such file or folder.`);
  }
  const paths: string[] = [];
  if (stat.isDirectory()) {
    if (format === 'simple') throw new UsageError(`"${path}" is a folder; the simple format is one file (a folder is read as OneRoster).`);
    for (const name of readdirSync(path).sort()) if (name.toLowerCase().endsWith('.csv') && statSync(join(path, name)).isFile()) paths.push(join(path, name));
    if (paths.length === 0) throw new UsageError(`the folder "${path}" has no .csv files (OneRoster: users.csv, orgs.csv, classes.csv, enrollments.csv, demographics.csv).`);
  } else paths.push(path);
  const files = [];
  try {
    for (const p of paths) {
      assertRosterSize(statSync(p).size, basename(p));
      files.push({ name: basename(p), bytes: readFileSync(p) });
    }
  } catch (e) {
    if (e instanceof RosterImportError) throw new UsageError(e.message);
    throw new UsageError(`cannot read "${path}": ${(e as Error).message}`);
  }

  // Read the files before the database opens: a bad file fails fast. The simple format is checked
  // completely here; OneRoster needs the school's BRIN (orgs.csv) and is checked after.
  const { parseRosterFiles, readParsedRoster } = await import('../../modules/roster/read.ts');
  let parsed;
  let input: RosterInput | null = null;
  try {
    parsed = parseRosterFiles(files, format);
    if (parsed.format === 'simple') input = readParsedRoster(parsed);
  } catch (e) {
    if (e instanceof RosterImportError) throw new UsageError(e.message);
    throw e;
  }

  const { openDatabase, migrate } = await import('../../db/connection.ts');
  const { schools } = await import('../../db/schema/index.ts');
  const { importRoster } = await import('../../modules/roster/service.ts');
  const database = await openDatabase();
  try {
    await migrate(database);
    const all = await database.db.select({ id: schools.id, brin: schools.brin, name: schools.name }).from(schools);
    let school;
    if (values.school !== undefined) {
      school = all.find((s) => s.brin.toLowerCase() === values.school!.trim().toLowerCase());
      if (!school) {
        const known = all.length ? ` The schools are: ${all.map((s) => s.brin).sort().join(', ')}.` : ' There are no schools in the database yet.';
        throw new UsageError(`there is no school with BRIN "${values.school}".${known}`);
      }
    } else if (all.length === 1) school = all[0]!;
    else if (all.length === 0) throw new UsageError('there are no schools in the database yet; add the board and school first.');
    else throw new UsageError(`there are ${all.length} schools; choose one with --school BRIN (${all.map((s) => s.brin).sort().join(', ')}).`);

    let result;
    try {
      const source = input ?? readParsedRoster(parsed, { brin: school.brin });
      result = await importRoster({ db: database.db, schoolId: school.id, source, dryRun: values['dry-run'] ?? false });
    } catch (e) {
      if (e instanceof RosterImportError) throw new UsageError(e.message);
      throw e;
    }
    const counts = `${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.deactivated} deactivated; ${result.groupsCreated} group${result.groupsCreated === 1 ? '' : 's'} created`;
    const what = `${result.people} people, ${result.format === 'simple' ? 'simple CSV' : 'OneRoster'}`;
    process.stdout.write(
      result.dryRun
        ? `Dry run for ${school.brin} (${school.name}), nothing was written: the import would give ${counts} (${what}).\n`
        : `Roster imported into ${school.brin} (${school.name}): ${counts} (${what}).\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** A consent list (docs/consent.md): read and checked as a file first, then against the school, all or nothing. */
async function importConsentList(path: string | undefined, extra: string[], values: { school?: string | undefined; format?: string | undefined; 'dry-run'?: boolean | undefined }): Promise<number> {
  if (path === undefined) throw new UsageError(`give the consent list (a CSV file) to import (${CONSENTS_USAGE}).`);
  if (extra.length) throw new UsageError(`one file at a time, not ${extra.length + 1} (${CONSENTS_USAGE}).`);
  if (values.format !== undefined) throw new UsageError(`--format is for the roster; a consent list is one CSV (${CONSENTS_USAGE}).`);
  const { assertConsentListSize, ConsentImportError, parseConsentList, importConsents } = await import('../../modules/consent/import.ts');

  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`cannot read "${path}": there is no such file.`);
  }
  if (stat.isDirectory()) throw new UsageError(`"${path}" is a folder; give the consent list's CSV file.`);
  // Refused before it is read when it is over the size cap; a bad file fails before the database opens.
  let list;
  try {
    assertConsentListSize(stat.size, path);
    list = parseConsentList({ name: basename(path), bytes: readFileSync(path) });
  } catch (e) {
    if (e instanceof ConsentImportError) throw new UsageError(e.message);
    throw new UsageError(`cannot read "${path}": ${(e as Error).message}`);
  }

  const { openDatabase, migrate } = await import('../../db/connection.ts');
  const { schools } = await import('../../db/schema/index.ts');
  const database = await openDatabase();
  try {
    await migrate(database);
    const all = await database.db.select({ id: schools.id, brin: schools.brin, name: schools.name }).from(schools);
    let school;
    if (values.school !== undefined) {
      const wanted = values.school.trim().toLowerCase();
      school = all.find((s) => s.id === wanted || s.brin.toLowerCase() === wanted);
      if (!school) {
        const known = all.length ? ` The schools are: ${all.map((s) => s.brin).sort().join(', ')}.` : ' There are no schools in the database yet.';
        throw new UsageError(`there is no school with id or BRIN "${values.school}".${known}`);
      }
    } else if (all.length === 1) school = all[0]!;
    else if (all.length === 0) throw new UsageError('there are no schools in the database yet; add the board and school first.');
    else throw new UsageError(`there are ${all.length} schools; choose one with --school ID|BRIN (${all.map((s) => s.brin).sort().join(', ')}).`);

    let r;
    try {
      r = await importConsents({ db: database.db, schoolId: school.id, source: list, dryRun: values['dry-run'] ?? false, importedBy: null, actor: 'cli' });
    } catch (e) {
      if (e instanceof ConsentImportError) throw new UsageError(e.message);
      throw e;
    }
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const counts = `${plural(r.events, 'consent event')} (${r.granted} granted, ${r.refused} refused, ${r.revoked} revoked), ${r.unchanged} unchanged, ${plural(r.takedowns, 'takedown task')}; ${plural(r.rows, 'row')} for ${r.people} ${r.people === 1 ? 'person' : 'people'}`;
    process.stdout.write(
      r.dryRun
        ? `Dry run for ${school.brin} (${school.name}), nothing was written: the import would record ${counts}.\n`
        : `Consent list imported into ${school.brin} (${school.name}): ${counts}.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
