import { describe, expect, it } from 'vitest';
import { applyTextFixes } from '../fixes.ts';
import { check, findings } from '../testing/factories.ts';

const employee = { author: { personId: 'e1' }, channel: { kind: 'personal' as const, platform: 'linkedin' } };

describe('disclosure (B.1 at work, C.3 in private)', () => {
  it('asks an employee writing about the school on a personal channel to say they work there', () => {
    const text = 'Wat ben ik trots op De Regenboog, wat een prachtige kerstmarkt!';
    const r = check({ ...employee, situation: 'private', text });
    expect(findings(r, 'disclosure.missing')).toEqual([expect.objectContaining({ rule: 'C.3', severity: 'fix', fix: { kind: 'append', text: 'Ik werk bij ASKO.', role: 'disclosure' } })]);
    expect(findings(check({ ...employee, situation: 'work', text }), 'disclosure.missing')[0]?.rule).toBe('B.1');
  });

  it.each([
    'Ik werk bij De Regenboog en ben trots op onze kerstmarkt.',
    'Trots op De Regenboog, waar ik als leerkracht werk.',
    'Als juf op De Regenboog zie ik elke dag mooie dingen.',
    'Medewerker ASKO hier: wat een dag.',
    'I work at De Regenboog and love it.',
    'De Regenboog, hier werk ik er al tien jaar.',
  ])('accepts any statement of employment: %s', (text) => {
    expect(findings(check({ ...employee, situation: 'work', text }), 'disclosure.missing')).toHaveLength(0);
  });

  it('uses the organisation’s own sentence and recognises it after the fix', () => {
    const organization = { name: 'ASKO', disclosure: 'Ik ben medewerker van ASKO.' };
    const text = 'Mooie studiedag van ASKO vandaag';
    const r = check({ ...employee, situation: 'work', text }, { organization });
    expect(findings(r, 'disclosure.missing')[0]?.fix).toEqual({ kind: 'append', text: 'Ik ben medewerker van ASKO.', role: 'disclosure' });
    expect(findings(check({ ...employee, situation: 'work', text: applyTextFixes(text, r) }, { organization }), 'disclosure.missing')).toHaveLength(0);
  });

  it('needs nothing on a school channel, from a parent, or without naming the school', () => {
    const text = 'Wat ben ik trots op De Regenboog!';
    expect(findings(check({ ...employee, channel: { kind: 'school' }, situation: 'work', text }), 'disclosure.missing')).toHaveLength(0);
    expect(findings(check({ author: { personId: 'g1' }, text }), 'disclosure.missing')).toHaveLength(0);
    expect(findings(check({ ...employee, situation: 'work', text: 'Wat een leuke klas heb ik dit jaar!' }), 'disclosure.missing')).toHaveLength(0);
  });
});
