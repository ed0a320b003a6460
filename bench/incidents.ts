// Benchmark of incident cases through the HTTP API on PostgreSQL: 100 concurrent users on
// loopback (autocannon) against a server in a child process. 90 of them are parents and students
// who report (POST …/incidents, which runs the check engine on the text and writes the case, its
// first event and an audit event in one transaction), then open their report as a reporter
// (GET …/reporter-view) and their list (GET …/incidents/mine); 10 are the school's handlers who
// read the list of cases (GET …/incidents) and open the newest case in full (GET …/:incidentId).
// Every user signs in with an API token of their own. SCHOOLS spreads the users over that many
// schools of the board (default 1: everyone at one school, the hardest case, as every write of a
// school takes its turn on the school's audit chain).
//   npm run bench:incidents
// PostgreSQL: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; the benchmark creates
// a database pw_bench_incidents_<random> there and drops it. BENCH_SECONDS sets the duration (10).
// Prints a table and writes bench/results/incidents.json: errors, non-2xx and p99 per stream, and
// the floor of the machine at that moment (the same 100 connections on GET /health) for context.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate, openDatabase } from '../src/db/connection.ts';
import { apiTokens, boards, groups, people, schools } from '../src/db/schema/index.ts';
import { createAccount } from '../src/modules/accounts/service.ts';
import { newToken, sha256 } from '../src/modules/auth/secrets.ts';
import { buildApp } from '../src/server/app.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const REPORTERS = 90;
const HANDLERS = 10;
const SCHOOLS = Math.max(1, Number(process.env.SCHOOLS ?? 1));
const TARGET_P99_MS = 200;
const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

interface Info {
  url: string;
  reporters: { token: string; schoolId: string }[];
  handlers: { token: string; schoolId: string }[];
}

// ---- child: a server with the schools, their rosters and 100 accounts ---------------------------

