// Importing a roster into a school: validated first (any problem: nothing is written), then
// written in ONE transaction with batched multi-row statements. Idempotent: people are upserted by
// (school_id, external_id); people missing from the file become inactive (never deleted);
// guardianships, group staff and employments are made to match the file.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AppDb, Tx } from '../../db/connection.ts';
import { accountRoles, accounts, employments, groupStaff, groups, guardianships, people, rosterImports, schools } from '../../db/schema/index.ts';
import { bumpDataVersion } from '../schools/school-case.ts';
import { appendAudit } from '../audit/chain.ts';
import { forgetIdentities } from '../auth/identity-cache.ts';
import { readRoster } from './read.ts';
import type { RosterFile, RosterFormat, RosterInput } from './types.ts';

/** Rows per statement. */
export const BATCH_SIZE = 5000;

export class SchoolNotFoundError extends Error {
  constructor(schoolId: string) {
    super(`There is no school with id "${schoolId}".`);
    this.name = 'SchoolNotFoundError';
  }
}

export interface ImportRosterProps {
  db: AppDb;
  schoolId: string;
  /** The files as received (decoded, parsed and checked here), or a roster read already. */
  source: RosterFile[] | RosterInput;
  /** Force the format of files; default: detected. */
  format?: RosterFormat;
  /** The moment of the import (left_at of people who left, updated_at). Default: now. */
  now?: Date;
  /** Check and count, write nothing. */
  dryRun?: boolean;
  /** The account that imports; null for the CLI. */
  importedBy?: string | null;
  /** The HTTP request, for the audit trail. */
  requestId?: string;
}

