// Regenerates the generated part of docs/permissions.md from the policies (src/policies) and the
// routes the app registers (on an in-memory database, so that every module's routes are there).
//   node --import tsx scripts/permissions.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DOC = fileURLToPath(new URL('../docs/permissions.md', import.meta.url));
const { openDatabase, migrate } = await import('../src/db/connection.ts');
const { buildApp } = await import('../src/server/app.ts');
const { POLICIES } = await import('../src/policies/index.ts');
const { renderPermissions, updatePermissionsDocument } = await import('../src/policies/docs.ts');

const database = await openDatabase({ dataDir: 'memory', url: '' });
await migrate(database);
const app = await buildApp({ database });
await app.ready();
const doc = readFileSync(DOC, 'utf8');
const next = updatePermissionsDocument(doc, renderPermissions(POLICIES, app.routeTable));
await app.close();
await database.close();
if (next !== doc) writeFileSync(DOC, next);
process.stdout.write(next !== doc ? 'docs/permissions.md updated\n' : 'docs/permissions.md is up to date\n');
