// Posts of a school: everyone with a role at the school checks and submits their own posts; the
// school's leaders and communication officer read all of them, the others only their own.
import { LEADING_ROLES, ROLES } from './roles.ts';
import type { Role } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, holdsAny } from './types.ts';

const READ_ALL: readonly Role[] = [...LEADING_ROLES, 'communication_officer'];

export const postsPolicy = definePolicy({
  resource: 'posts',
  title: 'Posts',
  rules: {
    preview: { who: ROLES, summary: 'Check a draft of one’s own against the school’s roster and consents; nothing is stored.' },
    submit: { who: ROLES, summary: 'Submit a post of one’s own; the server’s check is recorded with it.' },
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
