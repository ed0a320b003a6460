// Lesson-time permissions (A.1) and school projects (A.6) in the database (table permissions, with
// permission_students for a project's students). Every write runs in one transaction with its
// audit event and bumps the school's data version, so the next check (server cache and the
// browser's check context) uses it at once. docs/lesson-permissions.md explains the decisions.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { employments, groupStaff, groups, people, permissionStudents, permissions, schools } from '../../db/schema/index.ts';
import { localTime, parseMoment, zonedToEpoch } from '../../engine/time.ts';
import { appendAudit } from '../audit/chain.ts';
import { bumpDataVersion } from '../schools/school-case.ts';
import { fullName as nameOf } from '../people/names.ts';

/** The longest lesson-time window: permission is for an occasion (a trip, a celebration), not a standing rule. */
export const MAX_LESSON_WINDOW_DAYS = 31;

/** A school project lasts at most a year: first day to the day before the same date a year later. */
export const MAX_PROJECT_YEARS = 1;

/** The date `days` calendar days after `date` (YYYY-MM-DD). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last day a project starting on `startsOn` may run: the day before the same date a year later. */
export function lastProjectDay(startsOn: string): string {
  const [y, m, d] = startsOn.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + MAX_PROJECT_YEARS, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The latest end of a lesson-time window that starts at `from`: the same wall-clock time
 * MAX_LESSON_WINDOW_DAYS calendar days later in the school's time zone (so a window across a
 * daylight-saving change is not an hour longer or shorter than one that is not).
 */
export function latestWindowEnd(from: number, tz: string): number {
  const start = localTime(from, tz);
  return zonedToEpoch(addDays(start.date, MAX_LESSON_WINDOW_DAYS), start.minutes, tz);
}

/** A request the rules do not allow: 400 with the field, or 403 when the person is not the actor's to grant to. */
export class GrantError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly kind: 'invalid' | 'not_yours' | 'not_found' = 'invalid',
  ) {
    super(message);
  }
}

export interface GrantActor {
  accountId: string;
  /** The actor's roster person at this school (null: a board account without one). */
  personId: string | null;
  /** Director or board: grants to anyone, sees everything. */
  manager: boolean;
  requestId?: string;
  now: Date;
}


/** The students of the groups this person teaches. */
async function studentsTaughtBy(db: DbOrTx, schoolId: string, personId: string | null): Promise<Set<string>> {
  if (!personId) return new Set();
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .innerJoin(groupStaff, eq(groupStaff.groupId, people.groupId))
    .where(and(eq(people.schoolId, schoolId), eq(people.kind, 'student'), eq(people.active, true), eq(groupStaff.personId, personId)));
  return new Set(rows.map((r) => r.id));
}

export interface Candidate {
  id: string;
  kind: 'employee' | 'student';
  name: string;
  group: string | null;
  function: string | null;
}

/** Who the actor may grant lesson-time permission to (and, for a manager, put in a project). */
export async function grantCandidates(db: DbOrTx, schoolId: string, actor: Pick<GrantActor, 'personId' | 'manager'>): Promise<Candidate[]> {
  const taught = actor.manager ? null : await studentsTaughtBy(db, schoolId, actor.personId);
  if (taught && taught.size === 0) return [];
  const rows = await db
    .select({ id: people.id, kind: people.kind, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, group: groups.code, function: employments.function })
    .from(people)
    .leftJoin(groups, eq(groups.id, people.groupId))
    .leftJoin(employments, and(eq(employments.personId, people.id), eq(employments.schoolId, schoolId)))
    .where(
      and(
        eq(people.schoolId, schoolId),
        eq(people.active, true),
        taught ? inArray(people.id, [...taught]) : inArray(people.kind, ['employee', 'student']),
      ),
    )
    .orderBy(asc(people.kind), asc(people.familyName), asc(people.givenName));
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (seen.has(r.id) || (r.kind !== 'employee' && r.kind !== 'student')) return [];
    seen.add(r.id);
    return [{ id: r.id, kind: r.kind, name: nameOf(r), group: r.group ?? null, function: r.function ?? null }];
  });
}

// ---- lesson time (A.1)

export interface LessonPermissionView {
  id: string;
  person: { id: string; name: string; kind: string; group: string | null };
  startsAt: string;
  endsAt: string;
  reason: string | null;
  grantedBy: { id: string; name: string } | null;
  status: 'current' | 'future' | 'past' | 'revoked';
  revokedAt: string | null;
  /** May the asking actor revoke it? */
  canRevoke: boolean;
}

