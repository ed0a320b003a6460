// The worked examples of the check-case contract, scored by the shared tool against the real CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from './shared-dir.ts';

const root = resolve(import.meta.dirname, '../..');

describe('worked examples (contracts/examples/examples.json)', () => {
  it('all pass through `postwijzer check --batch`', () => {
    const examples = sharedPath('contracts/examples/examples.json');
    const count = (JSON.parse(readFileSync(examples, 'utf8')) as unknown[]).length;
    const r = spawnSync(process.execPath, [sharedPath('tools/score-cases.mjs'), examples, '--', process.execPath, resolve(root, 'bin/postwijzer.mjs'), 'check', '--batch'], {
      encoding: 'utf8',
      cwd: root,
      timeout: 60_000,
    });
    console.log(r.stdout);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${count} passed, 0 failed`);
    expect(r.status).toBe(0);
  });
});
