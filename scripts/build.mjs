// Bundles the CLI and server into dist/cli.mjs. Packages stay external (they come from node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // The server is imported lazily by `serve`: a separate chunk keeps `check` quick to start.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// The web app (web/): React + Vite, into dist/web. POSTWIJZER_SKIP_WEB=1 skips it (the CLI alone).
if (!process.env.POSTWIJZER_SKIP_WEB) {
  // Always the production build of React: a build started from a test runner inherits
  // NODE_ENV=test, which would bundle React's development build (twice the size, slower).
  process.env.NODE_ENV = 'production';
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
}
