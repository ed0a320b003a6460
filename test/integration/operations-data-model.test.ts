// docs/data-model.md carries a part generated from the Drizzle schema (scripts/data-model.mjs).
// This fails when the schema changed and the document was not regenerated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema/index.ts';
// @ts-expect-error -- a plain JavaScript script without type declarations
import { DOC, renderDataModel, updateDocument } from '../../scripts/data-model.mjs';

describe('docs/data-model.md', () => {
  it('is up to date with the schema (run: node --import tsx scripts/data-model.mjs)', () => {
    const doc = readFileSync(DOC as string, 'utf8');
    expect((updateDocument as (d: string, g: string) => string)(doc, (renderDataModel as (s: unknown) => string)(schema))).toBe(doc);
  });

  it('draws every table and every foreign key', () => {
    const doc = readFileSync(DOC as string, 'utf8');
    expect(doc).toMatch(/^ {2}schools \{$/m);
    expect(doc).toContain('  boards ||--o{ schools : "board_id"');
    expect(doc).toContain('  people ||--o| employments : "person_id"');
    expect(doc).toContain('  groups |o--o{ people : "group_id"');
  });
});
