// Benchmark of the consent registry: a school of 1,000 students (with 1,500 guardians and 80 staff,
// imported with the roster import) and their consents for two school years (imported as consent
// lists: 4 channels × photo, video and audio per student and year, then 5 % revoked), on
// PostgreSQL and on PGlite, in a database that also holds four other schools of the board with
// as many consents (inserted with SQL), as a board's database does. Measured:
//   - the consent lookup for a photo with 30 tagged students: currentConsents(db, schoolId, ids,
//     schoolYear) from src/modules/consent/service.ts, 1,000 lookups of 30 random students after a
//     warm-up (target: ≤ 5 ms at p99 on PostgreSQL);
//   - the query loadSchoolInput runs for the whole school (every current consent; what an app
//     process reads when it rebuilds a school after a change), and loadSchoolInput as a whole;
//   - the check path itself: checkSchoolPost (what POST /api/v1/schools/:id/checks runs) for a
//     photo with 30 tagged students, with the school prepared in memory by a listening SchoolCache
//     as in the server: the consent lookup there is in memory, with no query at all;
//   - the consent-list imports that filled the registry.
// On PostgreSQL it also records EXPLAIN (ANALYZE, BUFFERS) of the 30-person lookup.
//   npm run bench:consent                 (both databases)
//   npm run bench:consent -- --pg-only
// PostgreSQL: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; the benchmark creates
// a database pw_bench_consent_<random> there and drops it. LOOKUPS sets the number of lookups.
// Prints a table and writes bench/results/consent.json.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../src/db/connection.ts';
import { migrate, openDatabase } from '../src/db/connection.ts';
import { boards, consentsCurrent, people, schools } from '../src/db/schema/index.ts';
import { importConsents } from '../src/modules/consent/import.ts';
import { currentConsents } from '../src/modules/consent/service.ts';
import { importRoster } from '../src/modules/roster/service.ts';
import { checkSchoolPost } from '../src/modules/posts/service.ts';
import { loadSchoolInput, SchoolCache } from '../src/modules/schools/school-case.ts';

const STUDENTS = 1000;
const STAFF = 80;
const TAGGED = 30;
const LOOKUPS = Number(process.env.LOOKUPS ?? 1000);
const WARM_UP = 100;
const SCHOOL_READS = 30;
const TARGET_MS = 5;
const YEAR = '2026-2027';
const LAST_YEAR = '2025-2026';
const NOW = new Date('2026-11-26T10:00:00Z');
const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const CHANNELS = ['school_social_media', 'school_website', 'newsletter', 'personal_social_media'];
const OTHER_SCHOOLS = 4;
const FORMER_VIEW = 'select distinct on (person_id, channel, media, school_year) * from consent_events order by person_id, channel, media, school_year, id desc';

