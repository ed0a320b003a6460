// The `postwijzer` command, run as a real process: the bundle that `npm ci` builds, through bin/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../../src/engine/testing/factories.ts';

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
}, 60_000);

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['bin/postwijzer.mjs', ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const named = buildCase({ channel: { kind: 'school', platform: 'instagram' }, author: { personId: 'e1' }, situation: 'work', text: 'Yusuf Demir uit groep 5b won de rekenquiz!', at: '2026-11-26T16:05:00+01:00' });

describe('postwijzer check', { timeout: 60_000 }, () => {
  it('checks a case from a file and prints the result as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-'));
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify(named));
    const r = run(['check', '--case', file, '--format', 'json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.verdict).toBe('allowed_with_changes');
    expect(result.findings.map((f: { code: string }) => f.code)).toContain('personal.name');
  });

  it('reads standard input and prints readable Dutch or English text', () => {
    const nl = run(['check', '--format', 'text'], JSON.stringify(named));
    expect(nl.code).toBe(0);
    expect(nl.out).toMatch(/Oordeel: Mag geplaatst worden na een paar aanpassingen/);
    expect(nl.out).toMatch(/"Yusuf Demir uit groep 5b" → "Yusuf"/);
    const en = run(['check', '--format', 'text', '--lang', 'en'], JSON.stringify(named));
    expect(en.out).toMatch(/Verdict: Allowed after a few changes/);
  });

  it('applies the fixes: the fixed text, or the fixed case that checks clean', () => {
    expect(run(['check', '--apply-fixes', '--format', 'text'], JSON.stringify(named)).out).toBe('Yusuf won de rekenquiz!\n');
    const fixed = run(['check', '--apply-fixes'], JSON.stringify(named));
    const again = run(['check'], fixed.out);
    expect(JSON.parse(again.out).verdict).toBe('allowed');
  });

  it('checks JSON Lines in order and reports a bad line without stopping', () => {
    const lines = [JSON.stringify(named), '{not json', JSON.stringify({ post: {} }), JSON.stringify(buildCase({ text: 'Strand!' }))].join('\n');
    const r = run(['check', '--batch'], `${lines}\n`);
    expect(r.code).toBe(0);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].verdict).toBe('allowed_with_changes');
    expect(out[1].error).toMatch(/line 2 is not valid JSON/);
    expect(out[2].error).toMatch(/\$\.post\.author/);
    expect(out[3].verdict).toBe('out_of_scope');
  });

  it('exits 2 with one clear sentence and no stack trace on bad input', () => {
    for (const [args, input, pattern] of [
      [['check', '--case', '/nope/case.json'], undefined, /there is no such file/],
      [['check'], '{"post": 1', /not valid JSON/],
      [['check'], JSON.stringify({ post: { author: { role: 'king' }, channel: { kind: 'school' } } }), /\$\.post\.author/],
      [['check', '--format', 'pdf'], '{}', /--format must be json or text/],
      [['check', '--frobnicate'], '{}', /frobnicate/],
      [['dance'], undefined, /unknown command/],
    ] as const) {
      const r = run([...args], input);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(pattern);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
