// The 72-hour deadline of AVG art. 33(1): 72 real hours after becoming aware, as an absolute
// instant. Adding 72 hours to the instant (not three calendar days to a wall-clock time) keeps it
// right across a daylight-saving change: aware on Friday 23 October 2026 at 15:00 summer time, the
// deadline is Monday 26 October at 14:00 winter time. Shown in Dutch time (Europe/Amsterdam).

export const DEADLINE_HOURS = 72;
export const TIME_ZONE = 'Europe/Amsterdam';
const HOUR = 3_600_000;

export function deadlineOf(discoveredAt: Date): Date {
  return new Date(discoveredAt.getTime() + DEADLINE_HOURS * HOUR);
}

/** Wall-clock time in the Netherlands with its offset, e.g. "2026-10-26 14:00 (+01:00)". */
export function amsterdamTime(at: Date): { date: string; time: string; offset: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, offset };
}

/** "2026-10-26T14:00+01:00": an instant written in Dutch local time. */
export function amsterdamIso(at: Date): string {
  const t = amsterdamTime(at);
  return `${t.date}T${t.time}${t.offset}`;
}

/** A readable moment in Dutch time, Dutch or English: "maandag 26 oktober 2026 om 14:00". */
export function formatMoment(at: Date, lang: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: TIME_ZONE, dateStyle: 'full', timeStyle: 'short' }).format(at);
}

export type DeadlineState = 'open' | 'overdue' | 'notified' | 'notified_late' | 'not_required';

export interface DeadlineView {
  deadlineAt: string;
  /** The deadline in Dutch local time, with its offset (CET +01:00 or CEST +02:00). */
  deadlineLocal: string;
  state: DeadlineState;
  /** Minutes left (negative: overdue); at the notification when notified. */
  minutesLeft: number;
  /** e.g. "nog 5 uur 30 min" / "5 h 30 min left", "3 uur te laat" / "3 h overdue". */
  label: { nl: string; en: string };
}

/** A duration in whole minutes as "2 dagen 3 uur" / "2 days 3 h" (at most two units). */
export function formatDuration(minutes: number, lang: 'nl' | 'en'): string {
  const m = Math.abs(Math.trunc(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  const parts: string[] = [];
  if (days) parts.push(lang === 'nl' ? `${days} ${days === 1 ? 'dag' : 'dagen'}` : `${days} ${days === 1 ? 'day' : 'days'}`);
  if (hours) parts.push(lang === 'nl' ? `${hours} uur` : `${hours} h`);
  if (!days && (mins || !hours)) parts.push(`${mins} min`);
  return parts.slice(0, 2).join(' ');
}

/** Time left, overdue, or done, for an entry that was discovered at `discoveredAt`. */
export function deadlineView(e: { discoveredAt: Date; authorityNotifiedAt: Date | null; notifyAuthority: boolean | null; status: string }, now: Date): DeadlineView {
  const deadline = deadlineOf(e.discoveredAt);
  const base = { deadlineAt: deadline.toISOString(), deadlineLocal: amsterdamIso(deadline) };
  if (e.authorityNotifiedAt) {
    const minutes = Math.floor((deadline.getTime() - e.authorityNotifiedAt.getTime()) / 60_000);
    const late = minutes < 0;
    return {
      ...base,
      state: late ? 'notified_late' : 'notified',
      minutesLeft: minutes,
      label: late
        ? { nl: `gemeld, ${formatDuration(minutes, 'nl')} te laat`, en: `notified, ${formatDuration(minutes, 'en')} late` }
        : { nl: 'gemeld bij de AP', en: 'notified to the AP' },
    };
  }
  if (e.notifyAuthority === false || e.status === 'no_breach') {
    return { ...base, state: 'not_required', minutesLeft: 0, label: { nl: 'geen melding nodig', en: 'no notification needed' } };
  }
  const minutes = Math.floor((deadline.getTime() - now.getTime()) / 60_000);
  if (minutes < 0) return { ...base, state: 'overdue', minutesLeft: minutes, label: { nl: `${formatDuration(minutes, 'nl')} te laat`, en: `${formatDuration(minutes, 'en')} overdue` } };
  return { ...base, state: 'open', minutesLeft: minutes, label: { nl: `nog ${formatDuration(minutes, 'nl')}`, en: `${formatDuration(minutes, 'en')} left` } };
}