export async function listLessonPermissions(db: DbOrTx, schoolId: string, actor: GrantActor): Promise<LessonPermissionView[]> {
  const grantor = sql<string | null>`(select concat_ws(' ', g.given_name, g.prefix, g.family_name) from people g where g.id = ${permissions.grantedBy})`;
  const scope = actor.manager
    ? undefined
    : actor.personId
      ? sql`(${permissions.personId} = ${actor.personId} or ${permissions.grantedBy} = ${actor.personId})`
      : sql`false`;
  const rows = await db
    .select({ p: permissions, person: { id: people.id, kind: people.kind, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName }, group: groups.code, grantor })
    .from(permissions)
    .innerJoin(people, eq(people.id, permissions.personId))
    .leftJoin(groups, eq(groups.id, people.groupId))
    .where(and(eq(permissions.schoolId, schoolId), eq(permissions.kind, 'lesson_time'), scope))
    .orderBy(desc(permissions.startsAt))
    .limit(500);
  const now = actor.now.getTime();
  return rows.map(({ p, person, group, grantor: g }) => ({
    id: p.id,
    person: { id: person.id, name: nameOf(person), kind: person.kind, group: group ?? null },
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    reason: p.reason,
    grantedBy: p.grantedBy && g ? { id: p.grantedBy, name: g } : null,
    status: p.revokedAt ? 'revoked' : p.endsAt.getTime() <= now ? 'past' : p.startsAt.getTime() > now ? 'future' : 'current',
    revokedAt: p.revokedAt?.toISOString() ?? null,
    canRevoke: !p.revokedAt && p.endsAt.getTime() > now && (actor.manager || (actor.personId !== null && p.grantedBy === actor.personId)),
  }));
}

export interface LessonGrant {
  personId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

async function timezoneOf(db: DbOrTx, schoolId: string): Promise<string> {
  const [s] = await db.select({ tz: schools.timezone }).from(schools).where(eq(schools.id, schoolId));
  if (!s) throw new GrantError('There is no such school.', '$', 'not_found');
  return s.tz;
}

export async function grantLessonPermission(db: AppDb, schoolId: string, input: LessonGrant, actor: GrantActor): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const tz = await timezoneOf(tx, schoolId);
    const from = parseMoment(input.startsAt, tz);
    const until = parseMoment(input.endsAt, tz);
    if (Number.isNaN(from)) throw new GrantError('The start is not a valid date and time.', '$.startsAt');
    if (Number.isNaN(until)) throw new GrantError('The end is not a valid date and time.', '$.endsAt');
    if (until <= from) throw new GrantError('The end must come after the start.', '$.endsAt');
    if (until <= actor.now.getTime()) throw new GrantError('This window has already ended.', '$.endsAt');
    if (until > latestWindowEnd(from, tz)) throw new GrantError(`A lesson-time permission lasts at most ${MAX_LESSON_WINDOW_DAYS} days.`, '$.endsAt');
    const [person] = await tx
      .select({ id: people.id, kind: people.kind })
      .from(people)
      .where(and(eq(people.id, input.personId), eq(people.schoolId, schoolId), eq(people.active, true)));
    if (!person) throw new GrantError('There is no such person at this school.', '$.personId', 'not_found');
    if (person.kind !== 'employee' && person.kind !== 'student') throw new GrantError('Lesson-time permission is for employees and students.', '$.personId');
    if (!actor.manager && !(person.kind === 'student' && (await studentsTaughtBy(tx, schoolId, actor.personId)).has(person.id))) {
      throw new GrantError('You may only grant lesson-time permission to students of a group you teach.', '$.personId', 'not_yours');
    }
    const id = randomUUID();
    await tx.insert(permissions).values({
      id,
      schoolId,
      kind: 'lesson_time',
      personId: person.id,
      grantedBy: actor.personId,
      startsAt: new Date(from),
      endsAt: new Date(until),
      reason: input.reason.trim(),
      createdAt: actor.now,
    });
    await appendAudit(tx, { schoolId, actor: actor.accountId, action: 'lesson_permission.grant', subjectType: 'permission', subjectId: id, requestId: actor.requestId ?? null, fields: ['person_id', 'starts_at', 'ends_at', 'reason'], at: actor.now });
    await bumpDataVersion(tx, schoolId);
    return { id };
  });
}