/** A small deterministic PRNG (mulberry32), so that every run has the same school. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the school ------------------------------------------------------------------------------------

const GIVEN = ['Sanne', 'Yusuf', 'Lotte', 'Daan', 'Emma', 'Noah', 'Julia', 'Liam', 'Mila', 'Sem', 'Zoë', 'Fatima', 'Mohamed', 'Elif', 'Anaïs'];
const FAMILY = ['de Vries', 'Jansen', 'van Dijk', 'Demir', 'Yılmaz', 'El Amrani', 'van den Berg', 'Bakker'];
const GROUPS = ['1/2a', '1/2b', '3', '4', '5', '6', '7', '8'];

/** Students s0..s999 (ages 4–12), guardians: one for half of them, two for the other half. */
function rosterCsv(): Uint8Array {
  const lines = ['id,kind,given_name,family_name,birth_date,group,guardian_of,function'];
  for (let i = 0; i < STAFF; i++) lines.push(`e${i},employee,${GIVEN[i % GIVEN.length]},${FAMILY[i % FAMILY.length]}${i},,${GROUPS[i % GROUPS.length]},,leerkracht`);
  for (let i = 0; i < STUDENTS; i++) lines.push(`s${i},student,${GIVEN[i % GIVEN.length]},${FAMILY[i % FAMILY.length]}${i},${2014 + (i % 8)}-0${1 + (i % 9)}-1${i % 10},${GROUPS[i % GROUPS.length]},,`);
  for (let i = 0; i < STUDENTS; i++) {
    lines.push(`g${i}a,guardian,${GIVEN[(i + 3) % GIVEN.length]},${FAMILY[i % FAMILY.length]}${i},,,s${i},`);
    if (i % 2 === 0) lines.push(`g${i}b,guardian,${GIVEN[(i + 5) % GIVEN.length]},${FAMILY[(i + 1) % FAMILY.length]}${i},,,s${i},`);
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** One row per student and channel, all three media kinds: mostly granted, some refused. In the Dutch Excel way. */
function consentCsv(year: string, seed: number): Uint8Array {
  const rnd = prng(seed);
  const lines = ['leerling;kanaal;media;schooljaar;toestemming;gegeven door'];
  for (let i = 0; i < STUDENTS; i++) {
    for (const channel of CHANNELS) {
      const p = channel === 'personal_social_media' ? 0.3 : 0.88;
      lines.push(`s${i};${channel};foto|video|geluid;${year};${rnd() < p ? 'ja' : 'nee'};g${i}a`);
    }
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/** 5 % of the students' parents revoke photos on school social media. */
function revocationCsv(seed: number): Uint8Array {
  const rnd = prng(seed);
  const lines = ['person,channel,media,school_year,status,given_by,date'];
  for (let i = 0; i < STUDENTS; i++) if (rnd() < 0.05) lines.push(`s${i},school_social_media,photo,${YEAR},revoked,g${i}a,2026-11-20`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

// ---- measuring -------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Stats {
  n: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
  meanMs: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50ms: percentile(sorted, 50), p99ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1] ?? Number.NaN, meanMs: sorted.reduce((s, x) => s + x, 0) / sorted.length };
}

interface Run {
  database: string;
  people: number;
  consentEvents: number;
  currentRows: number;
  imports: { name: string; rows: number; events: number; seconds: number }[];
  /** currentConsents for 30 tagged students, one school year. */
  lookup: Stats & { rowsPerLookup: number; meetsTarget: boolean; meetsTargetAtP50: boolean; clientCpuMsPerLookup: number };
  /** `select 1`: the round trip that does nothing, on this machine at this moment. */
  floor: Stats;
  /** The whole school's current consents, as loadSchoolInput reads them. */
  schoolConsents: Stats & { rows: number };
  /** loadSchoolInput as a whole (roster, consents, permissions). */
  loadSchoolInput: Stats;
  /** checkSchoolPost with 30 tagged students, the school cached in memory. */
  checkPath: Stats & { consentFindings: number };
  /** consent_events of every school in the database. */
  allConsentEvents: number;
  explain: { lookup: string[]; school: string[]; schoolBefore: string[] } | null;
}

async function withDatabase<T>(kind: 'pg' | 'pglite', fn: (d: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'pw-bench-consent-'));
    const d = await openDatabase({ dataDir: dir, url: '' });
    try {
      return await fn(d);
    } finally {
      await d.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = `pw_bench_consent_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(BASE_URL);
    u.pathname = `/${name}`;
    const d = await openDatabase({ url: u.toString() });
    try {
      return await fn(d);
    } finally {
      await d.close();
      // The pool's sockets close a moment after end() resolves; a forced drop would cut them off.
      await new Promise((r) => setTimeout(r, 300));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

async function bench(kind: 'pg' | 'pglite', label: string): Promise<Run> {
  return withDatabase(kind, async (d) => {
    await migrate(d);
    const db = d.db;
    const [board] = await db.insert(boards).values({ name: 'ASKO' }).returning();
    // The board's other schools, each with 1,000 students and 24,000 consent events (two years).
    for (let s = 0; s < OTHER_SCHOOLS; s++) {
      const [other] = await db.insert(schools).values({ boardId: board!.id, brin: `99B${s}`, name: `Other school ${s + 1}` }).returning();
      await d.query(`insert into people (school_id, external_id, kind, given_name, family_name, birth_date) select $1, 's' || g, 'student', 'Kind', 'Achternaam', '2017-05-01' from generate_series(1, ${STUDENTS}) g`, [other!.id]);
      await d.query(
        `insert into consent_events (school_id, person_id, channel, media, school_year, valid_from, valid_until, status, method)
         select p.school_id, p.id, c, m::media_kind, y, (left(y, 4) || '-08-01')::date, (right(y, 4) || '-07-31')::date, 'granted', 'import'
         from people p, unnest($2::text[]) c, unnest(array['photo', 'video', 'audio']) m, unnest(array[$3, $4]) y where p.school_id = $1`,
        [other!.id, CHANNELS, LAST_YEAR, YEAR],
      );
    }
    const [school] = await db.insert(schools).values({ boardId: board!.id, brin: '99BC', name: 'Bench school' }).returning();
    const schoolId = school!.id;
    const roster = await importRoster({ db, schoolId, source: [{ name: 'roster.csv', bytes: rosterCsv() }], now: NOW });

    const imports: Run['imports'] = [];
    const load = async (name: string, bytes: Uint8Array) => {
      const t0 = performance.now();
      const r = await importConsents({ db, schoolId, source: { name, bytes }, now: NOW, actor: 'bench' });
      imports.push({ name, rows: r.rows, events: r.events, seconds: (performance.now() - t0) / 1000 });
      console.log(`${label}: imported ${name}: ${r.rows} rows, ${r.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    };
    await load(`consents-${LAST_YEAR}.csv`, consentCsv(LAST_YEAR, 1));
    await load(`consents-${YEAR}.csv`, consentCsv(YEAR, 2));
    await load('revocations.csv', revocationCsv(3));
    if (kind === 'pg') await d.query('analyze');

    const students = (await db.select({ id: people.id }).from(people).where(and(eq(people.schoolId, schoolId), eq(people.kind, 'student')))).map((p) => p.id);
    const [{ events, current }] = (await d.query<{ events: number; current: number }>(
      'select (select count(*)::int from consent_events where school_id = $1) as events, (select count(*)::int from consents_current where school_id = $1) as current',
      [schoolId],
    )) as [{ events: number; current: number }];
    const [{ all }] = (await d.query<{ all: number }>('select count(*)::int as "all" from consent_events')) as [{ all: number }];

    // 30 random students per photo.
    const rnd = prng(42);
    const tagged = (): string[] => {
      const set = new Set<string>();
      while (set.size < TAGGED) set.add(students[Math.floor(rnd() * students.length)]!);
      return [...set];
    };
    // The floor on this machine: a round trip that does nothing.
    const floorSamples: number[] = [];
    for (let i = 0; i < WARM_UP + LOOKUPS; i++) {
      const t0 = performance.now();
      await d.query('select 1');
      if (i >= WARM_UP) floorSamples.push(performance.now() - t0);
    }
    let rowsSeen = 0;
    for (let i = 0; i < WARM_UP; i++) await currentConsents(db, schoolId, tagged(), YEAR);
    const lookupSamples: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < LOOKUPS; i++) {
      const ids = tagged();
      const t0 = performance.now();
      const found = await currentConsents(db, schoolId, ids, YEAR);
      lookupSamples.push(performance.now() - t0);
      for (const list of found.values()) rowsSeen += list.length;
    }
    const cpu = process.cpuUsage(cpu0);

    // loadSchoolInput's consent query (the whole school, every year), and loadSchoolInput itself.
    const schoolSamples: number[] = [];
    let schoolRows = 0;
    for (let i = 0; i < SCHOOL_READS + 3; i++) {
      const t0 = performance.now();
      const rows = await db.select().from(consentsCurrent).where(eq(consentsCurrent.schoolId, schoolId));
      if (i >= 3) schoolSamples.push(performance.now() - t0);
      schoolRows = rows.length;
    }
    const inputSamples: number[] = [];
    for (let i = 0; i < SCHOOL_READS + 3; i++) {
      const t0 = performance.now();
      await loadSchoolInput(db, schoolId);
      if (i >= 3) inputSamples.push(performance.now() - t0);
    }

    // The check path: the server's SchoolCache (listening for changes) and the whole check.
    const cache = new SchoolCache(d);
    await cache.start();
    const author = (await db.select({ id: people.id }).from(people).where(and(eq(people.schoolId, schoolId), eq(people.externalId, 'e0'))))[0]!.id;
    const check = (ids: string[]) =>
      checkSchoolPost({ schools: cache, schoolId, now: NOW.getTime(), post: { author: { personId: author }, situation: 'work', channel: { kind: 'school', platform: 'instagram' }, text: 'Onze klas bij Artis', media: [{ kind: 'photo', people: ids }] } });
    for (let i = 0; i < WARM_UP; i++) await check(tagged());
    const checkSamples: number[] = [];
    let consentFindings = 0;
    for (let i = 0; i < LOOKUPS; i++) {
      const ids = tagged();
      const t0 = performance.now();
      const { result } = await check(ids);
      checkSamples.push(performance.now() - t0);
      consentFindings += result.findings.filter((f) => f.code === 'media.consent_missing').length;
    }
    await cache.close();

    let explain: Run['explain'] = null;
    if (kind === 'pg') {
      const plan = async (q: { sql: string; params: unknown[] }) =>
        (await d.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.params)).map((r) => r['QUERY PLAN'].replace(/'\{[^}]*\}'::uuid\[\]/g, "'{…30 ids…}'::uuid[]"));
      explain = {
        lookup: await plan(db.select().from(consentsCurrent).where(and(eq(consentsCurrent.schoolId, schoolId), inArray(consentsCurrent.personId, tagged()), eq(consentsCurrent.schoolYear, YEAR))).toSQL()),
        school: await plan(db.select().from(consentsCurrent).where(eq(consentsCurrent.schoolId, schoolId)).toSQL()),
        // The view as migration 0000 made it (DISTINCT ON without school_id), for comparison.
        schoolBefore: await plan({ sql: `select * from (${FORMER_VIEW}) v where school_id = $1`, params: [schoolId] }),
      };
    }

    const lookup = stats(lookupSamples);
    return {
      database: label,
      people: roster.people,
      consentEvents: events,
      currentRows: current,
      allConsentEvents: all,
      imports,
      lookup: { ...lookup, rowsPerLookup: rowsSeen / LOOKUPS, meetsTarget: lookup.p99ms <= TARGET_MS, meetsTargetAtP50: lookup.p50ms <= TARGET_MS, clientCpuMsPerLookup: (cpu.user + cpu.system) / 1000 / LOOKUPS },
      floor: stats(floorSamples),
      schoolConsents: { ...stats(schoolSamples), rows: schoolRows },
      loadSchoolInput: stats(inputSamples),
      checkPath: { ...stats(checkSamples), consentFindings: consentFindings / LOOKUPS },
      explain,
    };
  });
}

