// The engine's view of a school, built from the database: organisation, school, roster, consents
// and permissions (everything of a check case but the post). App processes keep a prepared copy
// per school and rebuild it when the school's data_version moved (every write to roster,
// consents or permissions bumps it in its own transaction), so several processes stay correct
// without talking to each other.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { CheckCase, Person, PreparedSchool } from '../../engine/index.ts';
import { prepareSchool } from '../../engine/index.ts';
import type { Database, DbOrTx } from '../../db/connection.ts';
import {
  boards,
  consentChannels,
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

/** The channel on which a change to a school's data is announced (PostgreSQL NOTIFY). */
export const SCHOOL_CHANGED = 'postwijzer_school_changed';

/** Caches of this process, told at once about changes made here. */
const localCaches = new Set<SchoolCache>();

/**
 * Call inside the transaction that changes a school's roster, consents or permissions. The new
 * version and the NOTIFY both take effect when the transaction commits; caches of this process
 * forget the school at once as well.
 */
export async function bumpDataVersion(tx: DbOrTx, schoolId: string): Promise<void> {
  await tx.update(schools).set({ dataVersion: sql`${schools.dataVersion} + 1`, updatedAt: new Date() }).where(eq(schools.id, schoolId));
  await tx.execute(sql`select pg_notify(${SCHOOL_CHANGED}, ${schoolId})`);
  for (const cache of localCaches) cache.invalidate(schoolId);
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
  const [holidays, groupRows, personRows, guardianRows, employeeGroupRows, employmentRows, consentRows, permissionRows, projectStudents, channelRows] = await Promise.all([
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
    db.select({ code: consentChannels.code }).from(consentChannels).where(eq(consentChannels.schoolId, schoolId)),
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
      ...(channelRows.length ? { consentChannels: channelRows.map((c) => c.code) } : {}),
    },
    roster,
    consents,
    permissions: perms,
  };
  return { input, version: s.dataVersion };
}

interface CacheEntry {
  version: number;
  prepared: PreparedSchool;
  input: SchoolInput;
  checkedAt: number;
}

/**
 * Prepared schools per process. While it listens for SCHOOL_CHANGED notifications a cached school
 * is used without asking the database; when listening is not possible (or broke), or an entry is
 * older than `maxAgeMs`, the school's data_version is compared on the request.
 */
export class SchoolCache {
  private readonly entries = new Map<string, CacheEntry>();
  /** Loads under way, per school, with the generation they started in. */
  private readonly loading = new Map<string, { generation: number; promise: Promise<CacheEntry | null> }>();
  private listening = false;
  private stop: (() => Promise<void>) | undefined;
  /** Bumped by every invalidation, so that a load that started before a change is not kept. */
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly database: Database,
    private readonly maxAgeMs = 60_000,
  ) {
    localCaches.add(this);
  }

  /** Starts listening for changes made by other processes. */
  async start(): Promise<void> {
    try {
      this.stop = await this.database.listen(
        SCHOOL_CHANGED,
        (schoolId) => this.invalidate(schoolId),
        () => {
          // Notifications may be missed from now on: fall back to version checks.
          this.listening = false;
        },
      );
      this.listening = true;
    } catch {
      this.listening = false;
    }
  }

  async close(): Promise<void> {
    localCaches.delete(this);
    this.listening = false;
    await this.stop?.();
  }

  async get(schoolId: string): Promise<{ prepared: PreparedSchool; input: SchoolInput } | null> {
    const hit = this.entries.get(schoolId);
    const now = Date.now();
    if (hit && this.listening && now - hit.checkedAt < this.maxAgeMs) return hit;
    const db = this.database.db;
    const [row] = await db.select({ version: schools.dataVersion }).from(schools).where(eq(schools.id, schoolId));
    if (!row) return null;
    if (hit && hit.version === row.version) {
      hit.checkedAt = now;
      return hit;
    }
    const generation = this.generation.get(schoolId) ?? 0;
    // One load per school at a time: requests that miss together share it (a cold start, or the
    // moment after a change, would otherwise read and prepare the same school once per request).
    const inFlight = this.loading.get(schoolId);
    if (inFlight && inFlight.generation === generation) return inFlight.promise;
    const promise: Promise<CacheEntry | null> = (async () => {
      const loaded = await loadSchoolInput(db, schoolId);
      if (!loaded) return null;
      const entry = { version: loaded.version, prepared: prepareSchool(loaded.input), input: loaded.input, checkedAt: now };
      if ((this.generation.get(schoolId) ?? 0) === generation) this.entries.set(schoolId, entry);
      return entry;
    })().finally(() => {
      if (this.loading.get(schoolId)?.promise === promise) this.loading.delete(schoolId);
    });
    this.loading.set(schoolId, { generation, promise });
    return promise;
  }

  /** Forget a school (it changed). */
  invalidate(schoolId: string): void {
    this.entries.delete(schoolId);
    this.generation.set(schoolId, (this.generation.get(schoolId) ?? 0) + 1);
  }
}
