// Days and dates in Dutch time (Europe/Amsterdam), the one place the files module turns an instant
// into a calendar day: retention dates, the day in a letter's title and file name, the date on a
// letter. A UTC day would be wrong between midnight and 01:00 or 02:00 Dutch time.
export const TIME_ZONE = 'Europe/Amsterdam';

/** The calendar day (YYYY-MM-DD) of an instant in Dutch time. */
export function dutchDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** "26 november 2026": a calendar day (YYYY-MM-DD) as is, an instant as its day in Dutch time. */
export function dutchDate(day: string | Date): string {
  const at = typeof day === 'string' ? new Date(`${day}T12:00:00Z`) : day;
  return new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}
