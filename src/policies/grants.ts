// Lesson-time permissions (A.1) and school projects (A.6). The director and the board grant any
// employee or student permission to use social media during lessons; a teacher grants it to the
// students of a group they teach (group staff), and revokes what they granted. Only the director
// and the board create school projects, change their students and end them. Staff see the
// permissions and projects that concern them (their own, and what they granted); the director
// and the board see all of the school.
import { STAFF_ROLES } from './roles.ts';
import type { Role } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, holdsAny } from './types.ts';

/** Roles that grant to anyone at the school and manage school projects. */
export const GRANT_MANAGERS: readonly Role[] = ['board', 'director'];

export const grantsPolicy = definePolicy({
  resource: 'grants',
  title: 'Lesson-time permissions and school projects',
  rules: {
    lessonList: {
      who: STAFF_ROLES,
      summary: 'List lesson-time permissions (current, future, past).',
      condition: `${GRANT_MANAGERS.join(', ')}: every permission of the school; other staff: their own and the ones they granted`,
    },
    lessonGrant: {
      who: STAFF_ROLES,
      summary: 'Grant permission to use social media during lesson time, with a time window and a reason.',
      condition: `${GRANT_MANAGERS.join(', ')}: to any employee or student of the school; other staff: only to students of a group they teach`,
    },
    lessonRevoke: {
      who: STAFF_ROLES,
      summary: 'Revoke a lesson-time permission.',
      condition: `${GRANT_MANAGERS.join(', ')}: any; other staff: only the ones they granted`,
    },
    candidates: {
      who: STAFF_ROLES,
      summary: 'List the people one may grant lesson-time permission to (or put in a school project).',
      condition: `${GRANT_MANAGERS.join(', ')}: the school's employees and students; other staff: the students of the groups they teach`,
    },
    projectList: {
      who: STAFF_ROLES,
      summary: 'List school projects with their employees and students.',
      condition: `${GRANT_MANAGERS.join(', ')}: every project of the school; other staff: the projects they are in`,
    },
    projectManage: { who: GRANT_MANAGERS, summary: 'Create a school project, change its students, end it.' },
  },
});

/** Does the actor grant and see everything at this school? */
export function managesGrants(actor: Actor, schoolId: string): boolean {
  return holdsAny(actor, schoolId, GRANT_MANAGERS);
}
