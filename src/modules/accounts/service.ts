// Creating accounts and handing out roles. Used by invitations, the demo seed and the CLI.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { accountRoles, accounts } from '../../db/schema/index.ts';
import type { Role } from '../../policies/index.ts';
import { appendAudit } from '../audit/chain.ts';
import { forgetIdentities } from '../auth/identity-cache.ts';
import { assertPasswordAcceptable, hashPassword } from '../auth/passwords.ts';

export interface RoleGrant {
  schoolId: string;
  role: Role;
  /** The roster person the role is held as (their posts are theirs). */
  personId?: string | null;
}

export interface NewAccount {
  email: string;
  displayName: string;
  /** Omit for an account that gets an invitation or signs in through OpenID Connect only. */
  password?: string;
  roles: RoleGrant[];
  /** Who creates it, for the audit trail: an account id, "cli" or "system". */
  createdBy: string;
  requestId?: string;
}

export class AccountExistsError extends Error {}

export const findAccountByEmail = async (db: DbOrTx, email: string) =>
  (await db.select().from(accounts).where(eq(sql`lower(${accounts.email})`, email.trim().toLowerCase())))[0];

/** Creates an account with its roles, in the caller's transaction. Throws AccountExistsError. */
export async function createAccount(tx: DbOrTx, a: NewAccount): Promise<{ id: string }> {
  const email = a.email.trim().toLowerCase();
  if (await findAccountByEmail(tx, email)) throw new AccountExistsError(`There is already an account for ${email}.`);
  if (a.password !== undefined) assertPasswordAcceptable(a.password, email);
  const passwordHash = a.password !== undefined ? await hashPassword(a.password) : null;
  const [row] = await tx.insert(accounts).values({ email, displayName: a.displayName, passwordHash }).returning({ id: accounts.id });
  await appendAudit(tx, { schoolId: null, actor: a.createdBy, action: 'account.create', subjectType: 'account', subjectId: row!.id, fields: ['email', 'display_name', ...(passwordHash ? ['password_hash'] : [])], ...(a.requestId ? { requestId: a.requestId } : {}) });
  for (const grant of a.roles) await grantRole(tx, row!.id, grant, a.createdBy, a.requestId);
  return row!;
}

/** Gives an account a role at a school (no-op when it holds it already), audited in the school's chain. */
export async function grantRole(tx: DbOrTx, accountId: string, grant: RoleGrant, by: string, requestId?: string): Promise<void> {
  const inserted = await tx
    .insert(accountRoles)
    .values({ accountId, schoolId: grant.schoolId, role: grant.role, personId: grant.personId ?? null })
    .onConflictDoNothing()
    .returning({ accountId: accountRoles.accountId });
  if (!inserted.length) return;
  forgetIdentities();
  await appendAudit(tx, { schoolId: grant.schoolId, actor: by, action: 'account.grant_role', subjectType: 'account', subjectId: accountId, fields: ['role', ...(grant.personId ? ['person_id'] : [])], ...(requestId ? { requestId } : {}) });
}

export async function hasRole(db: DbOrTx, accountId: string, schoolId: string, role: Role): Promise<boolean> {
  const rows = await db
    .select({ a: accountRoles.accountId })
    .from(accountRoles)
    .where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.schoolId, schoolId), eq(accountRoles.role, role)));
  return rows.length > 0;
}
