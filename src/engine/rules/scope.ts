// R.2: the protocol covers school-related posts, and posts where school, work and private life
// overlap. Anything else gets one R.2 finding saying why, and nothing more.
import type { Finding } from '../case.ts';
import type { PostContext } from '../context.ts';
import { isNamed } from '../mentions.ts';
import { NOT_SCHOOL, SCHOOL_LIFE } from '../text/lexicon.ts';
import { finding } from './finding.ts';
import { isDuringOwnLessons } from './lesson-time.ts';

export type ScopeReason =
  | 'school_channel'
  | 'names_school'
  | 'names_person'
  | 'media_people'
  | 'school_life'
  | 'during_lessons'
  | 'connections';

const GROUP_WORD = /(?<![\p{L}])(?:groep|klas)\s+\d/u;

export function talksAboutSchoolLife(ctx: PostContext): boolean {
  if (GROUP_WORD.test(ctx.folded.text)) return true;
  const { tokens } = ctx.tk;
  for (let i = 0; i < tokens.length; i++) {
    if (NOT_SCHOOL.has(tokens[i]!.word)) continue;
    if (SCHOOL_LIFE.longestAt(tokens, i)) return true;
  }
  return false;
}

/** Why the post is in scope, or null when it is not. */
export function scopeReason(ctx: PostContext): ScopeReason | null {
  if (ctx.post.channel.kind === 'school') return 'school_channel';
  if (ctx.orgMentions.length > 0) return 'names_school';
  if (ctx.mentions.some(isNamed)) return 'names_person';
  if (ctx.post.media.some((m) => m.people.length > 0)) return 'media_people';
  if (talksAboutSchoolLife(ctx)) return 'school_life';
  if (isDuringOwnLessons(ctx)) return 'during_lessons';
  if (ctx.post.connections?.length) return 'connections';
  return null;
}

export function outOfScopeFinding(ctx: PostContext): Finding {
  return finding(ctx.articles.scope ?? 'R.2', 'info', 'scope.not_school_related', {
    nl: 'Dit bericht gaat niet over school: het noemt de school en mensen van school niet, gaat niet over het schoolleven en staat niet op een kanaal van school. Het protocol geldt hier niet.',
    en: 'This post is not about school: it does not name the school or its people, is not about school life and is not on a school channel. The protocol does not apply.',
  });
}
