// Benchmark of preview checks through the HTTP API with the roster from the database:
// autocannon with 50 connections on loopback against a server in a child process, on
// PostgreSQL (DATABASE_URL, default the local server) and on embedded PGlite.
//   npm run bench:api               (both)
//   npm run bench:api -- --pg-only  (PostgreSQL only)
// Prints a table and writes bench/results/api.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate, openDatabase } from '../src/db/connection.ts';
import { apiTokens, boards, groups, people, schools } from '../src/db/schema/index.ts';
import { createAccount } from '../src/modules/accounts/service.ts';
import { newToken, sha256 } from '../src/modules/auth/secrets.ts';
import { buildApp } from '../src/server/app.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

// ---- child: a server on a database with one school of 1,000 people -------------------------

async function serve(kind: 'pg' | 'pglite', target: string): Promise<void> {
  const database = kind === 'pg' ? await openDatabase({ url: target, poolSize: 20 }) : await openDatabase({ dataDir: target, url: '' });
  await migrate(database);
  const db = database.db;
  const [board] = await db.insert(boards).values({ name: 'ASKO' }).returning();
  const [school] = await db.insert(schools).values({ boardId: board!.id, brin: '99BN', name: 'Basisschool De Regenboog', aliases: ['De Regenboog'] }).returning();
  const [group] = await db.insert(groups).values({ schoolId: school!.id, code: '5b' }).returning();
  const given = ['Sanne', 'Yusuf', 'Lotte', 'Daan', 'Emma', 'Noah', 'Julia', 'Liam', 'Mila', 'Sem'];
  const family = ['de Vries', 'Jansen', 'Demir', 'Bakker', 'Yılmaz', 'Peters', 'El Amrani', 'Visser'];
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    schoolId: school!.id,
    externalId: `p${i}`,
    kind: (i % 10 === 9 ? 'employee' : i % 3 === 0 ? 'guardian' : 'student') as 'employee' | 'guardian' | 'student',
    givenName: given[i % given.length]!,
    familyName: `${family[i % family.length]!}${i}`,
    groupId: group!.id,
  }));
  const inserted = await db.insert(people).values(rows).returning({ id: people.id, kind: people.kind });
  const author = inserted.find((p) => p.kind === 'employee')!.id;
  // The author signs in with an API token, as an integration would: the guard's lookups are part of the measurement.
  const token = newToken('pwt_');
  await db.transaction(async (tx) => {
    const { id } = await createAccount(tx, { email: 'bench@test.example', displayName: 'Bench', roles: [{ schoolId: school!.id, role: 'employee', personId: author }], createdBy: 'bench' });
    await tx.insert(apiTokens).values({ accountId: id, name: 'bench', tokenHash: sha256(token) });
  });
  const app = await buildApp({ database, now: () => Date.parse('2026-11-26T16:00:00+01:00') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}`, schoolId: school!.id, author, token })}\n`);
  process.on('SIGTERM', () => {
    void app.close().then(() => database.close()).then(() => process.exit(0));
  });
}

// ---- parent: start the child, load it, report ----------------------------------------------

interface Row {
  database: string;
  requestsPerSec: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  non2xx: number;
  total: number;
}

async function run(kind: 'pg' | 'pglite'): Promise<Row> {
  let target: string;
  let cleanup: () => Promise<void>;
  if (kind === 'pg') {
    const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS pw_bench_api WITH (FORCE)');
    await admin.query('CREATE DATABASE pw_bench_api');
    await admin.end();
    const u = new URL(base);
    u.pathname = '/pw_bench_api';
    target = u.toString();
    cleanup = async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query('DROP DATABASE IF EXISTS pw_bench_api WITH (FORCE)');
      await a.end();
    };
  } else {
    target = mkdtempSync(join(tmpdir(), 'pw-bench-'));
    cleanup = async () => rmSync(target, { recursive: true, force: true });
  }
  const child = spawn(process.execPath, [process.argv[1]!, '--serve', kind, target], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<{ url: string; schoolId: string; author: string; token: string }>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const body = JSON.stringify({
    post: {
      situation: 'work',
      channel: { kind: 'school', platform: 'instagram' },
      at: '2026-11-26T16:00:00+01:00',
      text: 'Groep 5b heeft vandaag een echte vulkaan gebouwd! Sanne Jansen1 uit groep 5b won de rekenquiz. Bel gerust 06-12345678 voor vragen over het schoolreisje.',
    },
  });
  const result = await autocannon({
    url: `${info.url}/api/v1/schools/${info.schoolId}/checks`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${info.token}` },
    body,
    connections: CONNECTIONS,
    duration: DURATION,
  });
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await cleanup();
  return {
    database: kind === 'pg' ? 'PostgreSQL 15' : 'PGlite',
    requestsPerSec: result.requests.average,
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] as 'pg' | 'pglite', process.argv[4]!);
} else {
  const kinds: ('pg' | 'pglite')[] = process.argv.includes('--pg-only') ? ['pg'] : ['pg', 'pglite'];
  const rows: Row[] = [];
  for (const k of kinds) rows.push(await run(k));
  const machine = `${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), Node ${process.version}`;
  console.log(`\nPreview checks through the API, roster of 1,000 people from the database — ${machine}`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s, loopback; server and load generator share the machine\n`);
  console.log('| database | requests/s | p50 | p99 | errors | non-2xx | requests |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.database} | ${r.requestsPerSec.toFixed(0)} | ${r.p50ms} ms | ${r.p99ms} ms | ${r.errors} | ${r.non2xx} | ${r.total} |`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/api.json', `${JSON.stringify({ date: new Date().toISOString(), machine, connections: CONNECTIONS, seconds: DURATION, rows }, null, 2)}\n`);
  console.log('\nwritten: bench/results/api.json');
}
