// A.1: students and employees are not on social media during their lessons unless someone
// allowed it. The fix moves the post to the end of the lesson block.
import type { Finding } from '../case.ts';
import type { PostContext } from '../context.ts';
import { formatMoment, zonedToEpoch } from '../time.ts';
import { finding } from './finding.ts';

/** The lesson block [start, end) in minutes that contains the post's moment, if any. */
export function lessonBlockAt(ctx: PostContext): [number, number] | null {
  const { local, school } = ctx;
  if (school.holidays.some(([from, until]) => local.date >= from && local.date <= until)) return null;
  const blocks = school.timetable.get(local.weekday);
  if (!blocks) return null;
  return blocks.find(([a, b]) => local.minutes >= a && local.minutes < b) ?? null;
}

export function isDuringOwnLessons(ctx: PostContext): boolean {
  const role = ctx.author.role;
  return (role === 'student' || role === 'employee') && lessonBlockAt(ctx) !== null;
}

export function lessonTimeRule(ctx: PostContext): Finding[] {
  const rule = ctx.articles.lessonTime;
  if (!rule) return [];
  const role = ctx.author.role;
  if (role !== 'student' && role !== 'employee') return [];
  const block = lessonBlockAt(ctx);
  if (!block) return [];
  const personId = ctx.author.person?.id;
  if (personId) {
    const allowed = ctx.school.lessonPermissions.get(personId)?.some((p) => ctx.at >= p.from && ctx.at < p.until);
    if (allowed) return [];
  }
  const end = zonedToEpoch(ctx.local.date, block[1], ctx.school.timezone);
  const at = formatMoment(end, ctx.school.timezone);
  const hhmm = at.slice(11, 16);
  return [
    finding(
      rule,
      'fix',
      'lesson_time',
      {
        nl: `Je plaatst dit tijdens de les, en daar is geen toestemming voor. Plaats het na de les, om ${hhmm}.`,
        en: `You are posting during lessons without permission. Post it after the lesson, at ${hhmm}.`,
      },
      { fix: { kind: 'reschedule', at }, ...(personId ? { personId } : {}) },
    ),
  ];
}
