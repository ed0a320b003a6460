// Benchmark of the audit trail under concurrent writers: 1,000 audit writes started at once,
// spread over 10 schools, each its own transaction (`db.transaction(tx => appendAudit(tx, …))`,
// as a request does), on PostgreSQL through a pool of 20 connections and on PGlite (one
// connection). Each round runs on a fresh database and is then checked: `verifyAudit` finds 10
// intact chains and 1,000 events, every school's numbers run 1..n without gaps, every write that
// resolved is in the table, and `postwijzer audit verify` (the built CLI, as a separate process)
// exits 0. A warm-up round comes first and is reported but not counted.
//   npm run bench:audit                 (both databases)
//   npm run bench:audit -- --pg-only    (PostgreSQL only)
// PostgreSQL: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; each round creates
// a database pw_bench_audit_<random> there and drops it. BENCH_ROUNDS sets the measured rounds (3).
// Prints a table and writes bench/results/audit.json. Exits 1 when a check fails.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../src/db/connection.ts';
import { migrate, openDatabase } from '../src/db/connection.ts';
import { boards, schools } from '../src/db/schema/index.ts';
import { appendAudit, verifyAudit } from '../src/modules/audit/chain.ts';

const WRITES = 1000;
const SCHOOLS = 10;
const POOL = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

type Kind = 'pg' | 'pglite';

interface Round {
  database: string;
  round: number;
  warmUp: boolean;
  writes: number;
  resolved: number;
  rejected: number;
  wallSeconds: number;
  writesPerSec: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
  chains: number;
  events: number;
  broken: number;
  rowsInTable: number;
  seqGapless: boolean;
  resolvedAllFound: boolean;
  cliExitCode: number | null;
  cliOutput: string;
  failures: string[];
}

// ---- a fresh database per round ---------------------------------------------------------------

interface Fresh {
  database: Database;
  /** Environment for the CLI to open the same database. */
  cliEnv: Record<string, string>;
  /** Drops the database (after it was closed). */
  drop: () => Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * A migrated, closed PGlite data folder, made once: PGlite's initdb takes seconds (more on a busy
 * machine), a copy of a closed folder a fraction of that.
 */
