// The engine's view of a school, built from the database: organisation, school, roster, consents
// and permissions (everything of a check case but the post). App processes keep a prepared copy
// per school and rebuild it when the school's data_version moved (every write to roster,
// consents or permissions bumps it in its own transaction), so several processes stay correct
// without talking to each other.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { CheckCase, Person, PreparedSchool } from '../../engine/index.ts';
import { prepareSchool } from '../../engine/index.ts';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import {
  boards,
  consentsCurrent,
  employments,
  groupStaff,
  groups,
  guardianships,
  people,
  permissionStudents,
  permissions,
  schoolHolidays,
  schools,
} from '../../db/schema/index.ts';

export type SchoolInput = Omit<CheckCase, 'post'>;

/** Call inside the transaction that changes a school's roster, consents or permissions. */
export async function bumpDataVersion(tx: DbOrTx, schoolId: string): Promise<void> {
  await tx.update(schools).set({ dataVersion: sql`${schools.dataVersion} + 1`, updatedAt: new Date() }).where(eq(schools.id, schoolId));
}

const toDate = (d: Date | string): string => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** Reads a school into the engine's input. Person ids are the database ids. */
export async function loadSchoolInput(db: DbOrTx, schoolId: string): Promise<{ input: SchoolInput; version: number } | null> {
  const [school] = await db
    .select({ school: schools, board: boards })
    .from(schools)
    .innerJoin(boards, eq(boards.id, schools.boardId))
    .where(eq(schools.id, schoolId));
  if (!school) return null;
  const [holidays, groupRows, personRows, guardianRows, employeeGroupRows, employmentRows, consentRows, permissionRows, projectStudents] = await Promise.all([
    db.select().from(schoolHolidays).where(eq(schoolHolidays.schoolId, schoolId)),
    db.select({ id: groups.id, code: groups.code }).from(groups).where(eq(groups.schoolId, schoolId)),
    db.select().from(people).where(and(eq(people.schoolId, schoolId), eq(people.active, true))),
    db
      .select({ guardianId: guardianships.guardianId, studentId: guardianships.studentId })
      .from(guardianships)
      .innerJoin(people, eq(people.id, guardianships.guardianId))
      .where(eq(people.schoolId, schoolId)),
    db
      .select({ personId: groupStaff.personId, code: groups.code })
      .from(groupStaff)
      .innerJoin(groups, eq(groups.id, groupStaff.groupId))
      .where(eq(groups.schoolId, schoolId)),
    db.select({ personId: employments.personId, function: employments.function }).from(employments).where(eq(employments.schoolId, schoolId)),
    db.select().from(consentsCurrent).where(eq(consentsCurrent.schoolId, schoolId)),
    db.select().from(permissions).where(and(eq(permissions.schoolId, schoolId), isNull(permissions.revokedAt))),
    db
      .select({ permissionId: permissionStudents.permissionId, studentId: permissionStudents.studentId })
      .from(permissionStudents)
      .innerJoin(permissions, eq(permissions.id, permissionStudents.permissionId))
      .where(eq(permissions.schoolId, schoolId)),
  ]);
  const groupCode = new Map(groupRows.map((g) => [g.id, g.code]));
  const childrenOf = new Map<string, string[]>();
  for (const g of guardianRows) childrenOf.set(g.guardianId, [...(childrenOf.get(g.guardianId) ?? []), g.studentId]);
  const groupsOf = new Map<string, string[]>();
  for (const g of employeeGroupRows) groupsOf.set(g.personId, [...(groupsOf.get(g.personId) ?? []), g.code]);
  const functionOf = new Map(employmentRows.map((e) => [e.personId, e.function]));
  const studentsOf = new Map<string, string[]>();
  for (const p of projectStudents) studentsOf.set(p.permissionId, [...(studentsOf.get(p.permissionId) ?? []), p.studentId]);

  const roster: Person[] = personRows.map((p) => {
    const base = {
      id: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      ...(p.prefix ? { prefix: p.prefix } : {}),
      ...(p.nicknames.length ? { nicknames: p.nicknames } : {}),
      ...(p.birthDate ? { birthDate: toDate(p.birthDate) } : {}),
    };
    switch (p.kind) {
      case 'student':
        return { ...base, kind: 'student', ...(p.groupId && groupCode.has(p.groupId) ? { group: groupCode.get(p.groupId)! } : {}) };
      case 'employee':
        return { ...base, kind: 'employee', groups: groupsOf.get(p.id) ?? [], ...(functionOf.get(p.id) ? { function: functionOf.get(p.id)! } : {}) };
      case 'guardian':
        return { ...base, kind: 'guardian', guardianOf: childrenOf.get(p.id) ?? [] };
      default:
        return { ...base, kind: 'other' };
    }
  });

  // Consent rows per person, channel and media kind; one engine record per row.
  const consents = consentRows.map((c) => ({
    personId: c.personId,
    channel: c.channel,
    media: [c.media],
    validFrom: toDate(c.validFrom),
    validUntil: toDate(c.validUntil),
    status: c.status,
  }));
  const perms: SchoolInput['permissions'] = permissionRows.map((p) =>
    p.kind === 'lesson_time'
      ? { kind: 'lesson_time', personId: p.personId, from: p.startsAt.toISOString(), until: p.endsAt.toISOString(), ...(p.grantedBy ? { grantedBy: p.grantedBy } : {}) }
      : {
          kind: 'school_project',
          personId: p.personId,
          studentIds: studentsOf.get(p.id) ?? [],
          ...(p.project ? { project: p.project } : {}),
          from: toDate(p.startsAt),
          until: toDate(p.endsAt),
        },
  );
  const s = school.school;
  const b = school.board;
  const input: SchoolInput = {
    protocol: b.protocolId,
    organization: {
      name: b.name,
      aliases: b.aliases,
      ...(b.disclosure ? { disclosure: b.disclosure } : {}),
      ...(b.disclaimer ? { disclaimer: b.disclaimer } : {}),
    },
    school: {
      name: s.name,
      aliases: s.aliases,
      contact: { ...(s.contactPhone ? { phone: s.contactPhone } : {}), ...(s.contactEmail ? { email: s.contactEmail } : {}) },
      timezone: s.timezone,
      ...(s.timetable ? { timetable: s.timetable } : {}),
      holidays: holidays.map((h) => [toDate(h.startsOn), toDate(h.endsOn)] as [string, string]),
    },
    roster,
    consents,
    permissions: perms,
  };
  return { input, version: s.dataVersion };
}

/** Prepared schools per process, rebuilt when the school's data_version moved. */
export class SchoolCache {
  private readonly entries = new Map<string, { version: number; prepared: PreparedSchool; input: SchoolInput }>();
  constructor(private readonly db: AppDb) {}

  async get(schoolId: string): Promise<{ prepared: PreparedSchool; input: SchoolInput } | null> {
    const [row] = await this.db.select({ version: schools.dataVersion }).from(schools).where(eq(schools.id, schoolId));
    if (!row) return null;
    const hit = this.entries.get(schoolId);
    if (hit && hit.version === row.version) return hit;
    const loaded = await loadSchoolInput(this.db, schoolId);
    if (!loaded) return null;
    const entry = { version: loaded.version, prepared: prepareSchool(loaded.input), input: loaded.input };
    this.entries.set(schoolId, entry);
    return entry;
  }

  /** Forget a school in this process (the version check covers the others). */
  invalidate(schoolId: string): void {
    this.entries.delete(schoolId);
  }
}
