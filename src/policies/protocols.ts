// The protocols' articles in Postwijzer's own wording are public information. Inside the app the
// protocol of the school's board (A.3, A.4): everyone signed in at the school reads it with the
// current version and its official document; the board publishes new versions; every employee
// confirms the current version once; the director, supervisors and the board see who has not
// and send reminders.
import { ROLES, STAFF_ROLES } from './roles.ts';
import type { Role } from './roles.ts';
import { definePolicy } from './types.ts';

/** Who sees which employees confirmed the current version, and reminds the others. */
export const PROTOCOL_OVERSEERS: readonly Role[] = ['board', 'director', 'supervisor'];

export const protocolsPolicy = definePolicy({
  resource: 'protocols',
  title: 'Protocols',
  rules: {
    read: { who: 'public', summary: 'Read a protocol’s articles.' },
    view: {
      who: ROLES,
      summary: 'Read the board’s protocol at the school: the articles, the current version, the version history and the official document; and whether one has confirmed it.',
    },
    publish: { who: ['board'], summary: 'Publish a new version of the protocol with its official document (PDF); it becomes the current one for all of the board’s schools.' },
    acknowledge: {
      who: STAFF_ROLES,
      summary: 'Confirm having read the current version and keeping to it.',
      condition: 'as the roster employee the account is at the board’s schools (accounts without a roster person have nothing to confirm)',
    },
    overview: { who: PROTOCOL_OVERSEERS, summary: 'See per school which employees confirmed the current version and which have not.' },
    remind: { who: PROTOCOL_OVERSEERS, summary: 'Send a reminder e-mail to the school’s employees who have not confirmed the current version (at most one per person per day).' },
  },
});
