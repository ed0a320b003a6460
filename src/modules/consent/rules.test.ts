import { describe, expect, it } from 'vitest';
import { ageOn, decider, deciderProblem, schoolYearOf, schoolYearSpan } from './rules.ts';

describe('school years', () => {
  it('runs from 1 August to 31 July', () => {
    expect(schoolYearSpan('2026-2027')).toEqual({ from: '2026-08-01', until: '2027-07-31' });
    expect(schoolYearSpan('2026-2028')).toBeNull();
    expect(schoolYearSpan('2026')).toBeNull();
    expect(schoolYearOf('2026-07-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-08-01')).toBe('2026-2027');
  });
});

describe('who decides', () => {
  const student = (birthDate: string | null) => ({ id: 's', kind: 'student' as const, birthDate });
  it('counts whole years, the birthday included', () => {
    expect(ageOn('2010-03-15', '2026-03-14')).toBe(15);
    expect(ageOn('2010-03-15', '2026-03-15')).toBe(16);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
  });

  it('gives the guardian the choice until the 16th birthday, then the student', () => {
    expect(decider(student('2010-03-15'), '2026-03-14')).toBe('guardian');
    expect(decider(student('2010-03-15'), '2026-03-15')).toBe('self');
    expect(decider(student(null), '2026-03-15')).toBe('guardian');
    expect(decider({ id: 'e', kind: 'employee', birthDate: null }, '2026-03-15')).toBe('self');
  });

  it('names the problem when the wrong person decides', () => {
    const guardians = new Set(['g1']);
    expect(deciderProblem(student('2017-01-01'), 'g1', guardians, '2026-11-26')).toBeNull();
    expect(deciderProblem(student('2017-01-01'), 'g2', guardians, '2026-11-26')).toMatch(/parent or guardian of that child/);
    expect(deciderProblem(student('2017-01-01'), 's', guardians, '2026-11-26')).toMatch(/parent/);
    expect(deciderProblem(student('2010-01-01'), 'g1', guardians, '2026-11-26')).toMatch(/from 16 a student decides/);
    expect(deciderProblem(student('2010-01-01'), 's', guardians, '2026-11-26')).toBeNull();
    expect(deciderProblem({ id: 'e', kind: 'employee', birthDate: null }, 'g1', guardians, '2026-11-26')).toMatch(/adult decides/);
  });
});
