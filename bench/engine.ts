// Benchmark of the check engine: Dutch posts of 60–600 characters against rosters of 1,000 to
// 1,000,000 people. Prints a table and writes bench/results/engine.json.
//   npm run bench            (all sizes)
//   npm run bench -- --quick (1,000 and 10,000 only)
// A "check" is one call of checkPost on a prepared school and a parsed post; JSON parsing and
// roster preparation are measured apart. Run with --expose-gc for stable heap numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { OpenRedaction } from '@openredaction/openredaction';
import type { CaseInput, Person, Post } from '../src/engine/index.ts';
import { checkPost, parseCase, prepareSchool } from '../src/engine/index.ts';

const quick = process.argv.includes('--quick');
const profileOnly = process.argv.includes('--profile'); // checks only, for a CPU profile
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : quick ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000];
const POSTS = 400;
const MIN_MS = quick ? 1_000 : 2_500;

// ---- data ---------------------------------------------------------------------------------

const GIVEN = ['Sanne', 'Yusuf', 'Lotte', 'Daan', 'Emma', 'Noah', 'Julia', 'Liam', 'Mila', 'Sem', 'Tess', 'Luuk', 'Zoë', 'Finn', 'Nora', 'Milan', 'Saar', 'Levi', 'Fenna', 'Adam', 'Yara', 'Mohamed', 'Aya', 'Bram', 'Fleur', 'Thijs', 'Noor', 'Jesse', 'Lina', 'Ibrahim', 'Hiba', 'Ravi', 'Priya', 'Kees', 'Anouk', 'Karim', 'Fatima', 'Mees', 'Jade', 'Lente', 'Elif', 'Emre', 'Wouter', 'Ilse', 'Hamza', 'Sofie', 'Jasper', 'Roos', 'Stijn', 'Iris'];
const FAMILY: [string | undefined, string][] = [
  ['de', 'Vries'], [undefined, 'Jansen'], ['van', 'Dijk'], [undefined, 'Bakker'], ['van der', 'Berg'], [undefined, 'Visser'], [undefined, 'Smit'],
  ['de', 'Boer'], [undefined, 'Mulder'], ['de', 'Groot'], [undefined, 'Bos'], [undefined, 'Vos'], [undefined, 'Peters'], [undefined, 'Hendriks'],
  ['van', 'Leeuwen'], [undefined, 'Dekker'], [undefined, 'Brouwer'], ['de', 'Wit'], [undefined, 'Dijkstra'], [undefined, 'Smits'],
  ['de', 'Graaf'], [undefined, 'Demir'], [undefined, 'Yılmaz'], [undefined, 'Çelik'], ['El', 'Amrani'], [undefined, 'Bouzid'],
  [undefined, 'Kaya'], [undefined, 'Öztürk'], ['van den', 'Heuvel'], [undefined, 'Kramer'],
];
const GROUPS = ['1a', '1b', '2a', '2b', '3', '4a', '4b', '5a', '5b', '6', '7a', '7b', '8'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildRoster(n: number): Person[] {
  const rand = rng(n);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  const roster: Person[] = [];
  for (let i = 0; i < n; i++) {
    const [prefix, familyName] = pick(FAMILY);
    // Add a numeric suffix to family names so that large rosters have many distinct people.
    const family = i < 5000 ? familyName : `${familyName}${(i % 997).toString(36)}`;
    const base = { id: `p${i}`, givenName: pick(GIVEN), familyName: family, ...(prefix ? { prefix } : {}) };
    const r = i % 10;
    if (r < 6) roster.push({ ...base, kind: 'student', group: pick(GROUPS), birthDate: `201${5 + (i % 5)}-0${1 + (i % 9)}-1${i % 10}` });
    else if (r < 9) roster.push({ ...base, kind: 'guardian', guardianOf: [`p${i - 1}`] });
    else roster.push({ ...base, kind: 'employee', function: 'leerkracht', groups: [pick(GROUPS)] });
  }
  return roster;
}

const SENTENCES = [
  'Groep {g} heeft vandaag een echte vulkaan gebouwd! 🌋',
  '{full} uit groep {g} won de rekenquiz.',
  'Wat een mooie kerstmarkt op De Regenboog, dank aan alle ouders.',
  'Juf {given} had taart meegenomen voor de hele klas.',
  '{given} heeft autisme, dus de drukte is lastig.',
  'Bel mij gerust op 06-12345678 als je vragen hebt over het schoolreisje.',
  'Morgen is er een ouderavond om 19:30 in de aula, iedereen is welkom.',
  'Ik vind het beleid van de school rond pesten echt waardeloos.',
  'Het schoolplein is eindelijk vernieuwd, de kinderen spelen er graag.',
  'Wie heeft er nog een gymtas gevonden? Die van {given} is kwijt.',
  'Dank aan {full} voor de hulp bij de sportdag!',
  'We lezen dit jaar veel boeken tijdens de kinderboekenweek.',
  'Mijn telefoon is kapot, dus ik ben slecht bereikbaar deze week.',
  'De musical van groep 8 was prachtig, wat een talent.',
  'Stuur je vragen naar mijn mail: ouder.{given}@example.nl',
  'Lekker weer vandaag, we gaan naar buiten voor de natuurles.',
];

function buildPosts(roster: Person[], n: number): Post[] {
  const rand = rng(42);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  const posts: Post[] = [];
  const students = roster.filter((p) => p.kind === 'student').slice(0, 2000);
  for (let i = 0; i < n; i++) {
    const target = 60 + Math.floor(rand() * 540);
    let text = '';
    while (text.length < target) {
      const s = pick(students);
      const full = [s.givenName, s.prefix, s.familyName].filter(Boolean).join(' ');
      const sentence = pick(SENTENCES)
        .replaceAll('{full}', full)
        .replaceAll('{given}', s.givenName)
        .replaceAll('{g}', s.kind === 'student' && s.group ? s.group : '5b');
      text += (text ? ' ' : '') + sentence;
    }
    text = text.slice(0, 600);
    const employee = roster.find((p) => p.kind === 'employee')!;
    const author = i % 3 === 0 ? { personId: employee.id } : { role: 'guardian' as const };
    const input: CaseInput = {
      post: {
        author,
        situation: i % 2 ? 'work' : 'private',
        channel: { kind: i % 4 === 0 ? 'school' : 'personal' },
        at: `2026-11-${10 + (i % 15)}T${String(8 + (i % 12)).padStart(2, '0')}:15:00+01:00`,
        text,
        media: i % 5 === 0 ? [{ kind: 'photo', people: [roster[i % roster.length]!.id], unidentifiedPeople: i % 2 }] : [],
      },
      roster: [employee],
    };
    posts.push(parseCase(input).post);
  }
  return posts;
}

// ---- measuring ----------------------------------------------------------------------------

const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Row {
  people: number;
  prepareMs: number;
  checksPerSec: number;
  p50us: number;
  p99us: number;
  heapMb: number;
  indexHeapMb: number;
}

function measure(fn: (i: number) => void, n: number): { perSec: number; p50: number; p99: number } {
  // Warm-up until the JIT has settled: a second of calls, not measured.
  const warm = performance.now();
  for (let i = 0; performance.now() - warm < 1000; i++) fn(i % n);
  const times: number[] = [];
  const start = performance.now();
  let i = 0;
  while (performance.now() - start < MIN_MS) {
    const t0 = performance.now();
    fn(i++ % n);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return { perSec: (i / total) * 1000, p50: percentile(times, 50) * 1000, p99: percentile(times, 99) * 1000 };
}

// Let the JIT settle on the engine's code before anything is measured: the first size would
// otherwise pay for the compiler's tiering (seen: 7,000 vs 11,000 checks/s for the same size).
{
  const roster = buildRoster(2_000);
  const school = prepareSchool({ protocol: 'asko-2018', school: { name: 'Basisschool De Regenboog', aliases: ['De Regenboog'], timezone: 'Europe/Amsterdam' }, roster, consents: [], permissions: [] });
  const posts = buildPosts(roster, POSTS);
  const until = performance.now() + (quick ? 3_000 : 5_000);
  for (let i = 0; performance.now() < until; i++) checkPost(school, posts[i % posts.length]!, { now: 0 });
}

const rows: Row[] = [];
let sharedPosts: Post[] = [];
for (const size of SIZES) {
  const roster = buildRoster(size);
  const afterRoster = heapMb();
  const t0 = performance.now();
  const school = prepareSchool({ protocol: 'asko-2018', school: { name: 'Basisschool De Regenboog', aliases: ['De Regenboog'], timezone: 'Europe/Amsterdam' }, roster, consents: [], permissions: [] });
  const prepareMs = performance.now() - t0;
  const afterPrepare = heapMb();
  const posts = buildPosts(roster, POSTS);
  if (size === SIZES[0]) sharedPosts = posts;
  const now = Date.parse('2026-11-26T12:00:00+01:00');
  const m = measure((i) => checkPost(school, posts[i]!, { now }), posts.length);
  rows.push({
    people: size,
    prepareMs,
    checksPerSec: m.perSec,
    p50us: m.p50,
    p99us: m.p99,
    heapMb: afterPrepare,
    indexHeapMb: afterPrepare - afterRoster,
  });
  // Keep the school alive until measured.
  if (school.roster.people.size !== size) throw new Error('roster size mismatch');
}

if (profileOnly) process.exit(0);

// OpenRedaction on the same texts (default options, detect()).
const redactor = new OpenRedaction();
const texts = sharedPosts.map((p) => p.text);
const or = measure((i) => redactor.detect(texts[i]!), texts.length);
const ours = rows[0]!;

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const machine = `${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
console.log(`\nPostwijzer engine benchmark — ${machine}`);
console.log(`${POSTS} Dutch posts of 60–600 characters; one core; ${MIN_MS} ms per measurement\n`);
console.log('| people | prepare roster | checks/s | p50 per check | p99 per check | heap after prepare | of which the index |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${fmt(r.people)} | ${fmt(r.prepareMs, 0)} ms | ${fmt(r.checksPerSec)} | ${fmt(r.p50us, 1)} µs | ${fmt(r.p99us, 1)} µs | ${fmt(r.heapMb)} MB | ${fmt(r.indexHeapMb)} MB |`);
}
console.log(`\nOpenRedaction 1.0.4 detect() on the same posts: ${fmt(or.perSec)} texts/s (p50 ${fmt(or.p50, 0)} µs, p99 ${fmt(or.p99, 0)} µs)`);
console.log(`Postwijzer (1,000 people) / OpenRedaction throughput: ${fmt(ours.checksPerSec / or.perSec, 1)}×`);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/engine.json',
  `${JSON.stringify({ date: new Date().toISOString(), machine, posts: POSTS, rows, openRedaction: { perSec: or.perSec, p50us: or.p50, p99us: or.p99 }, ratio: ours.checksPerSec / or.perSec, gcExposed: Boolean(gc) }, null, 2)}\n`,
);
console.log('\nwritten: bench/results/engine.json');
