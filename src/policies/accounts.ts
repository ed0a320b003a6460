// Accounts: signing in and out, the second factor, API tokens, and inviting people to a school.
import type { Role } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy, rolesAt } from './types.ts';

export const accountsPolicy = definePolicy({
  resource: 'accounts',
  title: 'Accounts and sign-in',
  rules: {
    signIn: { who: 'public', summary: 'Sign in with e-mail and password, or through the school’s identity provider (OpenID Connect).' },
    recover: { who: 'public', summary: 'Ask for a password reset link, set a password from a reset or invitation link.' },
    signOut: { who: 'signed_in', summary: 'Sign out (ends the session).', beforeSecondFactor: true },
    me: { who: 'signed_in', summary: 'See one’s own account, roles per school and what they allow.', beforeSecondFactor: true },
    secondFactor: { who: 'signed_in', summary: 'Set up and give the TOTP code.', beforeSecondFactor: true, sessionOnly: true },
    tokens: { who: 'signed_in', summary: 'Create, list and revoke one’s own API tokens.', sessionOnly: true },
    list: { who: ['director', 'hr'], summary: 'List the accounts with a role at the school.' },
    invite: {
      who: ['director', 'hr'],
      summary: 'Invite someone to the school with a role; they get an e-mail to set a password.',
      condition: 'a director cannot hand out board, HR or data-protection officer roles; HR can hand out every role but board',
    },
  },
});

/** Roles a director may not hand out (HR may). Nobody hands out "board" through an invitation. */
export const DIRECTOR_MAY_NOT_GRANT: readonly Role[] = ['board', 'hr', 'data_protection_officer'];

/** The `invite` condition: may this actor give this role at this school? */
export function canHandOutRole(actor: Actor, schoolId: string, role: Role): boolean {
  if (role === 'board') return false;
  const held = rolesAt(actor, schoolId);
  if (held.has('hr')) return true;
  return held.has('director') && !DIRECTOR_MAY_NOT_GRANT.includes(role);
}
