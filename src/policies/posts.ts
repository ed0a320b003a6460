// Posts of a school: everyone with a role at the school checks and submits their own posts; the
// school's leaders and communication officer read all of them, the others only their own.
import { LEADING_ROLES, ROLES, STAFF_ROLES } from './roles.ts';
import type { Role } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, holdsAny } from './types.ts';

const READ_ALL: readonly Role[] = [...LEADING_ROLES, 'communication_officer'];

export const postsPolicy = definePolicy({
  resource: 'posts',
  title: 'Posts',
  rules: {
    preview: {
      who: ROLES,
      summary: 'Check a draft of one’s own against the school’s roster and consents; nothing is stored.',
      condition: 'at most 30 checks a minute and 300 an hour per account (so that it cannot be used to find out who is on the roster)',
    },
    context: {
      who: STAFF_ROLES,
      summary: 'The school as the check engine needs it (roster, consents, permissions), so that the browser checks while typing. Never for parents and students: their drafts are checked on the server.',
    },
    people: { who: ROLES, summary: 'The people one may tag in one’s own photos without the roster: oneself and one’s own children.' },
    submit: {
      who: ROLES,
      summary: 'Submit a post of one’s own (the server’s check is recorded with it), or save it as a draft.',
      condition: 'one’s own drafts and unpublished posts only; at most 30 a minute per account',
    },
    mine: { who: ROLES, summary: 'List one’s own posts: drafts, submitted and published, with their verdicts.' },
    publish: { who: ROLES, summary: 'Mark one’s own submitted post as published, confirming it (A.3, A.4).', condition: 'one’s own posts only; not when the check says not allowed or needs review' },
    read: {
      who: ROLES,
      summary: 'Read a submitted post and its check.',
      condition: `one’s own posts; ${READ_ALL.join(', ')}: every post of the school`,
    },
  },
});

export function canReadPost(actor: Actor, schoolId: string, post: { authorId: string | null; authorAccountId: string | null }): boolean {
  if (holdsAny(actor, schoolId, READ_ALL)) return true;
  if (post.authorAccountId === actor.accountId) return true;
  const me = actor.schools.get(schoolId)?.personId;
  return me != null && post.authorId === me;
}
