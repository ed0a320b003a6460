// Loading who is asking: the account and its roles per school.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { accountRoles, accounts } from '../../db/schema/index.ts';
import type { Actor, Role, SchoolRoles } from '../../policies/index.ts';
import { SECOND_FACTOR_ROLES } from '../../policies/index.ts';

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

export async function loadActor(db: DbOrTx, accountId: string, via: Actor['via'], onlySchool?: string | null): Promise<Actor | null> {
  const [account] = await db
    .select({ id: accounts.id, email: accounts.email, displayName: accounts.displayName, closedAt: accounts.closedAt })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!account || account.closedAt) return null;
  const rows = await db.select().from(accountRoles).where(eq(accountRoles.accountId, accountId));
  const schools = new Map<string, { roles: Set<Role>; personId: string | null }>();
  for (const r of rows) {
    if (onlySchool && r.schoolId !== onlySchool) continue;
    const entry = schools.get(r.schoolId) ?? { roles: new Set<Role>(), personId: null };
    entry.roles.add(r.role);
    entry.personId ??= r.personId;
    schools.set(r.schoolId, entry);
  }
  return { accountId: account.id, email: account.email, displayName: account.displayName, via, schools: schools as Map<string, SchoolRoles> };
}

/** Does this account need a second factor (it holds board, HR or FG somewhere)? */
export async function needsSecondFactor(db: DbOrTx, accountId: string): Promise<boolean> {
  const rows = await db.select({ role: accountRoles.role }).from(accountRoles).where(eq(accountRoles.accountId, accountId));
  return rows.some((r) => SECOND_FACTOR_ROLES.includes(r.role));
}
