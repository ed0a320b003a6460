// Properties of the engine over random input (fast-check): it never throws on a valid case,
// spans lie inside the text, and fixes change nothing outside their spans.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTextFixes, checkCase } from '../../src/engine/index.ts';
import { buildCase, ROSTER } from '../../src/engine/testing/factories.ts';

// Locally every run explores new inputs; CI replays one fixed seed so that a submission's result
// does not depend on chance (FC_SEED replays a failure reported elsewhere).
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261126 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });

// Text that mixes random Unicode with pieces the rules react to, so that findings do occur.
const pieces = [
  'Sanne de Vries', 'Yusuf Demir uit groep 5b', 'Zoë Çelik', 'juf Anouk', 'heeft autisme', '06-12345678', 'NL91 ABNA 0417 1643 00',
  'info@example.nl', '111222333', 'De Regenboog', 'ASKO', 'idioot', 'kankerlijer', 'puinhoop', 'geboren op 2 april 2017',
  'Damstraat 12', '1012 AB 5', 'vertrouwelijk', '🌋', 'ı', 'İ', 'e\u0301', "'s", '. ', '\n', ', ', ' ',
];
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom(...pieces)), { maxLength: 30 })
  .map((parts) => parts.join(''));
const post = fc.record({
  text,
  author: fc.constantFrom(...ROSTER.map((p) => ({ personId: p.id })), { role: 'student' as const }, { role: 'other' as const }),
  situation: fc.constantFrom('work' as const, 'private' as const),
  channel: fc.constantFrom({ kind: 'school' as const }, { kind: 'personal' as const }),
  at: fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
});

describe('engine properties', () => {
  it('never throws on random text and keeps every span inside the text', () => {
    fc.assert(
      fc.property(post, (p) => {
        const r = checkCase(buildCase(p));
        for (const f of r.findings) {
          for (const span of [f.span, f.fix?.kind === 'replace' ? f.fix.span : undefined]) {
            if (!span) continue;
            expect(span[0]).toBeGreaterThanOrEqual(0);
            expect(span[1]).toBeLessThanOrEqual(p.text.length);
            expect(span[0]).toBeLessThanOrEqual(span[1]);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('changes nothing outside the fixes’ spans', () => {
    fc.assert(
      fc.property(post, (p) => {
        const r = checkCase(buildCase(p));
        const fixed = applyTextFixes(p.text, r);
        const replaces = r.findings.flatMap((f) => (f.fix?.kind === 'replace' ? [f.fix.span] : []));
        const appends = r.findings.filter((f) => f.fix?.kind === 'append');
        if (replaces.length === 0) {
          expect(fixed.startsWith(p.text)).toBe(true);
          if (appends.length === 0) expect(fixed).toBe(p.text);
          return;
        }
        const first = Math.min(...replaces.map((s) => s[0]));
        const last = Math.max(...replaces.map((s) => s[1]));
        expect(fixed.startsWith(p.text.slice(0, first))).toBe(true);
        const tail = p.text.slice(last);
        if (appends.length === 0) expect(fixed.endsWith(tail)).toBe(true);
        else expect(fixed.includes(tail)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('leaves no fix finding after the fixes are applied', () => {
    fc.assert(
      fc.property(post, (p) => {
        const r = checkCase(buildCase(p));
        const again = checkCase(buildCase({ ...p, text: applyTextFixes(p.text, r) }));
        const textFixes = again.findings.filter((f) => f.fix && (f.fix.kind === 'replace' || f.fix.kind === 'append'));
        expect(textFixes.map((f) => f.code)).toEqual([]);
      }),
      { numRuns: 800 },
    );
  });
});