export interface RosterImportResult {
  /** The roster_imports row (null for a dry run). */
  importId: string | null;
  format: RosterFormat;
  fileName: string | null;
  dryRun: boolean;
  /** People in the file. */
  people: number;
  created: number;
  /** Existing people whose details, group, children, groups taught or employment changed, or who came back. */
  updated: number;
  unchanged: number;
  /** Active people missing from the file: now inactive. */
  deactivated: number;
  /** Accounts closed because the only people they were at the board's schools left. */
  accountsClosed: number;
  groupsCreated: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toDateText = (d: Date | string | null): string | null => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

function chunks<T>(items: T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const sameSet = (a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean => {
  const x = a?.size ?? 0;
  if (x !== (b?.size ?? 0)) return false;
  if (x === 0) return true;
  for (const v of a!) if (!b!.has(v)) return false;
  return true;
};

const sameList = (a: string[], b: string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Reads the school (id and BRIN); throws SchoolNotFoundError. */
export async function findSchool(db: AppDb | Tx, schoolId: string): Promise<{ id: string; brin: string; name: string }> {
  if (!UUID.test(schoolId)) throw new SchoolNotFoundError(schoolId);
  const [row] = await db.select({ id: schools.id, brin: schools.brin, name: schools.name }).from(schools).where(eq(schools.id, schoolId));
  if (!row) throw new SchoolNotFoundError(schoolId);
  return row;
}

/**
 * Imports a roster into a school. Throws RosterImportError (listing every problem; nothing is
 * written) or SchoolNotFoundError.
 */
export async function importRoster(props: ImportRosterProps): Promise<RosterImportResult> {
  const { db, schoolId } = props;
  const now = props.now ?? new Date();
  const school = await findSchool(db, schoolId);
  const roster = Array.isArray(props.source)
    ? readRoster(props.source, { ...(props.format ? { format: props.format } : {}), brin: school.brin, today: now })
    : props.source;
  return db.transaction((tx) => writeRoster(tx, { schoolId, roster, now, dryRun: props.dryRun ?? false, importedBy: props.importedBy ?? null, requestId: props.requestId ?? null }));
}

/** A person row to upsert; nicknames as a JSON array (one text per row through unnest). */
interface PersonRow {
  id: string;
  externalId: string;
  kind: string;
  givenName: string;
  prefix: string | null;
  familyName: string;
  nicknames: string;
  birthDate: string | null;
  email: string | null;
  groupId: string | null;
}

interface WriteProps {
  schoolId: string;
  roster: RosterInput;
  now: Date;
  dryRun: boolean;
  importedBy: string | null;
  requestId: string | null;
}

async function writeRoster(tx: Tx, { schoolId, roster, now, dryRun, importedBy, requestId }: WriteProps): Promise<RosterImportResult> {
  // One import per school at a time: the school row is locked until this transaction ends.
  await tx.select({ id: schools.id }).from(schools).where(eq(schools.id, schoolId)).for('update');

  // ---- What is there now: one query per table, one after the other (a transaction is one connection).
  const existingPeople = await tx
    .select({
      id: people.id,
      externalId: people.externalId,
      kind: people.kind,
      givenName: people.givenName,
      prefix: people.prefix,
      familyName: people.familyName,
      nicknames: people.nicknames,
      birthDate: people.birthDate,
      email: people.email,
      groupId: people.groupId,
      active: people.active,
    })
    .from(people)
    .where(eq(people.schoolId, schoolId));
  const existingGroups = await tx
    .select({ id: groups.id, code: groups.code, name: groups.name, externalId: groups.externalId, active: groups.active })
    .from(groups)
    .where(eq(groups.schoolId, schoolId));
  const existingGuardianships = await tx
    .select({ guardianId: guardianships.guardianId, studentId: guardianships.studentId })
    .from(guardianships)
    .innerJoin(people, eq(people.id, guardianships.guardianId))
    .where(eq(people.schoolId, schoolId));
  const existingStaff = await tx
    .select({ groupId: groupStaff.groupId, personId: groupStaff.personId })
    .from(groupStaff)
    .innerJoin(groups, eq(groups.id, groupStaff.groupId))
    .where(eq(groups.schoolId, schoolId));
  const existingEmployments = await tx
    .select({ personId: employments.personId, function: employments.function, supervisorId: employments.supervisorId })
    .from(employments)
    .where(eq(employments.schoolId, schoolId));

  const byExternal = new Map(existingPeople.map((p) => [p.externalId, p]));

  // ---- Groups: by code; created as needed, details from OneRoster classes kept up to date.
  const groupByCode = new Map(existingGroups.map((g) => [g.code, g]));
  const wanted = new Map<string, { name: string | null; externalId: string | null }>();
  for (const g of roster.groups) wanted.set(g.code, { name: g.name, externalId: g.externalId });
  for (const p of roster.people) {
    if (p.group && !wanted.has(p.group)) wanted.set(p.group, { name: null, externalId: null });
    for (const c of p.teaches) if (!wanted.has(c)) wanted.set(c, { name: null, externalId: null });
  }
  const newGroups = [...wanted].filter(([code]) => !groupByCode.has(code));
  const changedGroups = [...wanted].filter(([code, w]) => {
    const g = groupByCode.get(code);
    return g && (!g.active || (w.name !== null && w.name !== g.name) || (w.externalId !== null && w.externalId !== g.externalId));
  });
  // Ids for new groups are made here, so that a dry run can plan with them too.
  const groupId = new Map<string, string>(existingGroups.map((g) => [g.code, g.id]));
  for (const [code] of newGroups) groupId.set(code, randomUUID());

  // ---- People: new, changed, unchanged; ids for new people are made here as well.
  interface Planned {
    id: string;
    isNew: boolean;
    changed: boolean;
  }
  const plan = new Map<string, Planned>();
  const upserts: PersonRow[] = [];
  for (const p of roster.people) {
    const old = byExternal.get(p.externalId);
    const gid = p.kind === 'student' && p.group ? groupId.get(p.group)! : null;
    const changed =
      !old ||
      !old.active ||
      old.kind !== p.kind ||
      old.givenName !== p.givenName ||
      old.prefix !== p.prefix ||
      old.familyName !== p.familyName ||
      !sameList(old.nicknames, p.nicknames) ||
      toDateText(old.birthDate) !== p.birthDate ||
      old.email !== p.email ||
      old.groupId !== gid;
    const id = old?.id ?? randomUUID();
    plan.set(p.externalId, { id, isNew: !old, changed });
    if (changed) {
      upserts.push({
        id,
        externalId: p.externalId,
        kind: p.kind,
        givenName: p.givenName,
        prefix: p.prefix,
        familyName: p.familyName,
        nicknames: JSON.stringify(p.nicknames),
        birthDate: p.birthDate,
        email: p.email,
        groupId: gid,
      });
    }
  }
  const idOf = (externalId: string): string => plan.get(externalId)!.id;
  const relationChanged = new Set<string>(); // person ids

  // ---- Guardianships, per guardian: replaced when the file's children differ.
  const oldChildren = new Map<string, Set<string>>();
  for (const g of existingGuardianships) {
    let s = oldChildren.get(g.guardianId);
    if (!s) oldChildren.set(g.guardianId, (s = new Set()));
    s.add(g.studentId);
  }
  const newChildren = new Map<string, Set<string>>();
  for (const p of roster.people) if (p.kind === 'guardian' && p.guardianOf.length) newChildren.set(idOf(p.externalId), new Set(p.guardianOf.map(idOf)));
  const guardiansToReplace = [...new Set([...oldChildren.keys(), ...newChildren.keys()])].filter((g) => !sameSet(oldChildren.get(g), newChildren.get(g)));
  for (const g of guardiansToReplace) relationChanged.add(g);

  // ---- Group staff, per person.
  const oldTeaches = new Map<string, Set<string>>();
  for (const s of existingStaff) {
    let set = oldTeaches.get(s.personId);
    if (!set) oldTeaches.set(s.personId, (set = new Set()));
    set.add(s.groupId);
  }
  const newTeaches = new Map<string, Set<string>>();
  for (const p of roster.people) if (p.kind === 'employee' && p.teaches.length) newTeaches.set(idOf(p.externalId), new Set(p.teaches.map((c) => groupId.get(c)!)));
  const staffToReplace = [...new Set([...oldTeaches.keys(), ...newTeaches.keys()])].filter((p) => !sameSet(oldTeaches.get(p), newTeaches.get(p)));
  for (const p of staffToReplace) relationChanged.add(p);

  // ---- Employments: upserted for the file's employees; removed for people who are no longer employees.
  const oldEmployment = new Map(existingEmployments.map((e) => [e.personId, e]));
  const employmentUpserts: { personId: string; function: string | null; supervisorId: string | null }[] = [];
  const employmentDeletes: string[] = [];
  for (const p of roster.people) {
    const id = idOf(p.externalId);
    const old = oldEmployment.get(id);
    if (p.kind === 'employee') {
      const supervisorId = p.supervisorId ? idOf(p.supervisorId) : null;
      if (!old || old.function !== p.function || old.supervisorId !== supervisorId) {
        employmentUpserts.push({ personId: id, function: p.function, supervisorId });
        relationChanged.add(id);
      }
    } else if (old) {
      employmentDeletes.push(id);
      relationChanged.add(id);
    }
  }

  // ---- People who left: active, not in the file.
  const inFile = new Set(roster.people.map((p) => p.externalId));
  const leaving = existingPeople.filter((p) => p.active && !inFile.has(p.externalId)).map((p) => p.id);

  let created = 0;
  let updated = 0;
  for (const p of plan.values()) {
    if (p.isNew) created++;
    else if (p.changed || relationChanged.has(p.id)) updated++;
  }
  const result: RosterImportResult = {
    importId: null,
    format: roster.format,
    fileName: roster.fileName,
    dryRun,
    people: roster.people.length,
    created,
    updated,
    unchanged: roster.people.length - created - updated,
    deactivated: leaving.length,
    accountsClosed: 0,
    groupsCreated: newGroups.length,
  };
  if (dryRun) return result;

  // ---- Writes, in dependency order. Large sets go as one array parameter per column through
  // unnest(): a statement per BATCH_SIZE rows, cheap to build and to send (building a 1,000-row
  // VALUES list with the query builder costs more than running it).
  for (const batch of chunks(newGroups)) {
    await tx.insert(groups).values(
      batch.map(([code, w]) => ({ id: groupId.get(code)!, schoolId, code, name: w.name, externalId: w.externalId, createdAt: now, updatedAt: now })),
    );
  }
  for (const [code, w] of changedGroups) {
    await tx
      .update(groups)
      .set({ active: true, updatedAt: now, ...(w.name !== null ? { name: w.name } : {}), ...(w.externalId !== null ? { externalId: w.externalId } : {}) })
      .where(eq(groups.id, groupId.get(code)!));
  }
  const p = sql.param;
  for (const batch of chunks(upserts)) {
    const col = <K extends keyof PersonRow>(k: K) => p(batch.map((r) => r[k]));
    await tx.execute(sql`
      insert into people (id, school_id, external_id, kind, given_name, prefix, family_name, nicknames, birth_date, email, group_id, active, left_at, created_at, updated_at)
      select u.id, ${schoolId}, u.external_id, u.kind::person_kind, u.given_name, u.prefix, u.family_name,
             array(select e from jsonb_array_elements_text(u.nicknames::jsonb) with ordinality as t(e, n) order by n),
             u.birth_date::date, u.email, u.group_id, true, null, ${now}, ${now}
      from unnest(${col('id')}::uuid[], ${col('externalId')}::text[], ${col('kind')}::text[], ${col('givenName')}::text[], ${col('prefix')}::text[],
                  ${col('familyName')}::text[], ${col('nicknames')}::text[], ${col('birthDate')}::text[], ${col('email')}::text[], ${col('groupId')}::uuid[])
           as u(id, external_id, kind, given_name, prefix, family_name, nicknames, birth_date, email, group_id)
      on conflict (school_id, external_id) do update set
        kind = excluded.kind, given_name = excluded.given_name, prefix = excluded.prefix, family_name = excluded.family_name,
        nicknames = excluded.nicknames, birth_date = excluded.birth_date, email = excluded.email, group_id = excluded.group_id,
        active = true, left_at = null, updated_at = excluded.updated_at`);
  }
  for (const batch of chunks(leaving)) {
    await tx.execute(sql`update people set active = false, left_at = ${now}, updated_at = ${now} where school_id = ${schoolId} and id = any(${p(batch)}::uuid[])`);
  }
  const closedAccounts = await closeAccountsOfLeavers(tx, schoolId, leaving, now);
  result.accountsClosed = closedAccounts.length;

  for (const batch of chunks(guardiansToReplace)) await tx.execute(sql`delete from guardianships where guardian_id = any(${p(batch)}::uuid[])`);
  const guardianRows = guardiansToReplace.flatMap((g) => [...(newChildren.get(g) ?? [])].map((studentId) => [g, studentId] as const));
  for (const batch of chunks(guardianRows)) {
    await tx.execute(sql`
      insert into guardianships (guardian_id, student_id, created_at)
      select g, s, ${now} from unnest(${p(batch.map((r) => r[0]))}::uuid[], ${p(batch.map((r) => r[1]))}::uuid[]) as u(g, s)`);
  }

  for (const batch of chunks(staffToReplace)) await tx.execute(sql`delete from group_staff where person_id = any(${p(batch)}::uuid[])`);
  const staffRows = staffToReplace.flatMap((person) => [...(newTeaches.get(person) ?? [])].map((gid) => [gid, person] as const));
  for (const batch of chunks(staffRows)) {
    await tx.execute(sql`
      insert into group_staff (group_id, person_id)
      select g, pr from unnest(${p(batch.map((r) => r[0]))}::uuid[], ${p(batch.map((r) => r[1]))}::uuid[]) as u(g, pr)`);
  }

  for (const batch of chunks(employmentDeletes)) await tx.execute(sql`delete from employments where person_id = any(${p(batch)}::uuid[])`);
  for (const batch of chunks(employmentUpserts)) {
    await tx.execute(sql`
      insert into employments (person_id, school_id, function, supervisor_id, created_at, updated_at)
      select u.pid, ${schoolId}, u.fn, u.sup, ${now}, ${now}
      from unnest(${p(batch.map((e) => e.personId))}::uuid[], ${p(batch.map((e) => e.function))}::text[], ${p(batch.map((e) => e.supervisorId))}::uuid[]) as u(pid, fn, sup)
      on conflict (person_id) do update set school_id = excluded.school_id, function = excluded.function, supervisor_id = excluded.supervisor_id, updated_at = excluded.updated_at`);
  }

  await bumpDataVersion(tx, schoolId);
  const [record] = await tx
    .insert(rosterImports)
    .values({ schoolId, format: roster.format, fileName: roster.fileName, created, updated, deactivated: leaving.length, importedBy, importedAt: now })
    .returning({ id: rosterImports.id });
  await appendAudit(tx, {
    schoolId,
    actor: importedBy ?? 'cli',
    action: 'roster.import',
    subjectType: 'roster_import',
    subjectId: record!.id,
    requestId,
    fields: ['people', 'groups', 'guardianships', 'employments', 'group_staff', ...(closedAccounts.length ? ['account_roles'] : [])],
    at: now,
  });
  for (const accountId of closedAccounts) {
    await appendAudit(tx, { schoolId, actor: importedBy ?? 'cli', action: 'account.close', subjectType: 'account', subjectId: accountId, requestId, fields: ['closed_at', 'account_roles', 'sessions', 'api_tokens'], at: now });
  }
  return { ...result, importId: record!.id };
}

/**
 * The roles held at this school as a person who left end. An account left with no role anywhere
 * is closed: its sessions end and its API tokens are revoked. Returns the closed accounts' ids.
 */
async function closeAccountsOfLeavers(tx: Tx, schoolId: string, leaving: string[], now: Date): Promise<string[]> {
  if (!leaving.length) return [];
  const p = sql.param;
  const ended = await tx
    .delete(accountRoles)
    .where(sql`${accountRoles.schoolId} = ${schoolId} and ${accountRoles.personId} = any(${p(leaving)}::uuid[])`)
    .returning({ accountId: accountRoles.accountId });
  const affected = [...new Set(ended.map((r) => r.accountId))];
  if (!affected.length) return [];
  forgetIdentities();
  const closed = await tx
    .update(accounts)
    .set({ closedAt: now })
    .where(
      sql`${accounts.id} = any(${p(affected)}::uuid[]) and ${accounts.closedAt} is null
          and not exists (select 1 from account_roles r where r.account_id = ${accounts.id})`,
    )
    .returning({ id: accounts.id });
  const ids = closed.map((r) => r.id).sort();
  if (ids.length) {
    await tx.execute(sql`delete from sessions where account_id = any(${p(ids)}::uuid[])`);
    await tx.execute(sql`update api_tokens set revoked_at = ${now} where account_id = any(${p(ids)}::uuid[]) and revoked_at is null`);
  }
  return ids;
}