async function serve(url: string): Promise<void> {
  // The product's own pool size (10, as `npm start` uses) unless BENCH_POOL says otherwise.
  const database = await openDatabase({ url, ...(process.env.BENCH_POOL ? { poolSize: Number(process.env.BENCH_POOL) } : {}) });
  await migrate(database);
  const db = database.db;
  const [board] = await db.insert(boards).values({ name: 'ASKO' }).returning();
  const given = ['Sanne', 'Yusuf', 'Lotte', 'Daan', 'Emma', 'Noah', 'Julia', 'Liam', 'Mila', 'Sem'];
  const family = ['de Vries', 'Jansen', 'Demir', 'Bakker', 'Yılmaz', 'Peters', 'El Amrani', 'Visser'];
  const info: Info = { url: '', reporters: [], handlers: [] };
  const schoolIds: string[] = [];
  for (let s = 0; s < SCHOOLS; s++) {
    const [school] = await db.insert(schools).values({ boardId: board!.id, brin: `99I${s}`, name: `Basisschool ${s}`, aliases: [] }).returning();
    const [group] = await db.insert(groups).values({ schoolId: school!.id, code: '7' }).returning();
    await db.insert(people).values(
      Array.from({ length: 400 }, (_, i) => ({
        schoolId: school!.id,
        externalId: `p${i}`,
        kind: (i % 10 === 9 ? 'employee' : i % 3 === 0 ? 'guardian' : 'student') as 'employee' | 'guardian' | 'student',
        givenName: given[i % given.length]!,
        familyName: `${family[i % family.length]!}${i}`,
        groupId: group!.id,
      })),
    );
    schoolIds.push(school!.id);
  }
  const account = async (i: number, schoolId: string, role: 'guardian' | 'student' | 'director' | 'supervisor') => {
    const token = newToken('pwt_');
    await db.transaction(async (tx) => {
      const { id } = await createAccount(tx, { email: `bench${i}@test.example`, displayName: `Bench ${i}`, roles: [{ schoolId, role, personId: null }], createdBy: 'bench' });
      await tx.insert(apiTokens).values({ accountId: id, name: 'bench', tokenHash: sha256(token) });
    });
    return { token, schoolId };
  };
  for (let i = 0; i < REPORTERS; i++) info.reporters.push(await account(i, schoolIds[i % SCHOOLS]!, i % 3 === 0 ? 'student' : 'guardian'));
  for (let i = 0; i < HANDLERS; i++) info.handlers.push(await account(REPORTERS + i, schoolIds[i % SCHOOLS]!, i % 2 ? 'supervisor' : 'director'));
  const app = await buildApp({ database, now: () => Date.now() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  info.url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.on('SIGTERM', () => {
    void app.close().then(() => database.close()).then(() => process.exit(0));
  });
}

// ---- parent ------------------------------------------------------------------------------------

interface Row {
  stream: string;
  connections: number;
  requestsPerSec: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
  total: number;
}

const TEXTS = [
  'In de groepsapp van groep 7 noemt iemand Lotte Peters5 een sukkel en deelt haar adres, Kerkstraat 12.',
  'Op een openbaar account wordt een leerkracht uitgescholden onder een foto van het schoolplein.',
  'Iemand plaatste een filmpje van de gymles zonder te vragen en de reacties zijn gemeen.',
];

/** One autocannon stream where every connection is its own user (its own token). */
function stream(info: Info, users: { token: string; schoolId: string }[], requests: (u: { token: string; schoolId: string }) => autocannon.Request[]): Promise<autocannon.Result> {
  let next = 0;
  const perClient = users.map((u) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${u.token}` };
    return { u, reqs: requests(u).map((r) => ({ ...r, headers })) };
  });
  return autocannon({
    url: info.url,
    connections: users.length,
    duration: DURATION,
    // Each connection takes the next user and runs that user's requests in turn.
    requests: [{ method: 'GET', path: '/health' }],
    setupClient: (client: autocannon.Client) => {
      const mine = perClient[next++ % perClient.length]!;
      (client as unknown as { setRequests: (r: autocannon.Request[]) => void }).setRequests(mine.reqs);
    },
  } as autocannon.Options);
}

function row(name: string, connections: number, r: autocannon.Result): Row {
  return {
    stream: name,
    connections,
    requestsPerSec: r.requests.average,
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    maxMs: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

async function main(): Promise<void> {
  const name = `pw_bench_incidents_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  // BENCH_CPU_PROF=<dir>: a CPU profile of the server (open the .cpuprofile in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, process.argv[1]!, '--serve', u.toString()], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const info = await new Promise<Info>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const line = buf.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as Info);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    let t = 0;
    const reporterRequests = (user: { schoolId: string }): autocannon.Request[] => {
      let last = '';
      const base = `/api/v1/schools/${user.schoolId}/incidents`;
      return [
        {
          method: 'POST',
          path: base,
          body: JSON.stringify({ category: 'bullying', text: TEXTS[t++ % TEXTS.length], link: 'https://social.example/p/1' }),
          onResponse: (status: number, body: string) => {
            if (status === 201) last = (JSON.parse(body) as { id: string }).id;
          },
        },
        { method: 'GET', setupRequest: (req: autocannon.Request) => ({ ...req, path: `${base}/${last || '00000000-0000-4000-8000-000000000000'}/reporter-view` }) },
        { method: 'GET', path: `${base}/mine` },
      ];
    };
    const handlerRequests = (user: { schoolId: string }): autocannon.Request[] => {
      let newest = '';
      const base = `/api/v1/schools/${user.schoolId}/incidents`;
      return [
        {
          method: 'GET',
          path: `${base}?status=reported`,
          onResponse: (status: number, body: string) => {
            if (status === 200) newest = (JSON.parse(body) as { incidents: { id: string }[] }).incidents[0]?.id ?? '';
          },
        },
        { method: 'GET', setupRequest: (req: autocannon.Request) => ({ ...req, path: newest ? `${base}/${newest}` : base }) },
      ];
    };
    // A short warm-up, not counted: 2 s of 10 connections on one reporter's GET …/mine (JIT, a few
    // pooled database connections). It does not touch the report path, the check engine or the school cache.
    await autocannon({ url: `${info.url}/api/v1/schools/${info.reporters[0]!.schoolId}/incidents/mine`, headers: { authorization: `Bearer ${info.reporters[0]!.token}` }, connections: 10, duration: 2 });
    // The machine's floor at this moment: the same 100 connections on GET /health (no sign-in, one `select 1`).
    const floor = await autocannon({ url: `${info.url}/health`, connections: REPORTERS + HANDLERS, duration: Math.max(3, Math.round(DURATION / 2)) });
    const [reporting, handling] = await Promise.all([stream(info, info.reporters, reporterRequests), stream(info, info.handlers, handlerRequests)]);
    const rows = [row('reporters: report, reporter view, my reports', REPORTERS, reporting), row('handlers: list, case view', HANDLERS, handling)];
    const floorRow = row('floor: GET /health (not counted)', REPORTERS + HANDLERS, floor);
    const created = await new pg.Client({ connectionString: u.toString() });
    await created.connect();
    const counts = (await created.query<{ incidents: number; events: number; audits: number }>('select (select count(*)::int from incidents) incidents, (select count(*)::int from incident_events) events, (select count(*)::int from audit_events) audits')).rows[0]!;
    await created.end();
    const machine = `${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), Node ${process.version}, load ${loadavg()[0]!.toFixed(1)}`;
    console.log(`\nIncident cases through the API on PostgreSQL — ${machine}`);
    console.log(`autocannon: ${REPORTERS + HANDLERS} users (one connection and API token each) at ${SCHOOLS} school(s), ${DURATION} s, loopback; server and load share the machine\n`);
    console.log('| stream | users | requests/s | p50 | p99 | max | errors | non-2xx | requests |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of [...rows, floorRow]) console.log(`| ${r.stream} | ${r.connections} | ${r.requestsPerSec.toFixed(0)} | ${r.p50ms} ms | ${r.p99ms} ms | ${r.maxMs} ms | ${r.errors} | ${r.non2xx} | ${r.total} |`);
    const p99 = Math.max(...rows.map((r) => r.p99ms));
    const errors = rows.reduce((s, r) => s + r.errors + r.non2xx, 0);
    console.log(`\ncases created: ${counts.incidents}, events: ${counts.events}, audit events: ${counts.audits}`);
    console.log(`target: no errors and p99 < ${TARGET_P99_MS} ms — ${errors === 0 && p99 < TARGET_P99_MS ? 'met' : 'NOT met'} (errors ${errors}, worst p99 ${p99} ms)`);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(
      'bench/results/incidents.json',
      `${JSON.stringify({ date: new Date().toISOString(), machine, users: REPORTERS + HANDLERS, schools: SCHOOLS, seconds: DURATION, targetP99ms: TARGET_P99_MS, errors, worstP99ms: p99, met: errors === 0 && p99 < TARGET_P99_MS, counts, rows, floor: floorRow }, null, 2)}\n`,
    );
    console.log('written: bench/results/incidents.json');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await new Promise((r) => setTimeout(r, 300));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!);
else await main();
