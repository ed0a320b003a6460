import { describe, expect, it } from 'vitest';
import { formatMoment, localTime, parseMoment, zonedToEpoch } from './time.ts';

const TZ = 'Europe/Amsterdam';

describe('time in the school’s time zone', () => {
  it('follows the switch to summer time at 01:00 UTC on the last Sunday of March', () => {
    expect(formatMoment(Date.parse('2026-03-29T00:59:59Z'), TZ)).toBe('2026-03-29T01:59:59+01:00');
    expect(formatMoment(Date.parse('2026-03-29T01:00:00Z'), TZ)).toBe('2026-03-29T03:00:00+02:00');
  });

  it('follows the switch back in October', () => {
    expect(formatMoment(Date.parse('2026-10-25T00:30:00Z'), TZ)).toBe('2026-10-25T02:30:00+02:00');
    expect(formatMoment(Date.parse('2026-10-25T01:30:00Z'), TZ)).toBe('2026-10-25T02:30:00+01:00');
  });

  it('gives the local date, ISO weekday and minutes', () => {
    expect(localTime(Date.parse('2026-11-26T23:30:00Z'), TZ)).toEqual({ date: '2026-11-27', weekday: 5, minutes: 30 });
  });

  it('turns a local wall-clock time into the right instant on both sides of the switch', () => {
    expect(new Date(zonedToEpoch('2026-03-28', 14 * 60 + 30, TZ)).toISOString()).toBe('2026-03-28T13:30:00.000Z');
    expect(new Date(zonedToEpoch('2026-03-30', 14 * 60 + 30, TZ)).toISOString()).toBe('2026-03-30T12:30:00.000Z');
  });

  it('parses moments with and without an offset, and rejects impossible ones', () => {
    expect(parseMoment('2026-11-26T10:00:00+01:00', TZ)).toBe(Date.parse('2026-11-26T09:00:00Z'));
    expect(parseMoment('2026-11-26T10:00:00+0100', TZ)).toBe(Date.parse('2026-11-26T09:00:00Z'));
    expect(parseMoment('2026-07-01T10:00', TZ)).toBe(Date.parse('2026-07-01T08:00:00Z'));
    expect(parseMoment('2026-11-26', TZ)).toBe(Date.parse('2026-11-25T23:00:00Z'));
    expect(parseMoment('2026-02-30T10:00:00Z', TZ)).toBeNaN();
    expect(parseMoment('2026-11-26T25:00:00Z', TZ)).toBeNaN();
  });
});
