// Who decides about a person's photos, film and sound, and what a school year is. Pure functions,
// tested on their own: the service applies them inside its transaction.

/** The four channels every school has (the contract's "Channels for consent"). */
export const STANDARD_CHANNELS = ['school_social_media', 'school_website', 'newsletter', 'personal_social_media'] as const;
export const MEDIA_KINDS = ['photo', 'video', 'audio'] as const;
export type ConsentMediaKind = (typeof MEDIA_KINDS)[number];
export type ConsentStatus = 'granted' | 'refused' | 'revoked';

/** From this age a student decides for themselves (AVG: under 16 a parent decides). */
export const SELF_CONSENT_AGE = 16;

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

/** "2026-2027" → its default validity: 1 August to 31 July. Null when the text is not a school year. */
export function schoolYearSpan(year: string): { from: string; until: string } | null {
  const m = SCHOOL_YEAR.exec(year);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return null;
  return { from: `${m[1]}-08-01`, until: `${m[2]}-07-31` };
}

/** The school year a date (YYYY-MM-DD) falls in, with 1 August as its start. */
export function schoolYearOf(date: string): string {
  const y = Number(date.slice(0, 4));
  return date.slice(5) >= '08-01' ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

/** Age in whole years on a date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export interface Subject {
  id: string;
  kind: 'student' | 'employee' | 'guardian' | 'other';
  birthDate: string | null;
}

/**
 * Who may decide for this person on this date: a student under 16 (or of unknown age) through a
 * guardian; a student from their 16th birthday, and every adult, themselves.
 */
export function decider(subject: Subject, date: string): 'guardian' | 'self' {
  if (subject.kind !== 'student') return 'self';
  if (!subject.birthDate) return 'guardian';
  return ageOn(subject.birthDate, date) >= SELF_CONSENT_AGE ? 'self' : 'guardian';
}

/** Why `givenBy` may not decide for the subject, or null when they may. */
export function deciderProblem(subject: Subject, givenBy: string, guardiansOfSubject: ReadonlySet<string>, date: string): string | null {
  const who = decider(subject, date);
  if (who === 'self') {
    return givenBy === subject.id ? null : subject.kind === 'student' ? 'from 16 a student decides about their own photos, film and sound' : 'an adult decides about their own photos, film and sound';
  }
  return guardiansOfSubject.has(givenBy) ? null : 'for a child under 16 a parent or guardian of that child decides';
}
