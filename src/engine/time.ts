// Time in the school's time zone, with Intl only (available in browsers and Node alike).
// Daylight saving is handled by asking Intl for the wall-clock time of an instant.

export interface LocalTime {
  /** YYYY-MM-DD in the time zone. */
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function wall(epochMs: number, tz: string): Wall {
  const parts = formatter(tz).formatToParts(new Date(epochMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

/** Offset of the time zone from UTC at that instant, in minutes (Amsterdam: 60 or 120). */
export function offsetMinutes(epochMs: number, tz: string): number {
  const w = wall(epochMs, tz);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

const pad = (n: number, l = 2) => String(n).padStart(l, '0');

// Offsets change on whole quarter hours at most (in practice on the hour): cache them per
// quarter hour, so that a check costs no Intl call after the first in that quarter.
// Keyed by time zone, then by the number of the quarter hour (a number key: no string to build).
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER = 15 * 60000;

function cachedOffset(epochMs: number, tz: string): number {
  let byQuarter = offsetCache.get(tz);
  if (!byQuarter) {
    if (offsetCache.size > 100) offsetCache.clear();
    byQuarter = new Map();
    offsetCache.set(tz, byQuarter);
  }
  const quarter = Math.floor(epochMs / QUARTER);
  let off = byQuarter.get(quarter);
  if (off === undefined) {
    if (byQuarter.size > 10000) byQuarter.clear();
    off = offsetMinutes(quarter * QUARTER, tz);
    byQuarter.set(quarter, off);
  }
  return off;
}

export function localTime(epochMs: number, tz: string): LocalTime {
  const local = new Date(epochMs + cachedOffset(epochMs, tz) * 60000);
  const weekday = ((local.getUTCDay() + 6) % 7) + 1;
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60 + local.getUTCMilliseconds() / 60000;
  return { date, weekday, minutes };
}

/** The instant at which the wall clock in tz shows this local date and time. */
export function zonedToEpoch(date: string, minutes: number, tz: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, mo - 1, d, 0, 0, 0) + minutes * 60000;
  let guess = naive - cachedOffset(naive, tz) * 60000;
  // A second pass settles instants next to a daylight-saving switch.
  guess = naive - cachedOffset(guess, tz) * 60000;
  return guess;
}

/** ISO 8601 with the time zone's offset: 2026-11-26T14:30:00+01:00. */
export function formatMoment(epochMs: number, tz: string): string {
  const off = cachedOffset(epochMs, tz);
  const l = new Date(epochMs + off * 60000);
  const w = { y: l.getUTCFullYear(), mo: l.getUTCMonth() + 1, d: l.getUTCDate(), h: l.getUTCHours(), mi: l.getUTCMinutes(), s: l.getUTCSeconds() };
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

const MOMENT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Parses an ISO moment. Without an offset it is read as wall-clock time in tz; a date alone is
 * the start of that day in tz. Returns NaN when it is not a valid moment.
 */
export function parseMoment(s: string, tz: string): number {
  const fast = parseFullMoment(s);
  if (!Number.isNaN(fast)) return fast;
  const m = MOMENT.exec(s.trim());
  if (!m) return NaN;
  const [, date, hh = '00', mm = '00', ss = '00', frac = '', zone] = m;
  const [y, mo, d] = date!.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return NaN;
  const h = Number(hh);
  const mi = Number(mm);
  const sec = Number(ss);
  if (h > 23 || mi > 59 || sec > 59) return NaN;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const minutes = h * 60 + mi + sec / 60 + ms / 60000;
  if (!zone) return zonedToEpoch(date!, minutes, tz);
  let offset = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return Date.UTC(y, mo - 1, d) + minutes * 60000 - offset * 60000;
}

/**
 * The common writing "2026-11-26T10:15:00+01:00" (or "...Z"), read without a regex; NaN for
 * anything else, including invalid values, which parseMoment then reads (and rejects) the long
 * way. Computes exactly what parseMoment computes.
 */
function parseFullMoment(s: string): number {
  const n = s.length;
  if (n !== 25 && n !== 20) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return NaN;
  let offset = 0;
  if (n === 20) {
    if (s.charCodeAt(19) !== 90) return NaN; // Z
  } else {
    const sign = s.charCodeAt(19);
    if ((sign !== 43 && sign !== 45) || s.charCodeAt(22) !== 58) return NaN;
    const oh = digits2(s, 20);
    const om = digits2(s, 23);
    if (oh < 0 || om < 0) return NaN;
    offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  }
  const century = digits2(s, 0);
  const year = digits2(s, 2);
  if (century < 0 || year < 0) return NaN;
  const y = century * 100 + year;
  const mo = digits2(s, 5);
  const d = digits2(s, 8);
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const sec = digits2(s, 17);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return NaN;
  const ms = 0;
  const minutes = h * 60 + mi + sec / 60 + ms / 60000;
  return Date.UTC(y, mo - 1, d) + minutes * 60000 - offset * 60000;
}

/** The two-digit number at s[i], or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

/** Minutes since midnight of "HH:MM". */
export function hhmmToMinutes(s: string): number {
  const [h, m] = s.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
