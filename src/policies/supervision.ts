// The supervisor flows: "ask my supervisor" about a post (B.3) and escalating a conversation that
// derails (B.2). Every employee asks and escalates; the leading roles have a queue. Who decides
// on one request is a condition on the object: the supervisor it is addressed to, or the
// school's director (the board when it is addressed to the board). docs/supervision.md.
import { LEADING_ROLES, STAFF_ROLES } from './roles.ts';
import type { Role } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, holdsAny } from './types.ts';

/** Who sees the whole queue of the school, not only what is addressed to them. */
export const WHOLE_QUEUE: readonly Role[] = ['director', 'board'];
const STATS: readonly Role[] = ['director', 'board'];

export const supervisionPolicy = definePolicy({
  resource: 'supervision',
  title: 'Supervisor reviews and escalations',
  rules: {
    ask: {
      who: STAFF_ROLES,
      summary: 'Ask one’s supervisor about a post (B.3): the post is checked on the server and sent with the check and a question; resubmit after “changes asked”.',
      condition: 'one’s own posts and requests only',
    },
    escalate: {
      who: STAFF_ROLES,
      summary: 'Escalate a conversation that derails to one’s supervisor (B.2): the thread’s text, a link and screenshots; the derailing signal is computed on the server.',
      condition: 'screenshots must be one’s own uploads',
    },
    mine: { who: STAFF_ROLES, summary: 'One’s own review requests and escalations, with their status, comments and history.' },
    read: {
      who: STAFF_ROLES,
      summary: 'Read one review request or escalation with its history (and an escalation’s screenshots).',
      condition: 'who asked or escalated, the supervisor it is addressed to, and the school’s director and board',
    },
    queue: {
      who: LEADING_ROLES,
      summary: 'The queue: open escalations first (oldest first), then open review requests.',
      condition: 'a supervisor sees what is addressed to them; the director and the board the whole school',
    },
    decide: {
      who: LEADING_ROLES,
      summary: 'Approve, ask for changes or reject a review request, with a comment.',
      condition: 'the supervisor it is addressed to or the school’s director (the board when it is addressed to the board); never who asked; open requests only',
    },
    respond: {
      who: LEADING_ROLES,
      summary: 'Acknowledge and resolve an escalation.',
      condition: 'the supervisor it is addressed to or the school’s director (the board when it is addressed to the board); never who escalated',
    },
    to_incident: {
      who: LEADING_ROLES,
      summary: 'Turn an escalation into an incident (A.7, D): the case starts with the conversation, its link and the employee as reporter.',
      condition: 'the supervisor it is addressed to or the school’s director (the board when it is addressed to the board); never who escalated; not when it was resolved or turned into an incident already',
    },
    stats: { who: STATS, summary: 'Response times of the school: median and 90th percentile of escalations and reviews.' },
  },
});

/** What a request or escalation says about who it concerns. */
export interface Addressed {
  /** The addressed supervisor's person; null: the board. */
  supervisorId: string | null;
  /** Who asked or escalated. */
  ownerAccountId: string | null;
}

function personAt(actor: Actor, schoolId: string): string | null {
  return actor.schools.get(schoolId)?.personId ?? null;
}

/** The addressed supervisor, the school's director, or the board for what is addressed to it; never who asked. */
export function canDecide(actor: Actor, schoolId: string, item: Addressed): boolean {
  // Nobody decides on their own request or answers their own escalation, a director neither.
  if (item.ownerAccountId === actor.accountId) return false;
  if (holdsAny(actor, schoolId, ['director'])) return true;
  if (item.supervisorId === null) return holdsAny(actor, schoolId, ['board']);
  const me = personAt(actor, schoolId);
  return me !== null && me === item.supervisorId && holdsAny(actor, schoolId, ['supervisor', 'board']);
}

/** Who may read one item: its owner, those who may decide on it, and the director and board. */
export function canReadSupervision(actor: Actor, schoolId: string, item: Addressed): boolean {
  if (item.ownerAccountId === actor.accountId) return true;
  if (holdsAny(actor, schoolId, WHOLE_QUEUE)) return true;
  return canDecide(actor, schoolId, item);
}
