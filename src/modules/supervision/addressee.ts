// Who an employee's review request or escalation goes to, and where its e-mail goes.
//
// 1. The supervisor of their employment at this school (employments.supervisor_id), if that
//    person signs in at the school in a leading role (supervisor, director or board): someone
//    without such an account could not open the queue.
// 2. Otherwise the school's director (a director account linked to a roster person).
// 3. Otherwise (or when the asker is the director): the board of the school (supervisor_id null).
// Nobody is ever their own addressee.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { accountRoles, accounts, employments, people } from '../../db/schema/index.ts';
import { fullName } from '../people/names.ts';

export type AddressedVia = 'employment' | 'director' | 'board';

export interface Addressee {
  personId: string | null;
  via: AddressedVia;
}


/** Does this person sign in at the school in a leading role (an open account)? */
export async function leadsAt(db: DbOrTx, schoolId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: accountRoles.accountId })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .where(and(eq(accountRoles.schoolId, schoolId), eq(accountRoles.personId, personId), inArray(accountRoles.role, ['supervisor', 'director', 'board']), isNull(accounts.closedAt)))
    .limit(1);
  return row !== undefined;
}

export async function findAddressee(db: DbOrTx, schoolId: string, askerPersonId: string | null): Promise<Addressee> {
  if (askerPersonId) {
    const [job] = await db.select({ supervisorId: employments.supervisorId }).from(employments).where(and(eq(employments.personId, askerPersonId), eq(employments.schoolId, schoolId)));
    const sup = job?.supervisorId;
    if (sup && sup !== askerPersonId && (await leadsAt(db, schoolId, sup))) return { personId: sup, via: 'employment' };
  }
  const directors = await db
    .select({ personId: accountRoles.personId })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .where(and(eq(accountRoles.schoolId, schoolId), eq(accountRoles.role, 'director'), isNull(accounts.closedAt)))
    .orderBy(asc(accountRoles.personId));
  const director = directors.find((d) => d.personId && d.personId !== askerPersonId);
  if (director?.personId) return { personId: director.personId, via: 'director' };
  return { personId: null, via: 'board' };
}

export interface Recipient {
  email: string;
  name: string;
}

/** The e-mail addresses of the addressee: their accounts at the school (the board: every board account there). */
export async function recipientsOf(db: DbOrTx, schoolId: string, personId: string | null): Promise<Recipient[]> {
  const rows = await db
    .selectDistinct({ email: accounts.email, name: accounts.displayName })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .where(and(eq(accountRoles.schoolId, schoolId), personId ? eq(accountRoles.personId, personId) : eq(accountRoles.role, 'board'), isNull(accounts.closedAt)));
  return rows;
}

/** A roster person's name, or the board's. */
export async function nameOf(db: DbOrTx, personId: string | null): Promise<string> {
  if (!personId) return 'het bestuur / the board';
  const [p] = await db.select({ givenName: people.givenName, prefix: people.prefix, familyName: people.familyName }).from(people).where(eq(people.id, personId));
  return p ? fullName(p) : '';
}

export async function accountNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(inArray(accounts.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function personNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.select({ id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName }).from(people).where(inArray(people.id, list));
  return new Map(rows.map((r) => [r.id, fullName(r)]));
}