export async function revokeLessonPermission(db: AppDb, schoolId: string, permissionId: string, actor: GrantActor): Promise<void> {
  await db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(permissions)
      .where(and(eq(permissions.id, permissionId), eq(permissions.schoolId, schoolId), eq(permissions.kind, 'lesson_time')));
    if (!p) throw new GrantError('There is no such lesson-time permission at this school.', '$', 'not_found');
    if (!actor.manager && (actor.personId === null || p.grantedBy !== actor.personId)) throw new GrantError('You may only revoke a permission you granted.', '$', 'not_yours');
    if (p.revokedAt) throw new GrantError('This permission was already revoked.', '$');
    if (p.endsAt.getTime() <= actor.now.getTime()) throw new GrantError('This window has already ended: it stays in the history as it was.', '$');
    await tx.update(permissions).set({ revokedAt: actor.now }).where(eq(permissions.id, p.id));
    await appendAudit(tx, { schoolId, actor: actor.accountId, action: 'lesson_permission.revoke', subjectType: 'permission', subjectId: p.id, requestId: actor.requestId ?? null, fields: ['revoked_at'], at: actor.now });
    await bumpDataVersion(tx, schoolId);
  });
}

// ---- school projects (A.6)

export interface ProjectView {
  id: string;
  name: string;
  reason: string | null;
  startsOn: string;
  endsOn: string;
  status: 'current' | 'future' | 'past' | 'ended';
  endedAt: string | null;
  employees: { id: string; name: string }[];
  students: { id: string; name: string; group: string | null }[];
}

/** Project days are dates: stored as the UTC day's bounds, read back with the same slicing the check uses (school-case.ts). */
const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
const dayEnd = (d: string) => new Date(`${d}T23:59:59Z`);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export async function listProjects(db: DbOrTx, schoolId: string, actor: GrantActor, today: string): Promise<ProjectView[]> {
  const rows = await db
    .select({ p: permissions, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName })
    .from(permissions)
    .innerJoin(people, eq(people.id, permissions.personId))
    .where(and(eq(permissions.schoolId, schoolId), eq(permissions.kind, 'school_project')))
    .orderBy(desc(permissions.startsAt), asc(people.familyName));
  const byKey = new Map<string, { rows: (typeof rows)[number][] }>();
  for (const r of rows) {
    const key = r.p.projectKey ?? r.p.id;
    const entry = byKey.get(key) ?? { rows: [] };
    entry.rows.push(r);
    byKey.set(key, entry);
  }
  const visible = [...byKey.entries()].filter(([, e]) => actor.manager || (actor.personId !== null && e.rows.some((r) => r.p.personId === actor.personId)));
  const firstIds = visible.map(([, e]) => e.rows[0]!.p.id);
  const studentRows = firstIds.length
    ? await db
        .select({ permissionId: permissionStudents.permissionId, id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, group: groups.code })
        .from(permissionStudents)
        .innerJoin(people, eq(people.id, permissionStudents.studentId))
        .leftJoin(groups, eq(groups.id, people.groupId))
        .where(inArray(permissionStudents.permissionId, firstIds))
        .orderBy(asc(people.familyName), asc(people.givenName))
    : [];
  return visible.map(([key, e]) => {
    const p = e.rows[0]!.p;
    const startsOn = dayOf(p.startsAt);
    const endsOn = dayOf(p.endsAt);
    return {
      id: key,
      name: p.project ?? '',
      reason: p.reason,
      startsOn,
      endsOn,
      status: p.revokedAt ? 'ended' : endsOn < today ? 'past' : startsOn > today ? 'future' : 'current',
      endedAt: p.revokedAt?.toISOString() ?? null,
      employees: e.rows.map((r) => ({ id: r.p.personId, name: nameOf(r) })),
      students: studentRows.filter((s) => s.permissionId === p.id).map((s) => ({ id: s.id, name: nameOf(s), group: s.group ?? null })),
    };
  });
}

export interface ProjectInput {
  name: string;
  reason?: string | undefined;
  startsOn: string;
  endsOn: string;
  employeeIds: string[];
  studentIds: string[];
}

async function checkPeople(tx: DbOrTx, schoolId: string, ids: string[], kind: 'employee' | 'student', path: string): Promise<void> {
  if (!ids.length) return;
  const rows = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.schoolId, schoolId), eq(people.kind, kind), eq(people.active, true), inArray(people.id, ids)));
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw new GrantError(kind === 'employee' ? 'This is not an employee of this school.' : 'This is not a student of this school.', `${path}[${missing}]`);
}

