#!/usr/bin/env node
// The `postwijzer` command. The TypeScript sources are bundled into dist/ by `npm run build`,
// which `npm ci` runs through the `prepare` script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('postwijzer is not built yet: run "npm run build" (npm ci does this for you).\n');
  process.exit(2);
}
await import(entry.href);
