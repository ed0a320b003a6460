import { describe, expect, it } from 'vitest';
import type { Finding } from './case.ts';
import { applyTextFixes, mergeReplacements } from './fixes.ts';

const f = (fix: Finding['fix']): Finding => ({ rule: 'A.2', severity: 'fix', code: 'x', message: { nl: '', en: '' }, ...(fix ? { fix } : {}) });

describe('applying fixes', () => {
  it('merges overlapping replacements into the larger one', () => {
    expect(
      mergeReplacements([
        { kind: 'replace', span: [4, 10], text: 'A' },
        { kind: 'replace', span: [0, 20], text: 'B' },
        { kind: 'replace', span: [25, 30], text: 'C' },
      ]),
    ).toEqual([
      { kind: 'replace', span: [0, 20], text: 'B' },
      { kind: 'replace', span: [25, 30], text: 'C' },
    ]);
  });

  it('applies replacements from the end so that offsets stay right', () => {
    const text = 'aaa BBB ccc DDD';
    expect(applyTextFixes(text, [f({ kind: 'replace', span: [4, 7], text: 'b' }), f({ kind: 'replace', span: [12, 15], text: '' })])).toBe('aaa b ccc ');
  });

  it('appends a disclosure before a disclaimer, once each', () => {
    const r = [
      f({ kind: 'append', text: 'Mening.', role: 'disclaimer' }),
      f({ kind: 'append', text: 'Ik werk er.', role: 'disclosure' }),
      f({ kind: 'append', text: 'Ik werk er.', role: 'disclosure' }),
    ];
    expect(applyTextFixes('Hallo!', r)).toBe('Hallo! Ik werk er. Mening.');
    expect(applyTextFixes('', r)).toBe('Ik werk er. Mening.');
    expect(applyTextFixes('Hallo!\n', r)).toBe('Hallo!\nIk werk er. Mening.');
  });
});