/** `today` is the school's local date (the routes compute it from the school's time zone). */
export async function createProject(db: AppDb, schoolId: string, input: ProjectInput, actor: GrantActor, today: string): Promise<{ id: string }> {
  if (input.endsOn < input.startsOn) throw new GrantError('The end must not come before the start.', '$.endsOn');
  if (input.endsOn < today) throw new GrantError('This period has already ended.', '$.endsOn');
  const last = lastProjectDay(input.startsOn);
  if (input.endsOn > last) throw new GrantError(`A school project lasts at most one year: let this one end by ${last} and start a new project for the next school year.`, '$.endsOn');
  const employeeIds = [...new Set(input.employeeIds)];
  const studentIds = [...new Set(input.studentIds)];
  return db.transaction(async (tx) => {
    await checkPeople(tx, schoolId, employeeIds, 'employee', '$.employeeIds');
    await checkPeople(tx, schoolId, studentIds, 'student', '$.studentIds');
    const key = randomUUID();
    for (const employeeId of employeeIds) {
      const id = randomUUID();
      await tx.insert(permissions).values({
        id,
        schoolId,
        kind: 'school_project',
        personId: employeeId,
        grantedBy: actor.personId,
        startsAt: dayStart(input.startsOn),
        endsAt: dayEnd(input.endsOn),
        reason: input.reason?.trim() || null,
        project: input.name.trim(),
        projectKey: key,
        createdAt: actor.now,
      });
      if (studentIds.length) await tx.insert(permissionStudents).values(studentIds.map((studentId) => ({ permissionId: id, studentId })));
    }
    await appendAudit(tx, { schoolId, actor: actor.accountId, action: 'school_project.create', subjectType: 'school_project', subjectId: key, requestId: actor.requestId ?? null, fields: ['project', 'starts_at', 'ends_at', 'person_id', 'permission_students'], at: actor.now });
    await bumpDataVersion(tx, schoolId);
    return { id: key };
  });
}

async function projectRows(tx: DbOrTx, schoolId: string, projectId: string) {
  const rows = await tx
    .select()
    .from(permissions)
    .where(and(eq(permissions.schoolId, schoolId), eq(permissions.kind, 'school_project'), sql`coalesce(${permissions.projectKey}, ${permissions.id}) = ${projectId}`));
  if (!rows.length) throw new GrantError('There is no such school project at this school.', '$', 'not_found');
  return rows;
}

export async function setProjectStudents(db: AppDb, schoolId: string, projectId: string, studentIds: string[], actor: GrantActor): Promise<void> {
  const ids = [...new Set(studentIds)];
  await db.transaction(async (tx) => {
    const rows = await projectRows(tx, schoolId, projectId);
    if (rows.some((r) => r.revokedAt)) throw new GrantError('This project has ended.', '$');
    await checkPeople(tx, schoolId, ids, 'student', '$.studentIds');
    const permissionIds = rows.map((r) => r.id);
    await tx.delete(permissionStudents).where(inArray(permissionStudents.permissionId, permissionIds));
    if (ids.length) await tx.insert(permissionStudents).values(permissionIds.flatMap((permissionId) => ids.map((studentId) => ({ permissionId, studentId }))));
    await appendAudit(tx, { schoolId, actor: actor.accountId, action: 'school_project.students', subjectType: 'school_project', subjectId: projectId, requestId: actor.requestId ?? null, fields: ['permission_students'], at: actor.now });
    await bumpDataVersion(tx, schoolId);
  });
}

export async function endProject(db: AppDb, schoolId: string, projectId: string, actor: GrantActor): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await projectRows(tx, schoolId, projectId);
    if (rows.every((r) => r.revokedAt)) throw new GrantError('This project has already ended.', '$');
    await tx
      .update(permissions)
      .set({ revokedAt: actor.now })
      .where(and(inArray(permissions.id, rows.map((r) => r.id)), isNull(permissions.revokedAt)));
    await appendAudit(tx, { schoolId, actor: actor.accountId, action: 'school_project.end', subjectType: 'school_project', subjectId: projectId, requestId: actor.requestId ?? null, fields: ['revoked_at'], at: actor.now });
    await bumpDataVersion(tx, schoolId);
  });
}
