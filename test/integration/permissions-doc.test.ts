// docs/permissions.md carries a part generated from the policies and the app's routes
// (scripts/permissions.mjs). This fails when a rule or a route changed and the document was not
// regenerated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import { renderPermissions, updatePermissionsDocument } from '../../src/policies/docs.ts';
import { POLICIES } from '../../src/policies/index.ts';
import { buildApp } from '../../src/server/app.ts';

describe('docs/permissions.md', () => {
  it('is up to date with the policies and routes (run: node --import tsx scripts/permissions.mjs)', async () => {
    const database = await openDatabase({ dataDir: 'memory', url: '' });
    try {
      await migrate(database);
      const app = await buildApp({ database });
      await app.ready();
      const doc = readFileSync('docs/permissions.md', 'utf8');
      const generated = renderPermissions(POLICIES, app.routeTable);
      await app.close();
      expect(updatePermissionsDocument(doc, generated)).toBe(doc);
      expect(doc).toContain('| roster.import |  | ✓ |  |  |  | ✓ |');
    } finally {
      await database.close();
    }
  }, 60_000);
});
