// Benchmark of the decency detector (A.7) on HateCheck-NL's development half (Röttger et al.
// 2022, CC BY 4.0), read in place from ../shared/data/hatecheck-nl-dev.csv, beside the best npm
// option we found: the Dutch list of naughty-words used through leo-profanity. Prints a table and
// writes bench/results/decency.json.
//   npm run bench:decency
// Predicted hateful: detectAbuse(text) has at least one hit / leo-profanity's check(text) is true.
// `target_indiv_nh` ("Je bent walgelijk.") is left out of every score: HateCheck calls insults at a
// person non-hateful because no protected group is targeted, but A.7 must flag them.
// Speed: detectAbuse alone over all texts, on one core, several rounds; best and median.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import leoProfanity from 'leo-profanity';
import { detectAbuse } from '../src/engine/text/abuse.ts';
import type { HateCheckCase, Score } from '../test/shared/hatecheck-data.ts';
import { LEFT_OUT, byFunctionality, readHateCheck, score } from '../test/shared/hatecheck-data.ts';

const TARGET_MACRO_F1 = 0.9;
const TARGET_FUNCTIONALITY = 0.8;
const TARGET_TEXTS_PER_SEC = 40_000;
const ROUNDS = 9;
const ROUND_MS = 500;

const csv = resolve(process.cwd(), '../shared/data/hatecheck-nl-dev.csv');
let cases: HateCheckCase[];
try {
  cases = readHateCheck(csv);
} catch (e) {
  console.error(`bench:decency: ${(e as Error).message} Run it from the repository with the shared folder beside it (../shared/data/).`);
  process.exit(1);
}

// naughty-words ships no types; its Dutch list is a plain array of words and phrases.
const naughty = createRequire(import.meta.url)('naughty-words') as Record<string, string[]>;
const nlWords = naughty.nl;
if (!Array.isArray(nlWords)) throw new Error('naughty-words has no Dutch list');
leoProfanity.addDictionary('nl', nlWords); // replaces the English list with the Dutch one
leoProfanity.loadDictionary('nl');

interface SystemResult {
  name: string;
  headline: Score;
  functionalities: { functionality: string; n: number; accuracy: number }[];
  below: string[];
  leftOut: { functionality: string; n: number; accuracy: number }[];
}

function evaluate(name: string, predict: (text: string) => boolean): SystemResult {
  const results = cases.map((c) => ({ ...c, gold: c.hateful, pred: predict(c.text) }));
  const kept = results.filter((r) => !LEFT_OUT.has(r.functionality));
  const functionalities = byFunctionality(kept).map(([functionality, rs]) => ({ functionality, n: rs.length, accuracy: score(rs).accuracy }));
  const leftOut = byFunctionality(results.filter((r) => LEFT_OUT.has(r.functionality))).map(([functionality, rs]) => ({ functionality, n: rs.length, accuracy: score(rs).accuracy }));
  return {
    name,
    headline: score(kept),
    functionalities,
    below: functionalities.filter((f) => f.accuracy < TARGET_FUNCTIONALITY).map((f) => f.functionality),
    leftOut,
  };
}

const ours = evaluate('Postwijzer detectAbuse', (t) => detectAbuse(t).length > 0);
const leo = evaluate('naughty-words (nl) + leo-profanity', (t) => leoProfanity.check(t));

// ---- speed --------------------------------------------------------------------------------------

const texts = cases.map((c) => c.text);
function throughput(fn: (t: string) => unknown): { best: number; median: number; rounds: number[] } {
  let sink = 0;
  const warm = performance.now();
  while (performance.now() - warm < 1000) for (const t of texts) sink ^= fn(t) ? 1 : 0;
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < ROUND_MS) {
      for (const t of texts) sink ^= fn(t) ? 1 : 0;
      n += texts.length;
      elapsed = performance.now() - t0;
    }
    rounds.push((n / elapsed) * 1000);
  }
  if (sink === 2) console.log(''); // keep the results alive
  const sorted = [...rounds].sort((a, b) => a - b);
  return { best: sorted[sorted.length - 1]!, median: sorted[Math.floor(sorted.length / 2)]!, rounds };
}

