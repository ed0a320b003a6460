// Benchmark of the roster import: 10,000 students, 20,000 guardians and 1,000 staff as one simple
// CSV (the whole path: decode, parse, validate, write in one transaction), on PostgreSQL and on
// PGlite; then the same file again (nothing changes) and once with changes.
//   npm run bench:import
// Prints a table and writes bench/results/import.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../src/db/connection.ts';
import { migrate, openDatabase } from '../src/db/connection.ts';
import { boards, schools } from '../src/db/schema/index.ts';
import { importRoster } from '../src/modules/roster/service.ts';

const GIVEN = ['Sanne', 'Yusuf', 'Lotte', 'Daan', 'Emma', 'Noah', 'Julia', 'Liam', 'Mila', 'Sem', 'Zoë', 'Fatima', 'Mohamed', 'Elif', 'Anaïs'];
const FAMILY: [string, string][] = [['de', 'Vries'], ['', 'Jansen'], ['van', 'Dijk'], ['', 'Demir'], ['', 'Yılmaz'], ['el', 'Amrani'], ['van der', 'Berg'], ['', 'Bakker']];
const GROUPS = ['1/2a', '1/2b', '3', '4', '5', '6', '7', '8'];

function csv(changed = 0): Uint8Array {
  const lines = ['id,kind,given_name,prefix,family_name,nicknames,birth_date,group,guardian_of,function,supervisor_id,email'];
  for (let i = 0; i < 1000; i++) {
    const [prefix, family] = FAMILY[i % FAMILY.length]!;
    lines.push(`e${i},employee,${GIVEN[i % GIVEN.length]},${prefix},${family}${i},,,${GROUPS[i % GROUPS.length]},,leerkracht,${i === 0 ? '' : 'e0'},`);
  }
  for (let i = 0; i < 10000; i++) {
    const [prefix, family] = FAMILY[i % FAMILY.length]!;
    const given = i < changed ? `${GIVEN[(i + 1) % GIVEN.length]}` : GIVEN[i % GIVEN.length];
    lines.push(`s${i},student,${given},${prefix},${family}${i},,2017-0${1 + (i % 9)}-1${i % 10},${GROUPS[i % GROUPS.length]},,,,`);
  }
  for (let i = 0; i < 20000; i++) {
    const [prefix, family] = FAMILY[i % FAMILY.length]!;
    lines.push(`g${i},guardian,${GIVEN[(i + 3) % GIVEN.length]},${prefix},${family}${i >> 1},,,,s${i >> 1},,,`);
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

async function withDatabase(kind: 'pg' | 'pglite', fn: (d: Database) => Promise<void>): Promise<void> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'pw-bench-import-'));
    const d = await openDatabase({ dataDir: dir, url: '' });
    try {
      await fn(d);
    } finally {
      await d.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS pw_bench_import WITH (FORCE)');
  await admin.query('CREATE DATABASE pw_bench_import');
  const u = new URL(base);
  u.pathname = '/pw_bench_import';
  const d = await openDatabase({ url: u.toString() });
  try {
    await fn(d);
  } finally {
    await d.close();
    await admin.query('DROP DATABASE IF EXISTS pw_bench_import WITH (FORCE)');
    await admin.end();
  }
}

interface Row {
  database: string;
  firstSeconds: number;
  sameAgainSeconds: number;
  changedSeconds: number;
  created: number;
  updated: number;
}

const rows: Row[] = [];
const files = { first: csv(), changed: csv(1000) };
for (const kind of ['pg', 'pglite'] as const) {
  await withDatabase(kind, async (d) => {
    await migrate(d);
    const [board] = await d.db.insert(boards).values({ name: 'ASKO' }).returning();
    const [school] = await d.db.insert(schools).values({ boardId: board!.id, brin: '99IM', name: 'Bench' }).returning();
    const time = async (bytes: Uint8Array) => {
      const t0 = performance.now();
      const r = await importRoster({ db: d.db, schoolId: school!.id, source: [{ name: 'roster.csv', bytes }] });
      return { seconds: (performance.now() - t0) / 1000, r };
    };
    const first = await time(files.first);
    const again = await time(files.first);
    const changed = await time(files.changed);
    rows.push({
      database: kind === 'pg' ? 'PostgreSQL 15' : 'PGlite',
      firstSeconds: first.seconds,
      sameAgainSeconds: again.seconds,
      changedSeconds: changed.seconds,
      created: first.r.created,
      updated: changed.r.updated,
    });
  });
}

const machine = `${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), Node ${process.version}`;
console.log(`\nRoster import: 10,000 students, 20,000 guardians, 1,000 staff (one simple CSV, ${(files.first.length / 1e6).toFixed(1)} MB) — ${machine}\n`);
console.log('| database | first import | same file again | 1,000 changed | created | updated |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.database} | ${r.firstSeconds.toFixed(1)} s | ${r.sameAgainSeconds.toFixed(1)} s | ${r.changedSeconds.toFixed(1)} s | ${r.created} | ${r.updated} |`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/import.json', `${JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2)}\n`);
console.log('\nwritten: bench/results/import.json');