let pgliteTemplate: string | undefined;
async function pgliteFolder(): Promise<string> {
  if (!pgliteTemplate) {
    const dir = mkdtempSync(join(tmpdir(), 'pw-bench-audit-template-'));
    const database = await openDatabase({ dataDir: dir, url: '' });
    await migrate(database);
    await database.close();
    pgliteTemplate = dir;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-audit-'));
  cpSync(pgliteTemplate, dir, { recursive: true });
  return dir;
}

async function freshDatabase(kind: Kind): Promise<Fresh> {
  if (kind === 'pglite') {
    const dir = await pgliteFolder();
    const database = await openDatabase({ dataDir: dir, url: '' });
    await migrate(database);
    return { database, cliEnv: { DATABASE_URL: '', POSTWIJZER_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `pw_bench_audit_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await openDatabase({ url, poolSize: POOL });
  await migrate(database);
  // Open all connections of the pool first, as a running server would have them.
  await Promise.all(Array.from({ length: POOL }, () => database.query('select pg_sleep(0.02)')));
  return { database, cliEnv: { DATABASE_URL: url }, drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// ---- the CLI ---------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ (the CLI runs from the bundle). */
function ensureBuilt(): void {
  const cli = 'dist/cli.mjs';
  if (existsSync(cli) && statSync(cli).mtimeMs >= newestMtime('src')) return;
  console.log('dist/ is missing or older than src/: building (node scripts/build.mjs)');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) {
    if (!existsSync(cli)) throw new Error('the build failed and there is no dist/cli.mjs');
    console.log('the build failed; using the dist/ that is there');
  }
}

function cliVerify(env: Record<string, string>): { code: number | null; output: string } {
  const r = spawnSync(process.execPath, ['bin/postwijzer.mjs', 'audit', 'verify'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

// ---- one round ---------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function round(kind: Kind, label: string, n: number, warmUp: boolean): Promise<Round> {
  const fresh = await freshDatabase(kind);
  const { database } = fresh;
  const failures: string[] = [];
  let closed = false;
  try {
    const db = database.db;
    const [board] = await db.insert(boards).values({ name: 'ASKO' }).returning();
    const schoolRows = await db
      .insert(schools)
      .values(Array.from({ length: SCHOOLS }, (_, i) => ({ boardId: board!.id, brin: `99A${i}`, name: `Bench ${i + 1}` })))
      .returning({ id: schools.id });
    const schoolIds = schoolRows.map((s) => s.id);
    const actors = Array.from({ length: 40 }, () => randomUUID());

    // All writes start in one synchronous loop; each is its own transaction.
    const latencies: number[] = new Array<number>(WRITES).fill(Number.NaN);
    const t0 = performance.now();
    const promises = Array.from({ length: WRITES }, (_, i) => {
      const schoolId = schoolIds[i % SCHOOLS]!;
      const start = performance.now();
      return db
        .transaction((tx) =>
          appendAudit(tx, {
            schoolId,
            actor: actors[i % actors.length]!,
            action: 'post.submit',
            subjectType: 'post',
            subjectId: randomUUID(),
            requestId: `bench-${n}-${i}`,
            fields: ['status', 'text'],
          }),
        )
        .then((r) => {
          latencies[i] = performance.now() - start;
          return { schoolId, ...r };
        });
    });
    const settled = await Promise.allSettled(promises);
    const wallSeconds = (performance.now() - t0) / 1000;

    const resolved = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const rejected = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    if (rejected.length) failures.push(`${rejected.length} writes failed, e.g. ${rejected[0]}`);
    const sorted = latencies.filter((l) => !Number.isNaN(l)).sort((a, b) => a - b);

    // Checks: verifyAudit, gapless numbers per school, every resolved write in the table.
    const report = await verifyAudit(db);
    if (report.chains !== SCHOOLS) failures.push(`verifyAudit found ${report.chains} chains, expected ${SCHOOLS}`);
    if (report.events !== WRITES) failures.push(`verifyAudit found ${report.events} events, expected ${WRITES}`);
    if (report.broken.length) failures.push(`broken links: ${JSON.stringify(report.broken)}`);

    const perSchool = await database.query<{ school_id: string; n: number; lo: number; hi: number; distinct_seq: number }>(
      'select school_id, count(*)::int as n, min(seq)::int as lo, max(seq)::int as hi, count(distinct seq)::int as distinct_seq from audit_events group by school_id',
    );
    let seqGapless = perSchool.length === SCHOOLS;
    for (const s of perSchool) {
      if (!(s.lo === 1 && s.hi === s.n && s.distinct_seq === s.n)) {
        seqGapless = false;
        failures.push(`school ${s.school_id}: ${s.n} events numbered ${s.lo}..${s.hi} (${s.distinct_seq} distinct)`);
      }
    }
    if (perSchool.length !== SCHOOLS) failures.push(`events for ${perSchool.length} schools, expected ${SCHOOLS}`);

    const stored = await database.query<{ school_id: string; seq: number; hash: string }>('select school_id, seq::int as seq, hash from audit_events');
    const keys = new Set(stored.map((r) => `${r.school_id}/${r.seq}/${r.hash}`));
    const missing = resolved.filter((r) => !keys.has(`${r.schoolId}/${r.seq}/${r.hash}`));
    if (stored.length !== resolved.length) failures.push(`${stored.length} rows in audit_events, but ${resolved.length} writes resolved`);
    if (missing.length) failures.push(`${missing.length} resolved writes are not in the table`);

    // The CLI, as a separate process, after this process let go of the database.
    await database.close();
    closed = true;
    const cli = cliVerify(fresh.cliEnv);
    if (cli.code !== 0) failures.push(`postwijzer audit verify exited with ${cli.code}: ${cli.output}`);

    return {
      database: label,
      round: n,
      warmUp,
      writes: WRITES,
      resolved: resolved.length,
      rejected: rejected.length,
      wallSeconds,
      writesPerSec: resolved.length / wallSeconds,
      p50ms: percentile(sorted, 50),
      p99ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
      chains: report.chains,
      events: report.events,
      broken: report.broken.length,
      rowsInTable: stored.length,
      seqGapless,
      resolvedAllFound: missing.length === 0,
      cliExitCode: cli.code,
      cliOutput: cli.output.split('\n')[0] ?? '',
      failures,
    };
  } finally {
    if (!closed) await database.close();
    await fresh.drop();
  }
}

// ---- main --------------------------------------------------------------------------------------

ensureBuilt();
const kinds: Kind[] = process.argv.includes('--pg-only') ? ['pg'] : ['pg', 'pglite'];
let pgVersion = '';
const rounds: Round[] = [];
const started = performance.now();
/** The machine is often shared: the 1-minute load average before and after, for the record. */
const loadBefore = loadavg()[0] ?? 0;
try {
  for (const kind of kinds) {
    let label = 'PGlite';
    if (kind === 'pg') {
      const admin = new pg.Client({ connectionString: BASE_URL });
      await admin.connect();
      pgVersion = String((await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '').split(' ')[0] ?? '';
      await admin.end();
      label = `PostgreSQL ${pgVersion.split('.')[0]}`;
    }
    for (let n = 0; n <= ROUNDS; n++) {
      const r = await round(kind, label, n, n === 0);
      rounds.push(r);
      console.log(
        `${label} ${r.warmUp ? 'warm-up' : `round ${n}`}: ${r.resolved}/${r.writes} in ${r.wallSeconds.toFixed(2)} s; verify: ${r.events} events, ${r.chains} chains, ${r.broken} broken; CLI exit ${r.cliExitCode}${r.failures.length ? ` — FAILED: ${r.failures.join('; ')}` : ''}`,
      );
    }
  }
} finally {
  if (pgliteTemplate) rmSync(pgliteTemplate, { recursive: true, force: true });
}

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const machine = `${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
console.log(`\nAudit trail: ${fmt(WRITES)} concurrent writes over ${SCHOOLS} schools, one transaction each — ${machine}`);
console.log(`PostgreSQL ${pgVersion || '(not run)'} through a pool of ${POOL} connections; PGlite one connection. Latency: call to commit, queueing included.\n`);
console.log('| database | round | writes/s | wall | p50 | p99 | max | resolved | rows | chains | gapless | CLI verify |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|');
for (const r of rounds) {
  console.log(
    `| ${r.database} | ${r.warmUp ? 'warm-up' : r.round} | ${fmt(r.writesPerSec)} | ${fmt(r.wallSeconds, 2)} s | ${fmt(r.p50ms)} ms | ${fmt(r.p99ms)} ms | ${fmt(r.maxMs)} ms | ${r.resolved} | ${r.rowsInTable} | ${r.chains} | ${r.seqGapless ? 'yes' : 'NO'} | exit ${r.cliExitCode} |`,
  );
}
const failed = rounds.filter((r) => r.failures.length);
const loadAfter = loadavg()[0] ?? 0;
console.log(
  `\n${failed.length ? `FAILED checks in ${failed.length} round(s)` : 'all checks passed'}; total ${fmt((performance.now() - started) / 1000, 1)} s; load average ${fmt(loadBefore, 1)} before, ${fmt(loadAfter, 1)} after`,
);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/audit.json',
  `${JSON.stringify({ date: new Date().toISOString(), machine, postgres: pgVersion || null, loadAverage: { before: loadBefore, after: loadAfter }, writes: WRITES, schools: SCHOOLS, poolSize: POOL, rounds }, null, 2)}\n`,
);
console.log('written: bench/results/audit.json');
process.exit(failed.length ? 1 : 0);
