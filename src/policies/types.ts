// Policies: who may do what, in code, one file per resource. A rule names who may take an action:
// everyone, anyone signed in, or a list of roles that must be held AT THE SCHOOL of the request
// (the route's :schoolId). Conditions on the object itself (a guardian and their own child, an
// author and their own post) live beside the rule as functions of the same file.
import type { Role } from './roles.ts';

export type Who = 'public' | 'signed_in' | readonly Role[];

export interface Rule {
  who: Who;
  /** What the rule allows, for docs/permissions.md (English). */
  summary: string;
  /** A further condition checked on the object, described for docs/permissions.md. */
  condition?: string;
  /** Only with a browser session (not with an API token): managing tokens, for example. */
  sessionOnly?: boolean;
  /** Allowed while a required second factor is still due (the TOTP routes). */
  beforeSecondFactor?: boolean;
}

/** A rule as a route carries it (`config.access`). */
export interface Access extends Rule {
  resource: string;
  action: string;
}

export interface Policy<A extends string = string> {
  resource: string;
  title: string;
  rules: Record<A, Rule>;
  /** The rule of one action, to put on a route: `config: { access: posts.rule('submit') }`. */
  rule(action: A): Access;
}

export function definePolicy<A extends string>(p: { resource: string; title: string; rules: Record<A, Rule> }): Policy<A> {
  return { ...p, rule: (action) => ({ resource: p.resource, action, ...p.rules[action] }) };
}

/** What a person holds at one school. */
export interface SchoolRoles {
  roles: ReadonlySet<Role>;
  /** The roster person the account is at this school (its author id), if any. */
  personId: string | null;
  /** The roster person of a staff role held here (never a guardian or student person); null or absent when none. */
  staffPersonId?: string | null;
}

/** Who is asking: a signed-in account, through a browser session or an API token. */
export interface Actor {
  accountId: string;
  displayName: string;
  email: string;
  via: 'session' | 'token';
  /** Roles per school id. An API token limited to one school sees only that school. */
  schools: ReadonlyMap<string, SchoolRoles>;
}

export function rolesAt(actor: Actor | null, schoolId: string): ReadonlySet<Role> {
  return actor?.schools.get(schoolId)?.roles ?? new Set();
}

export function holdsAny(actor: Actor | null, schoolId: string, roles: readonly Role[]): boolean {
  const held = rolesAt(actor, schoolId);
  return roles.some((r) => held.has(r));
}

/** Does `who` let this actor in at this school (null: a route without a school)? */
export function allows(who: Who, actor: Actor | null, schoolId: string | null): boolean {
  if (who === 'public') return true;
  if (!actor) return false;
  if (who === 'signed_in') return true;
  return schoolId !== null && holdsAny(actor, schoolId, who);
}
