// A conversation as an employee pastes it, read into the messages checkThread takes. One message
// per line; a line may start with a time and a name (docs/supervision.md):
//   [16:05] Petra Jansen: wat een schande dit
//   2026-11-26 16:05 Petra Jansen: wat een schande dit
//   Petra Jansen: wat een schande dit
//   wat een schande dit                      (no name: "onbekend")
// Empty lines are skipped. Pasted times are Dutch wall-clock times (Europe/Amsterdam, summer and
// winter time included); a time without a date is on the day of pasting. When a time drops more
// than 12 hours below the one before, the conversation went past midnight: a day is added. When
// times without a date would end later than now, the conversation began yesterday: they move back
// a day. A line without a time comes a minute after the one before it; lines without a time before
// the first time count back a minute each from it; when no line has a time, the messages end at the
// moment of pasting. Every moment is given with its offset ("2026-11-26T16:05:00+01:00").

export const MAX_THREAD_LINES = 500;
export const MAX_THREAD_CHARS = 50_000;
export const UNKNOWN_AUTHOR = 'onbekend';
export const THREAD_TIME_ZONE = 'Europe/Amsterdam';

export interface PastedMessage {
  author: string;
  at: string;
  text: string;
}

const TIME = /^\s*\[?\s*(?:(\d{4})-(\d{2})-(\d{2})[ T,]+)?(\d{1,2})[:.](\d{2})\s*\]?\s*[-–]?\s*/;
/** A name before a colon: at most 5 words, no digits, not a link's scheme. */
const NAME = /^([^:\d\n]{1,60}?):\s+(.*)$/;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A conversation may end a little after "now" (clocks differ) before it counts as yesterday's. */
const CLOCK_SLACK = 10 * MINUTE;

export class ThreadTextError extends Error {}

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: THREAD_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Dutch wall-clock time of a moment, as if it were UTC (for day and minute arithmetic). */
function wallOf(ms: number): number {
  const p = Object.fromEntries(wallClock.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** Minutes the Dutch clock is ahead of UTC at a moment (60 in winter, 120 in summer). */
const offsetAt = (ms: number) => Math.round((wallOf(ms) - Math.floor(ms / 1000) * 1000) / MINUTE);

/** The moment a Dutch wall-clock time stands for (a time skipped by summer time moves an hour on). */
function momentOf(wall: number): number {
  const first = wall - offsetAt(wall) * MINUTE;
  const second = wall - offsetAt(first) * MINUTE;
  return second;
}

/** "2026-11-26T16:05:00+01:00": the Dutch time with its offset. */
function dutchIso(ms: number): string {
  const off = offsetAt(ms);
  const local = new Date(ms + off * MINUTE).toISOString().slice(0, 19);
  const abs = Math.abs(off);
  return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

interface Line {
  author: string;
  text: string;
  /** Wall-clock time (as UTC ms) and whether the line gave its own date. */
  wall?: number;
  dated?: boolean;
}

export function readThreadText(text: string, now: number): PastedMessage[] {
  if (text.length > MAX_THREAD_CHARS) throw new ThreadTextError(`The conversation is too long: at most ${MAX_THREAD_CHARS} characters.`);
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_THREAD_LINES) throw new ThreadTextError(`The conversation has too many lines: at most ${MAX_THREAD_LINES} messages.`);
  const today = Math.floor(wallOf(now) / DAY) * DAY;
  const parsed: Line[] = lines.map((line) => {
    let rest = line;
    let wall: number | undefined;
    let dated = false;
    const t = TIME.exec(rest);
    if (t && Number(t[4]) < 24 && Number(t[5]) < 60) {
      const day = t[1] ? Date.UTC(Number(t[1]), Number(t[2]) - 1, Number(t[3])) : today;
      const valid = !t[1] || new Date(day).toISOString().slice(0, 10) === `${t[1]}-${t[2]}-${t[3]}`;
      if (valid) {
        wall = day + Number(t[4]) * HOUR + Number(t[5]) * MINUTE;
        dated = !!t[1];
        rest = rest.slice(t[0].length);
      }
    }
    const n = NAME.exec(rest);
    const name = n && n[1]!.trim().split(/\s+/).length <= 5 && !/^https?$/i.test(n[1]!.trim()) ? n[1]!.trim() : null;
    return { author: name ?? UNKNOWN_AUTHOR, text: name ? n![2]! : rest, ...(wall !== undefined ? { wall, dated } : {}) };
  });

  // Past midnight: a time far below the one before is on the next day. A date given on a line
  // starts its own day count.
  let prev: number | undefined;
  let days = 0;
  for (const p of parsed) {
    if (p.wall === undefined) continue;
    if (p.dated) days = 0;
    else {
      let wall = p.wall + days * DAY;
      if (prev !== undefined && wall < prev - 12 * HOUR) {
        days += 1;
        wall += DAY;
      }
      p.wall = wall;
    }
    prev = p.wall;
  }
  // Times without a date that would end in the future belong to a conversation that began yesterday.
  const undated = parsed.filter((p) => p.wall !== undefined && !p.dated);
  if (undated.length && !parsed.some((p) => p.dated)) {
    let back = 0;
    while (back < 2 && momentOf(undated[undated.length - 1]!.wall! - back * DAY) > now + CLOCK_SLACK) back += 1;
    for (const p of undated) p.wall = p.wall! - back * DAY;
  }

  const moments = parsed.map((p) => (p.wall === undefined ? undefined : momentOf(p.wall)));
  const firstTimed = moments.findIndex((m) => m !== undefined);
  let clock = firstTimed === -1 ? now - parsed.length * MINUTE : moments[firstTimed]! - (firstTimed + 1) * MINUTE;
  return parsed.map((p, i) => {
    clock = moments[i] ?? clock + MINUTE;
    return { author: p.author, at: dutchIso(clock), text: p.text };
  });
}
