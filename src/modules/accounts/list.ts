// The accounts with a role at a school, for its director and HR (API) and the operator (CLI);
// and finding a school by id or BRIN (CLI).
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { accountRoles, accounts, schools } from '../../db/schema/index.ts';
import type { Role } from '../../policies/index.ts';
import { ROLES } from '../../policies/index.ts';

export interface SchoolAccount {
  id: string;
  displayName: string;
  email: string;
  /** The roles at this school, in the order of ROLES. */
  roles: Role[];
  hasPassword: boolean;
  secondFactorEnrolled: boolean;
  closedAt: Date | null;
  lastSignInAt: Date | null;
}

export async function listSchoolAccounts(db: DbOrTx, schoolId: string): Promise<SchoolAccount[]> {
  const rows = await db
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      email: accounts.email,
      role: accountRoles.role,
      hasPassword: sql<boolean>`${accounts.passwordHash} is not null`,
      secondFactorEnrolled: sql<boolean>`${accounts.totpConfirmedAt} is not null`,
      closedAt: accounts.closedAt,
      lastSignInAt: accounts.lastSignInAt,
    })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .where(eq(accountRoles.schoolId, schoolId));
  const byId = new Map<string, SchoolAccount>();
  for (const { role, ...a } of rows) {
    const entry = byId.get(a.id) ?? { ...a, roles: [] };
    entry.roles.push(role);
    byId.set(a.id, entry);
  }
  const order = (r: Role) => ROLES.indexOf(r);
  return [...byId.values()]
    .map((a) => ({ ...a, roles: a.roles.sort((x, y) => order(x) - order(y)) }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl') || a.email.localeCompare(b.email));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A school by its id or its BRIN (case-insensitive), or undefined. */
export async function findSchool(db: DbOrTx, idOrBrin: string): Promise<{ id: string; brin: string; name: string } | undefined> {
  const key = idOrBrin.trim();
  const where = UUID.test(key) ? eq(schools.id, key) : eq(sql`lower(${schools.brin})`, key.toLowerCase());
  const [school] = await db.select({ id: schools.id, brin: schools.brin, name: schools.name }).from(schools).where(where);
  return school;
}
