import { describe, expect, it } from 'vitest';
import { check, findings } from '../testing/factories.ts';

const during = { author: { personId: 'e1' }, text: 'We zitten nu midden in de rekenles!' };

describe('lesson time (A.1)', () => {
  it('moves a teacher’s post during lessons to the end of the block, in winter time', () => {
    const r = check({ ...during, at: '2026-11-26T10:15:00+01:00' });
    const [f] = findings(r, 'lesson_time');
    expect(r.verdict).toBe('allowed_with_changes');
    expect(f).toMatchObject({ rule: 'A.1', severity: 'fix', fix: { kind: 'reschedule', at: '2026-11-26T14:30:00+01:00' } });
  });

  it('uses summer time offsets after the switch', () => {
    const r = check({ ...during, at: '2026-04-02T08:30:00+02:00' });
    expect(findings(r, 'lesson_time')[0]?.fix).toEqual({ kind: 'reschedule', at: '2026-04-02T14:30:00+02:00' });
  });

  it('reads a moment given in UTC in the school’s time zone', () => {
    // 13:00Z is 14:00 in Amsterdam in November: inside the block.
    expect(findings(check({ ...during, at: '2026-11-26T13:00:00Z' }), 'lesson_time')).toHaveLength(1);
    // 13:45Z is 14:45 local: after the block.
    expect(findings(check({ ...during, at: '2026-11-26T13:45:00Z' }), 'lesson_time')).toHaveLength(0);
  });

  it('includes the start and excludes the end of a block', () => {
    expect(findings(check({ ...during, at: '2026-11-26T08:30:00+01:00' }), 'lesson_time')).toHaveLength(1);
    expect(findings(check({ ...during, at: '2026-11-26T14:30:00+01:00' }), 'lesson_time')).toHaveLength(0);
  });

  it('knows Wednesday afternoons, weekends and holidays have no lessons', () => {
    expect(findings(check({ ...during, at: '2026-11-25T13:00:00+01:00' }), 'lesson_time')).toHaveLength(0);
    expect(findings(check({ ...during, at: '2026-11-28T10:00:00+01:00' }), 'lesson_time')).toHaveLength(0);
    expect(findings(check({ ...during, at: '2026-12-21T10:00:00+01:00' }), 'lesson_time')).toHaveLength(0);
  });

  it('respects a lesson-time permission for that person and moment only', () => {
    const permissions = [{ kind: 'lesson_time' as const, personId: 'e1', from: '2026-11-26T09:00:00+01:00', until: '2026-11-26T10:00:00+01:00', grantedBy: 'e2' }];
    expect(findings(check({ ...during, at: '2026-11-26T09:30:00+01:00' }, { permissions }), 'lesson_time')).toHaveLength(0);
    expect(findings(check({ ...during, at: '2026-11-26T10:30:00+01:00' }, { permissions }), 'lesson_time')).toHaveLength(1);
    expect(findings(check({ ...during, author: { personId: 's2' }, at: '2026-11-26T09:30:00+01:00' }, { permissions }), 'lesson_time')).toHaveLength(1);
  });

  it('never applies to guardians or others', () => {
    expect(findings(check({ ...during, author: { personId: 'g1' }, at: '2026-11-26T10:15:00+01:00' }), 'lesson_time')).toHaveLength(0);
    expect(findings(check({ ...during, author: { role: 'other' }, at: '2026-11-26T10:15:00+01:00' }), 'lesson_time')).toHaveLength(0);
  });

  it('applies to an author given only by the role student, with the school’s own timetable', () => {
    const school = { name: 'De Regenboog', timezone: 'Europe/Amsterdam', timetable: { '5': [['08:30', '12:00'] as [string, string], ['13:00', '15:00'] as [string, string]] } };
    const r = check({ ...during, author: { role: 'student' }, at: '2026-11-27T13:10:00+01:00' }, { school });
    expect(findings(r, 'lesson_time')[0]?.fix).toEqual({ kind: 'reschedule', at: '2026-11-27T15:00:00+01:00' });
    expect(findings(check({ ...during, author: { role: 'student' }, at: '2026-11-27T12:30:00+01:00' }, { school }), 'lesson_time')).toHaveLength(0);
  });
});
