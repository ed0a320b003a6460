// Loading who is asking: the account and its roles per school.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { accountRoles, accounts } from '../../db/schema/index.ts';
import type { Actor, Role, SchoolRoles } from '../../policies/index.ts';
import { SECOND_FACTOR_ROLES, STAFF_ROLES } from '../../policies/index.ts';

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  totpSecret: string | null;
  totpConfirmedAt: Date | null;
  totpLastStep: number | null;
  closedAt: Date | null;
}

/**
 * The account with its roles per school, in one query (it runs on every request). Null when the
 * account does not exist or is closed. `holdsSecondFactorRole` tells whether a TOTP code is
 * required (any school, whatever onlySchool says).
 */
export async function loadActor(db: DbOrTx, accountId: string, via: Actor['via'], onlySchool?: string | null): Promise<(Actor & { holdsSecondFactorRole: boolean }) | null> {
  const rows = await db
    .select({ id: accounts.id, email: accounts.email, displayName: accounts.displayName, closedAt: accounts.closedAt, schoolId: accountRoles.schoolId, role: accountRoles.role, personId: accountRoles.personId })
    .from(accounts)
    .leftJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  const account = rows[0];
  if (!account || account.closedAt) return null;
  const schools = new Map<string, { roles: Set<Role>; personId: string | null; staffPersonId: string | null }>();
  let holdsSecondFactorRole = false;
  for (const r of rows) {
    if (!r.schoolId || !r.role) continue;
    holdsSecondFactorRole ||= SECOND_FACTOR_ROLES.includes(r.role);
    if (onlySchool && r.schoolId !== onlySchool) continue;
    const entry = schools.get(r.schoolId) ?? { roles: new Set<Role>(), personId: null, staffPersonId: null };
    entry.roles.add(r.role);
    entry.personId ??= r.personId;
    // The person of a staff role (a teacher who is also a parent here has two people).
    if (STAFF_ROLES.includes(r.role)) entry.staffPersonId ??= r.personId;
    schools.set(r.schoolId, entry);
  }
  return { accountId: account.id, email: account.email, displayName: account.displayName, via, schools: schools as Map<string, SchoolRoles>, holdsSecondFactorRole };
}

/** Does this account need a second factor (it holds board, HR or FG somewhere)? */
export async function needsSecondFactor(db: DbOrTx, accountId: string): Promise<boolean> {
  const rows = await db.select({ role: accountRoles.role }).from(accountRoles).where(eq(accountRoles.accountId, accountId));
  return rows.some((r) => SECOND_FACTOR_ROLES.includes(r.role));
}
