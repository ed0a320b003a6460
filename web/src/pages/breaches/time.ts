// Moments in Dutch time for the breach pages: whatever the device's own time zone, the register
// shows and takes times as they were on a clock in the Netherlands (Europe/Amsterdam).
export const ZONE = 'Europe/Amsterdam';

function wallClock(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The value for an <input type="datetime-local">: this moment on a Dutch clock. */
export function toLocalInput(at: Date): string {
  return wallClock(at);
}

/**
 * "2026-10-23T15:00" on a Dutch clock → "2026-10-23T15:00:00+02:00". The hour that happens twice
 * in October counts as its first (summer time); a time in the hour skipped in March is null.
 */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  for (const offset of ['+02:00', '+01:00']) {
    const iso = `${value}:00${offset}`;
    const at = new Date(iso);
    if (!Number.isNaN(at.getTime()) && wallClock(at) === value) return iso;
  }
  return null;
}

/** "ma 26 okt 2026 14:00" in Dutch time, with the zone's name (CET/CEST) when asked. */
export function moment(iso: string, lang: 'nl' | 'en', withZone = false): string {
  return new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: ZONE,
    ...(withZone ? { timeZoneName: 'short' } : {}),
  });
}

/** Minutes as "2 dagen 3 uur" / "2 days 3 h" (at most two units). */
export function duration(minutes: number, lang: 'nl' | 'en'): string {
  const m = Math.abs(Math.trunc(minutes));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  const parts: string[] = [];
  if (d) parts.push(lang === 'nl' ? `${d} ${d === 1 ? 'dag' : 'dagen'}` : `${d} ${d === 1 ? 'day' : 'days'}`);
  if (h) parts.push(lang === 'nl' ? `${h} uur` : `${h} h`);
  if (!d && (min || !h)) parts.push(`${min} min`);
  return parts.slice(0, 2).join(' ');
}
