import { describe, expect, it } from 'vitest';
import { applyTextFixes } from '../fixes.ts';
import { check, findings } from '../testing/factories.ts';

const employee = { author: { personId: 'e1' }, channel: { kind: 'personal' as const, platform: 'x' }, situation: 'private' as const };

describe('disclaimer (C.4)', () => {
  it('asks an employee writing privately about the board to add that these are personal views; both sentences append in order', () => {
    const text = 'De nieuwe plannen van ASKO voor het rekenonderwijs zijn interessant.';
    const r = check({ ...employee, text });
    expect(findings(r, 'disclaimer.missing')).toEqual([expect.objectContaining({ rule: 'C.4', severity: 'fix' })]);
    const fixed = applyTextFixes(text, r);
    expect(fixed).toBe(`${text} Ik werk bij ASKO. Dit is mijn persoonlijke mening en staat los van de officiële standpunten van ASKO.`);
    expect(check({ ...employee, text: fixed }).findings.filter((f) => f.severity === 'fix')).toHaveLength(0);
  });

  it.each([
    'Ik werk bij ASKO; dit is op persoonlijke titel.',
    'Ik werk bij ASKO en dit is mijn eigen mening.',
    'Ik werk bij ASKO. Mijn mening staat los van de officiële standpunten van de stichting.',
    'I work at ASKO, views are my own.',
  ])('accepts a statement of personal views: %s', (text) => {
    expect(findings(check({ ...employee, text }), 'disclaimer.missing')).toHaveLength(0);
  });

  it('is not asked in a work situation or on a school channel', () => {
    const text = 'Mooie plannen van ASKO.';
    expect(findings(check({ ...employee, situation: 'work', text }), 'disclaimer.missing')).toHaveLength(0);
    expect(findings(check({ ...employee, channel: { kind: 'school' }, text }), 'disclaimer.missing')).toHaveLength(0);
  });
});
