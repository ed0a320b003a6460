// Bundles the CLI and server into dist/cli.mjs. Packages stay external (they come from node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
