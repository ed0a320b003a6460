// The 72-hour deadline of AVG art. 33(1): 72 real hours from becoming aware, shown in Dutch time,
// right across both daylight-saving changes; time left, overdue and notified as labels.
import { describe, expect, it } from 'vitest';
import { amsterdamIso, deadlineOf, deadlineView, formatDuration, formatMoment } from '../../src/modules/breaches/deadline.ts';

const at = (iso: string) => new Date(iso);
const local = (iso: string) => amsterdamIso(deadlineOf(at(iso)));

describe('the 72-hour deadline', () => {
  it('is 72 real hours later: the wall clock moves an hour across a daylight-saving change', () => {
    // Summer time ends on Sunday 25 October 2026 (03:00 CEST → 02:00 CET).
    expect(local('2026-10-23T15:00:00+02:00')).toBe('2026-10-26T14:00+01:00');
    // Summer time starts on Sunday 28 March 2027 (02:00 CET → 03:00 CEST).
    expect(local('2027-03-26T10:00:00+01:00')).toBe('2027-03-29T11:00+02:00');
    // Aware during the hour that happens twice (02:30 summer time, the first time).
    expect(local('2026-10-25T02:30:00+02:00')).toBe('2026-10-28T01:30+01:00');
    // ... and the second time (02:30 winter time), one real hour later.
    expect(local('2026-10-25T02:30:00+01:00')).toBe('2026-10-28T02:30+01:00');
    // The instant itself, not just its wall-clock reading: 72 hours on both changes.
    for (const aware of ['2026-10-23T15:00:00+02:00', '2027-03-26T10:00:00+01:00']) expect(deadlineOf(at(aware)).getTime() - at(aware).getTime()).toBe(72 * 3_600_000);
  });

  it('is three days to the minute on ordinary days, summer and winter', () => {
    expect(local('2026-11-26T09:15:00+01:00')).toBe('2026-11-29T09:15+01:00');
    expect(local('2026-06-30T23:59:00+02:00')).toBe('2026-07-03T23:59+02:00');
    // Across a year's end.
    expect(local('2026-12-30T12:00:00+01:00')).toBe('2027-01-02T12:00+01:00');
    expect(deadlineOf(at('2026-06-01T10:00:00Z')).getTime() - at('2026-06-01T10:00:00Z').getTime()).toBe(72 * 3_600_000);
  });

  it('reads the moment in Dutch local time, in Dutch or English', () => {
    expect(formatMoment(deadlineOf(at('2026-10-23T15:00:00+02:00')), 'nl')).toBe('maandag 26 oktober 2026 om 14:00');
    expect(formatMoment(deadlineOf(at('2026-10-23T15:00:00+02:00')), 'en')).toMatch(/Monday,? 26 October 2026 at 14:00/);
  });
});

describe('time left and overdue', () => {
  const entry = (discoveredAt: string, over: Partial<{ authorityNotifiedAt: Date | null; notifyAuthority: boolean | null; status: string }> = {}) => ({
    discoveredAt: at(discoveredAt),
    authorityNotifiedAt: null,
    notifyAuthority: null,
    status: 'possible',
    ...over,
  });

  it('formats a duration in at most two units', () => {
    expect(formatDuration(0, 'nl')).toBe('0 min');
    expect(formatDuration(45, 'en')).toBe('45 min');
    expect(formatDuration(60, 'nl')).toBe('1 uur');
    expect(formatDuration(135, 'nl')).toBe('2 uur 15 min');
    expect(formatDuration(1440, 'nl')).toBe('1 dag');
    expect(formatDuration(2 * 1440 + 22 * 60 + 30, 'nl')).toBe('2 dagen 22 uur');
    expect(formatDuration(-(1440 + 65), 'en')).toBe('1 day 1 h');
    // With days, minutes are left out.
    expect(formatDuration(1440 + 5, 'en')).toBe('1 day');
  });

  it('counts down across the clock change in real hours', () => {
    // Aware Friday 15:00 summer time; Monday 13:00 winter time is one real hour before the deadline.
    const v = deadlineView(entry('2026-10-23T15:00:00+02:00'), at('2026-10-26T13:00:00+01:00'));
    expect(v).toMatchObject({ state: 'open', minutesLeft: 60, deadlineLocal: '2026-10-26T14:00+01:00', label: { nl: 'nog 1 uur', en: '1 h left' } });
    const late = deadlineView(entry('2026-10-23T15:00:00+02:00'), at('2026-10-26T14:30:00+01:00'));
    expect(late).toMatchObject({ state: 'overdue', minutesLeft: -30, label: { nl: '30 min te laat', en: '30 min overdue' } });
  });

  it('says notified, notified late, or that no notification is needed', () => {
    const on = deadlineView(entry('2027-03-26T10:00:00+01:00', { authorityNotifiedAt: at('2027-03-29T10:59:00+02:00'), notifyAuthority: true, status: 'registered' }), at('2027-04-10T00:00:00Z'));
    expect(on).toMatchObject({ state: 'notified', minutesLeft: 1 });
    // Exactly at the deadline is in time; a minute after it is late.
    expect(deadlineView(entry('2027-03-26T10:00:00+01:00', { authorityNotifiedAt: at('2027-03-29T11:00:00+02:00'), notifyAuthority: true, status: 'registered' }), at('2027-04-10T00:00:00Z')).state).toBe('notified');
    expect(deadlineView(entry('2027-03-26T10:00:00+01:00', { authorityNotifiedAt: at('2027-03-29T11:01:00+02:00'), notifyAuthority: true, status: 'registered' }), at('2027-04-10T00:00:00Z')).state).toBe('notified_late');
    const late = deadlineView(entry('2027-03-26T10:00:00+01:00', { authorityNotifiedAt: at('2027-03-29T13:00:00+02:00'), notifyAuthority: true, status: 'registered' }), at('2027-04-10T00:00:00Z'));
    expect(late).toMatchObject({ state: 'notified_late', minutesLeft: -120, label: { nl: 'gemeld, 2 uur te laat', en: 'notified, 2 h late' } });
    expect(deadlineView(entry('2027-03-26T10:00:00+01:00', { notifyAuthority: false, status: 'registered' }), at('2027-04-10T00:00:00Z')).state).toBe('not_required');
    expect(deadlineView(entry('2027-03-26T10:00:00+01:00', { status: 'no_breach' }), at('2027-04-10T00:00:00Z')).state).toBe('not_required');
  });
});
