// `postwijzer seed demo [--seed N] [--force]`: fills the database with the demo board (two
// schools, about 400 students, staff, consents; src/modules/demo). Migrates first.
//
// A database that already has a board is refused (exit 2): demo people must not end up next to
// a real school's roster by accident. --force adds the demo board anyway. The demo schools
// themselves are never added twice (their BRINs 99AA and 99AB are unique): that is refused even
// with --force.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';

export const summary = 'fill the database with the demo board and schools';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { seed: { type: 'string' }, force: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] !== 'demo') {
    throw new UsageError('say what to seed: "postwijzer seed demo [--seed N] [--force]".');
  }
  let seed: number | undefined;
  if (values.seed !== undefined) {
    if (!/^\d{1,9}$/.test(values.seed)) throw new UsageError(`--seed must be a whole number, not "${values.seed}".`);
    seed = Number(values.seed);
  }

  const { migrate, openDatabase } = await import('../../db/connection.ts');
  const { boards } = await import('../../db/schema/index.ts');
  const { DemoExistsError, seedDemo } = await import('../../modules/demo/seed.ts');
  const database = await openDatabase();
  try {
    await migrate(database);
    const [existing] = await database.db.select({ name: boards.name }).from(boards).limit(1);
    if (existing && !values.force) {
      throw new UsageError(`the database already has a board ("${existing.name}"); add --force to add the demo board next to it.`);
    }
    let result;
    try {
      result = await seedDemo({ db: database.db, now: Date.now(), ...(seed !== undefined ? { seed } : {}) });
    } catch (e) {
      if (e instanceof DemoExistsError) throw new UsageError(`${e.message}; they are not added twice.`);
      throw e;
    }
    const where = database.kind === 'pglite' ? `PGlite in ${database.location}` : `PostgreSQL op ${hostOf(database.location)}`;
    const lines = [`Demo aangemaakt: ${result.board} (seed ${result.seed}), database: ${where}`];
    for (const s of result.schools) {
      lines.push(
        `  ${s.name} (${s.brin}): ${s.groups} groepen, ${s.students} leerlingen, ${s.guardians} ouders/verzorgers, ${s.employees} medewerkers, ${s.consentEvents} toestemmingen, ${s.permissions} permissies`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

/** host:port/database of a PostgreSQL URL: no user name or password in the output. */
function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'de server uit DATABASE_URL';
  }
}