const speed = throughput((t) => detectAbuse(t).length > 0);
const leoSpeed = throughput((t) => leoProfanity.check(t));

// ---- report -------------------------------------------------------------------------------------

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const machine = `${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
const mark = (ok: boolean) => (ok ? '' : ' ✗');

console.log(`\nPostwijzer decency benchmark — ${machine}`);
console.log(`HateCheck-NL, development half: ${cases.length} texts, ${ours.headline.n} scored (target_indiv_nh left out)\n`);
console.log(`| functionality | n | ${ours.name} | ${leo.name} |`);
console.log('|---|---:|---:|---:|');
for (let i = 0; i < ours.functionalities.length; i++) {
  const f = ours.functionalities[i]!;
  const l = leo.functionalities[i]!;
  console.log(`| ${f.functionality} | ${f.n} | ${fmt(f.accuracy, 3)}${mark(f.accuracy >= TARGET_FUNCTIONALITY)} | ${fmt(l.accuracy, 3)}${mark(l.accuracy >= TARGET_FUNCTIONALITY)} |`);
}
console.log(`| **accuracy** | ${ours.headline.n} | ${fmt(ours.headline.accuracy, 3)} | ${fmt(leo.headline.accuracy, 3)} |`);
console.log(`| **macro-F1** | ${ours.headline.n} | ${fmt(ours.headline.macroF1, 3)}${mark(ours.headline.macroF1 >= TARGET_MACRO_F1)} | ${fmt(leo.headline.macroF1, 3)}${mark(leo.headline.macroF1 >= TARGET_MACRO_F1)} |`);
for (const f of ours.leftOut) {
  console.log(`| ${f.functionality} (left out) | ${f.n} | ${fmt(f.accuracy, 3)} | ${fmt(leo.leftOut.find((x) => x.functionality === f.functionality)?.accuracy ?? 0, 3)} |`);
}
console.log(`\n✗ = below the target (macro-F1 ≥ ${TARGET_MACRO_F1}, every functionality ≥ ${TARGET_FUNCTIONALITY}).`);
for (const s of [ours, leo]) {
  console.log(`${s.name}: ${s.below.length ? `${s.below.length} ${s.below.length === 1 ? 'functionality' : 'functionalities'} below ${TARGET_FUNCTIONALITY}: ${s.below.join(', ')}` : `every functionality ≥ ${TARGET_FUNCTIONALITY}`}`);
}
console.log(`\nSpeed on one core, ${texts.length} texts per pass, ${ROUNDS} rounds of ≥ ${ROUND_MS} ms after a 1 s warm-up:`);
console.log(`  detectAbuse:   best ${fmt(speed.best)} texts/s, median ${fmt(speed.median)} texts/s (target ≥ ${fmt(TARGET_TEXTS_PER_SEC)})${mark(speed.median >= TARGET_TEXTS_PER_SEC)}`);
console.log(`  leo-profanity: best ${fmt(leoSpeed.best)} texts/s, median ${fmt(leoSpeed.median)} texts/s`);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/decency.json',
  `${JSON.stringify({
    date: new Date().toISOString(),
    machine,
    data: 'HateCheck-NL development half (../shared/data/hatecheck-nl-dev.csv; Röttger et al. 2022, CC BY 4.0)',
    texts: cases.length,
    scored: ours.headline.n,
    leftOut: [...LEFT_OUT],
    targets: { macroF1: TARGET_MACRO_F1, everyFunctionality: TARGET_FUNCTIONALITY, textsPerSec: TARGET_TEXTS_PER_SEC },
    systems: [ours, leo],
    speed: { detectAbuse: speed, leoProfanity: leoSpeed },
    gcExposed: Boolean((globalThis as { gc?: unknown }).gc),
  }, null, 2)}\n`,
);
console.log('\nwritten: bench/results/decency.json');
