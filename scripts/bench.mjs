// Runs a benchmark from bench/ the way the product runs: bundled by esbuild (as dist/ is), not
// through a TypeScript loader, whose helpers would distort the timings.
//   node scripts/bench.mjs engine [--quick]
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const [name = 'engine', ...rest] = process.argv.slice(2);
const outfile = `dist/bench-${name}.mjs`;
await build({ entryPoints: [`bench/${name}.ts`], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });
const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', outfile, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