// ---- main --------------------------------------------------------------------------------------

const kinds = process.argv.includes('--pg-only') ? (['pg'] as const) : (['pg', 'pglite'] as const);
const loadBefore = loadavg()[0] ?? 0;
let pgVersion = '';
const runs: Run[] = [];
for (const kind of kinds) {
  let label = 'PGlite';
  if (kind === 'pg') {
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    pgVersion = String((await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '').split(' ')[0] ?? '';
    await admin.end();
    label = `PostgreSQL ${pgVersion.split('.')[0]}`;
  }
  runs.push(await bench(kind, label));
}
const loadAfter = loadavg()[0] ?? 0;

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = (x: number) => `${fmt(x, x < 10 ? 2 : 1)} ms`;
const machine = `${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
const first = runs[0]!;
console.log(`\nConsent lookups — ${machine}; PostgreSQL ${pgVersion || '(not run)'}`);
console.log(
  `A school of ${fmt(STUDENTS)} students (${fmt(first.people)} people), ${fmt(first.consentEvents)} consent events over two school years (${fmt(first.currentRows)} current), in a database with ${fmt(first.allConsentEvents)} consent events of ${OTHER_SCHOOLS + 1} schools. ${fmt(LOOKUPS)} lookups of ${TAGGED} random students after ${WARM_UP} warm-up; target ≤ ${TARGET_MS} ms (p99).\n`,
);
console.log('| database | currentConsents, 30 people: p50 | p99 | max | client CPU | `select 1`: p50 | p99 | target (≤ 5 ms) | check with 30 tagged (cached school): p50 | p99 | whole school\'s consents: p50 | p99 | loadSchoolInput: p50 |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|');
for (const r of runs) {
  const target = r.lookup.meetsTarget ? 'met (p99)' : r.lookup.meetsTargetAtP50 ? 'p50 only' : 'MISSED';
  console.log(
    `| ${r.database} | ${ms(r.lookup.p50ms)} | ${ms(r.lookup.p99ms)} | ${ms(r.lookup.maxMs)} | ${ms(r.lookup.clientCpuMsPerLookup)} | ${ms(r.floor.p50ms)} | ${ms(r.floor.p99ms)} | ${target} | ${ms(r.checkPath.p50ms)} | ${ms(r.checkPath.p99ms)} | ${ms(r.schoolConsents.p50ms)} | ${ms(r.schoolConsents.p99ms)} | ${ms(r.loadSchoolInput.p50ms)} |`,
  );
}
console.log('\n| database | consent list | rows | events | seconds |');
console.log('|---|---|---:|---:|---:|');
for (const r of runs) for (const i of r.imports) console.log(`| ${r.database} | ${i.name} | ${fmt(i.rows)} | ${fmt(i.events)} | ${fmt(i.seconds, 1)} |`);
for (const r of runs) {
  if (!r.explain) continue;
  console.log(`\nEXPLAIN ANALYZE on ${r.database}, currentConsents for 30 people:\n${r.explain.lookup.map((l) => `  ${l}`).join('\n')}`);
  console.log(`\nthe whole school (loadSchoolInput):\n${r.explain.school.map((l) => `  ${l}`).join('\n')}`);
  console.log(`\nthe whole school with the view as it was before migration 0005:\n${r.explain.schoolBefore.map((l) => `  ${l}`).join('\n')}`);
}
console.log(`\nload average ${fmt(loadBefore, 1)} before, ${fmt(loadAfter, 1)} after`);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/consent.json',
  `${JSON.stringify({ date: new Date().toISOString(), machine, postgres: pgVersion || null, loadAverage: { before: loadBefore, after: loadAfter }, students: STUDENTS, tagged: TAGGED, lookups: LOOKUPS, targetMs: TARGET_MS, runs }, null, 2)}\n`,
);
console.log('written: bench/results/consent.json');
// A missed latency target is reported, not an error: on a shared machine it says as much about the neighbours.
process.exit(0);
