// The demo board: one board with two primary schools, groups, about 400 students with their
// guardians, staff with supervisors, consents for the school year 2026-2027, a few permissions.
// Everything is made up (names from ./names.ts, combined by a seeded PRNG: the same seed gives
// the same people). The school holidays are the Amsterdam (region north) holidays of 2026-2027
// as we expect them: demo data, not an official schedule.
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import {
  boards,
  consentEvents,
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
import { DEFAULT_TIMETABLE } from '../../engine/index.ts';
import { bumpDataVersion } from '../schools/school-case.ts';
import { seedDemoAccounts } from './accounts.ts';
import { seedDemoProtocol } from '../protocol/demo.ts';
import { seedDemoIncidents } from '../incidents/demo.ts';
import { seedDemoSupervision } from '../supervision/demo.ts';
import { seedDemoBreaches } from '../breaches/demo.ts';
import { seedDemoDashboards } from '../dashboards/demo.ts';
import type { Community, FamilyName } from './names.ts';
import { COMMUNITIES, Random } from './names.ts';
import { fullName } from '../people/names.ts';

export const DEFAULT_DEMO_SEED = 1;

export const DEMO_BOARD = {
  name: 'ASKO (demo)',
  aliases: ['ASKO', 'Amsterdamse Stichting voor Katholiek Onderwijs', 'Stichting ASKO'],
  protocolId: 'asko-2018',
} as const;

export interface DemoSchoolSpec {
  brin: string;
  name: string;
  aliases: string[];
  contactPhone: string;
  contactEmail: string;
  /** For staff e-mail addresses. */
  domain: string;
}

export const DEMO_SCHOOLS: readonly DemoSchoolSpec[] = [
  {
    brin: '99AA',
    name: 'Basisschool De Regenboog',
    aliases: ['De Regenboog', 'bs De Regenboog'],
    contactPhone: '020 555 0101',
    contactEmail: 'info@deregenboog.example',
    domain: 'deregenboog.example',
  },
  {
    brin: '99AB',
    name: 'Basisschool Het Kompas',
    aliases: ['Het Kompas', 'bs Het Kompas'],
    contactPhone: '020 555 0202',
    contactEmail: 'info@hetkompas.example',
    domain: 'hetkompas.example',
  },
];

export const DEMO_SCHOOL_YEAR = { name: '2026-2027', startsOn: '2026-08-24', endsOn: '2027-07-16' } as const;

/**
 * DEMO DATA: the school holidays of 2026-2027 for Amsterdam (region north) as we expect them
 * from the usual pattern (and the day after Ascension, which many Amsterdam schools give).
 * Check a real school's calendar before relying on them.
 */
export const DEMO_HOLIDAYS: readonly { name: string; startsOn: string; endsOn: string }[] = [
  { name: 'Herfstvakantie', startsOn: '2026-10-17', endsOn: '2026-10-25' },
  { name: 'Kerstvakantie', startsOn: '2026-12-19', endsOn: '2027-01-03' },
  { name: 'Voorjaarsvakantie', startsOn: '2027-02-20', endsOn: '2027-02-28' },
  { name: 'Goede Vrijdag en Pasen', startsOn: '2027-03-26', endsOn: '2027-03-29' },
  { name: 'Meivakantie (met Koningsdag en Bevrijdingsdag)', startsOn: '2027-04-24', endsOn: '2027-05-09' },
  { name: 'Tweede Pinksterdag', startsOn: '2027-05-17', endsOn: '2027-05-17' },
  { name: 'Zomervakantie', startsOn: '2027-07-17', endsOn: '2027-08-29' },
];

export const DEMO_GROUPS = ['1/2a', '1/2b', '3', '4', '5', '6', '7', '8'] as const;

/** Short names some children go by. */
const NICKNAMES: Record<string, string[]> = {
  Mohamed: ['Mo'],
  Zakaria: ['Zak'],
  Jakub: ['Kuba'],
  Aleksander: ['Olek'],
  Olivier: ['Ollie'],
  Giovanni: ['Gio'],
  Alperen: ['Alp'],
  Othmane: ['Otman'],
  Priyanka: ['Priya'],
  Sebastiaan: ['Bas'],
};

// ---- the plan (pure, from the seed) --------------------------------------------------------

type PersonRow = typeof people.$inferInsert & { id: string };
type ConsentRow = typeof consentEvents.$inferInsert;
type PermissionRow = typeof permissions.$inferInsert & { id: string };

export interface DemoSchoolPlan {
  spec: DemoSchoolSpec;
  school: typeof schools.$inferInsert & { id: string };
  holidays: (typeof schoolHolidays.$inferInsert)[];
  groups: (typeof groups.$inferInsert & { id: string })[];
  /** Employees first (director first), then guardians and students. */
  people: PersonRow[];
  guardianships: (typeof guardianships.$inferInsert)[];
  employments: (typeof employments.$inferInsert)[];
  groupStaff: (typeof groupStaff.$inferInsert)[];
  consentEvents: ConsentRow[];
  permissions: PermissionRow[];
  permissionStudents: (typeof permissionStudents.$inferInsert)[];
}

export interface DemoPlan {
  seed: number;
  board: typeof boards.$inferInsert & { id: string };
  schools: DemoSchoolPlan[];
}

export interface DemoSchoolSummary {
  id: string;
  brin: string;
  name: string;
  groups: number;
  students: number;
  guardians: number;
  employees: number;
  consentEvents: number;
  permissions: number;
}

export interface DemoSummary {
  boardId: string;
  board: string;
  seed: number;
  schools: DemoSchoolSummary[];
}

export { fullName };

/** A name as it goes in an e-mail address: no diacritics, spaces or apostrophes. */
function mailPart(s: string): string {
  return s
    .replace(/ı/g, 'i')
    .replace(/İ/g, 'I')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);
const DAY = 24 * 3600 * 1000;

/**
 * A birth date for a child in `group` (1-8) in the school year 2026-2027: group N is born
 * between 1 October (2022 - N) and 30 September (2023 - N), so group 3 is 6 at the start of the
 * year and turns 7 during it.
 */
function birthDate(rnd: Random, group: number): string {
  const from = Date.UTC(2022 - group, 9, 1);
  const until = Date.UTC(2023 - group, 8, 30);
  return isoDay(from + rnd.int(0, Math.round((until - from) / DAY)) * DAY);
}

interface Family {
  name: FamilyName;
  community: Community;
  guardians: PersonRow[];
  children: { group: string; givenName: string }[];
}

/** Builds the whole demo in memory. Same seed, same people (ids are random UUIDs). */
export function planDemo(opts: { seed?: number; now: number | Date }): DemoPlan {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const now = typeof opts.now === 'number' ? opts.now : opts.now.getTime();
  const rnd = new Random(seed);
  const board = { id: randomUUID(), name: DEMO_BOARD.name, aliases: [...DEMO_BOARD.aliases], protocolId: DEMO_BOARD.protocolId };
  return { seed, board, schools: DEMO_SCHOOLS.map((spec, i) => planSchool(rnd, spec, board.id, now, i)) };
}

function planSchool(rnd: Random, spec: DemoSchoolSpec, boardId: string, now: number, index: number): DemoSchoolPlan {
  const schoolId = randomUUID();
  const school = {
    id: schoolId,
    boardId,
    brin: spec.brin,
    name: spec.name,
    aliases: spec.aliases,
    contactPhone: spec.contactPhone,
    contactEmail: spec.contactEmail,
    timezone: 'Europe/Amsterdam',
    // The default timetable, written out: Wednesday afternoon free.
    timetable: structuredClone(DEFAULT_TIMETABLE),
  };
  const holidays = DEMO_HOLIDAYS.map((h) => ({ schoolId, ...h }));
  const groupRows = DEMO_GROUPS.map((code) => ({ id: randomUUID(), schoolId, code, name: `Groep ${code}` }));
  const groupId = new Map<string, string>(groupRows.map((g) => [g.code, g.id]));

  const peopleRows: PersonRow[] = [];
  const taken = new Set<string>(); // full names in this school: no two people share one
  const counters = { employee: 0, guardian: 0, student: 0 };
  const addPerson = (
    kind: 'employee' | 'guardian' | 'student',
    name: { givenName: string; prefix?: string; familyName: string },
    extra: Partial<PersonRow> = {},
  ): PersonRow => {
    counters[kind]++;
    const tag = { employee: 'M', guardian: 'O', student: 'L' }[kind];
    const row: PersonRow = {
      id: randomUUID(),
      schoolId,
      externalId: `${spec.brin}-${tag}${String(counters[kind]).padStart(4, '0')}`,
      kind,
      givenName: name.givenName,
      prefix: name.prefix ?? null,
      familyName: name.familyName,
      ...extra,
    };
    taken.add(fullName(row));
    peopleRows.push(row);
    return row;
  };
  /** Draws names until the full name is new in this school. */
  const freshName = (draw: () => { givenName: string; prefix?: string; familyName: string }) => {
    for (let i = 0; ; i++) {
      const n = draw();
      if (!taken.has(fullName(n)) || i > 50) return n;
    }
  };
  const fromFamily = (f: FamilyName) => ({ ...(f.prefix ? { prefix: f.prefix } : {}), familyName: f.family });

  // ---- staff
  const staffName = () => {
    const woman = rnd.chance(0.75);
    const community = rnd.weighted(COMMUNITIES);
    return { givenName: rnd.pick(woman ? community.women : community.men), ...fromFamily(rnd.pick(community.families)) };
  };
  const employmentRows: (typeof employments.$inferInsert)[] = [];
  const groupStaffRows: (typeof groupStaff.$inferInsert)[] = [];
  const addEmployee = (fn: string, supervisorId: string | null, groupCodes: readonly string[] = []): PersonRow => {
    const n = freshName(staffName);
    const email = `${mailPart(n.givenName)}.${mailPart(`${n.prefix ?? ''}${n.familyName}`)}@${spec.domain}`;
    const row = addPerson('employee', n, { email });
    employmentRows.push({ personId: row.id, schoolId, function: fn, supervisorId });
    for (const code of groupCodes) groupStaffRows.push({ groupId: groupId.get(code)!, personId: row.id });
    return row;
  };
  // The director reports to the board, which has no person in a school's roster: no supervisor.
  const director = addEmployee('directeur', null);
  addEmployee('intern begeleider', director.id);
  // 14 teachers: six groups with a duo, two with one full-time teacher.
  const solo = new Set(rnd.shuffle(DEMO_GROUPS).slice(0, 2));
  const teachersOf = new Map<string, PersonRow[]>();
  for (const code of DEMO_GROUPS) {
    const n = solo.has(code) ? 1 : 2;
    for (let i = 0; i < n; i++) teachersOf.set(code, [...(teachersOf.get(code) ?? []), addEmployee('leerkracht', director.id, [code])]);
  }
  addEmployee('onderwijsassistent', director.id, ['1/2a', '1/2b']);
  const gym = addEmployee('vakleerkracht bewegingsonderwijs', director.id, DEMO_GROUPS.filter((g) => !g.startsWith('1/2')));
  addEmployee('conciërge', director.id);
  addEmployee('administratief medewerker', director.id);

  // ---- families and students
  const families: Family[] = [];
  const guardianshipRows: (typeof guardianships.$inferInsert)[] = [];
  const newFamily = (): Family => {
    const community = rnd.weighted(COMMUNITIES);
    const name = rnd.pick(community.families);
    const family: Family = { name, community, guardians: [], children: [] };
    const count = rnd.chance(0.8) ? 2 : 1;
    const firstWoman = rnd.chance(0.6);
    for (let i = 0; i < count; i++) {
      // A second guardian is mostly of the other sex; sometimes two mothers or two fathers.
      const woman = i === 0 ? firstWoman : rnd.chance(0.1) ? firstWoman : !firstWoman;
      // The first guardian carries the family name; a second one mostly too, else their own.
      const own = i > 0 && rnd.chance(0.35) ? rnd.pick((rnd.chance(0.85) ? community : rnd.weighted(COMMUNITIES)).families) : name;
      const n = freshName(() => ({ givenName: rnd.pick(woman ? community.women : community.men), ...fromFamily(own) }));
      const mail = `${mailPart(n.givenName)}.${mailPart(`${n.prefix ?? ''}${n.familyName}`)}${counters.guardian + 1}@example.com`;
      family.guardians.push(addPerson('guardian', n, { email: mail }));
    }
    families.push(family);
    return family;
  };
  const studentsByGroup = new Map<string, PersonRow[]>();
  for (const code of DEMO_GROUPS) {
    const size = code.startsWith('1/2') ? rnd.int(25, 28) : rnd.int(23, 26);
    const list: PersonRow[] = [];
    for (let i = 0; i < size; i++) {
      // About a quarter of the children have a brother or sister at the school (never in the same group).
      const candidates = families.filter((f) => f.children.length < 3 && !f.children.some((c) => c.group === code));
      const family = candidates.length > 0 && rnd.chance(0.25) ? rnd.pick(candidates) : newFamily();
      const girl = rnd.chance(0.5);
      const n = freshName(() => {
        let givenName = rnd.pick(girl ? family.community.girls : family.community.boys);
        if (family.children.some((c) => c.givenName === givenName)) givenName = rnd.pick(girl ? family.community.girls : family.community.boys);
        return { givenName, ...fromFamily(family.name) };
      });
      const groupNumber = code.startsWith('1/2') ? rnd.int(1, 2) : Number(code);
      const nicknames = NICKNAMES[n.givenName] ?? [];
      const student = addPerson('student', n, { birthDate: birthDate(rnd, groupNumber), groupId: groupId.get(code)!, nicknames });
      family.children.push({ group: code, givenName: n.givenName });
      for (const g of family.guardians) guardianshipRows.push({ guardianId: g.id, studentId: student.id });
      list.push(student);
    }
    studentsByGroup.set(code, list);
  }

  // ---- consents for the school year (forms handed in during the first weeks)
  const guardiansOf = new Map<string, string[]>();
  for (const g of guardianshipRows) guardiansOf.set(g.studentId, [...(guardiansOf.get(g.studentId) ?? []), g.guardianId]);
  const formsIn = Date.UTC(2026, 7, 26, 8, 0);
  const consentRows: ConsentRow[] = [];
  const revocations: ConsentRow[] = [];
  const consent = (
    person: PersonRow,
    givenBy: string,
    channel: string,
    media: 'photo' | 'video' | 'audio',
    pGranted: number,
    pRevoked: number,
  ): void => {
    const recordedAt = new Date(Math.min(now, formsIn + rnd.int(0, 20 * 24) * 3600 * 1000));
    const base = {
      schoolId,
      personId: person.id,
      channel,
      media,
      schoolYear: DEMO_SCHOOL_YEAR.name,
      validFrom: DEMO_SCHOOL_YEAR.startsOn,
      validUntil: DEMO_SCHOOL_YEAR.endsOn,
      givenBy,
      method: 'form' as const,
    };
    const granted = rnd.chance(pGranted);
    consentRows.push({ ...base, status: granted ? 'granted' : 'refused', recordedAt });
    if (granted && rnd.chance(pRevoked)) {
      const later = new Date(Math.min(now, recordedAt.getTime() + rnd.int(14, 70) * DAY));
      revocations.push({ ...base, status: 'revoked', recordedAt: later, note: 'Ingetrokken door ouder (demo)' });
    }
  };
  for (const student of peopleRows.filter((p) => p.kind === 'student')) {
    const guardians = guardiansOf.get(student.id)!;
    const by = rnd.pick(guardians);
    if (rnd.chance(0.04)) continue; // the form is not back yet
    consent(student, by, 'school_social_media', 'photo', 0.82, 0.04);
    consent(student, by, 'school_website', 'photo', 0.88, 0.03);
    if (rnd.chance(0.7)) consent(student, by, 'school_social_media', 'video', 0.7, 0.03);
    if (rnd.chance(0.5)) consent(student, by, 'school_website', 'audio', 0.65, 0.02);
  }
  // Employees decide for themselves.
  for (const e of peopleRows.filter((p) => p.kind === 'employee')) {
    consent(e, e.id, 'school_social_media', 'photo', 0.85, 0);
    consent(e, e.id, 'school_website', 'photo', 0.95, 0);
  }
  // Revocations come after every form: they are the latest event of their person.
  consentRows.push(...revocations);

  // ---- permissions
  const permissionRows: PermissionRow[] = [];
  const projectStudents: (typeof permissionStudents.$inferInsert)[] = [];
  const lessonTime = (personId: string, startsAt: string, endsAt: string, reason: string) =>
    permissionRows.push({ id: randomUUID(), schoolId, kind: 'lesson_time', personId, grantedBy: director.id, startsAt: new Date(startsAt), endsAt: new Date(endsAt), reason });
  lessonTime(teachersOf.get('1/2a')![0]!.id, '2026-12-04T08:30:00+01:00', '2026-12-04T12:15:00+01:00', 'Sinterklaasviering: foto’s op Instagram tijdens de viering');
  lessonTime(teachersOf.get('8')![0]!.id, '2027-06-09T09:00:00+02:00', '2027-06-11T15:00:00+02:00', 'Schoolkamp groep 8: dagelijks verslag voor de ouders');
  if (index === 0) {
    lessonTime(gym.id, '2027-04-16T08:30:00+02:00', '2027-04-16T14:30:00+02:00', 'Koningsspelen: foto’s van de sportdag');
    const teacher = teachersOf.get('7')![0]!;
    const id = randomUUID();
    permissionRows.push({
      id,
      schoolId,
      kind: 'school_project',
      personId: teacher.id,
      grantedBy: director.id,
      // Project days are stored as UTC day bounds: the check reads a project's days as UTC dates.
      startsAt: new Date('2027-01-11T00:00:00Z'),
      endsAt: new Date('2027-02-12T23:59:59Z'),
      reason: 'Groep 7 maakt vlogs over de buurt; de leerlingen in de projectgroep mogen in beeld.',
      project: 'Vlog: onze buurt in beeld',
    });
    for (const s of rnd.shuffle(studentsByGroup.get('7')!).slice(0, 6)) projectStudents.push({ permissionId: id, studentId: s.id });
  }

  return {
    spec,
    school,
    holidays,
    groups: groupRows,
    people: peopleRows,
    guardianships: guardianshipRows,
    employments: employmentRows,
    groupStaff: groupStaffRows,
    consentEvents: consentRows,
    permissions: permissionRows,
    permissionStudents: projectStudents,
  };
}

// ---- writing it ----------------------------------------------------------------------------

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

function summarise(plan: DemoPlan): DemoSummary {
  return {
    boardId: plan.board.id,
    board: plan.board.name,
    seed: plan.seed,
    schools: plan.schools.map((s) => ({
      id: s.school.id,
      brin: s.school.brin,
      name: s.school.name,
      groups: s.groups.length,
      students: s.people.filter((p) => p.kind === 'student').length,
      guardians: s.people.filter((p) => p.kind === 'guardian').length,
      employees: s.people.filter((p) => p.kind === 'employee').length,
      consentEvents: s.consentEvents.length,
      permissions: s.permissions.length,
    })),
  };
}

async function writePlan(tx: DbOrTx, plan: DemoPlan): Promise<void> {
  await tx.insert(boards).values(plan.board);
  for (const s of plan.schools) {
    await tx.insert(schools).values(s.school);
    await tx.insert(schoolHolidays).values(s.holidays);
    await tx.insert(groups).values(s.groups);
    await insertChunks(s.people, (c) => tx.insert(people).values(c));
    await insertChunks(s.guardianships, (c) => tx.insert(guardianships).values(c));
    await insertChunks(s.employments, (c) => tx.insert(employments).values(c));
    await insertChunks(s.groupStaff, (c) => tx.insert(groupStaff).values(c));
    await insertChunks(s.consentEvents, (c) => tx.insert(consentEvents).values(c));
    if (s.permissions.length) await tx.insert(permissions).values(s.permissions);
    if (s.permissionStudents.length) await tx.insert(permissionStudents).values(s.permissionStudents);
    await bumpDataVersion(tx, s.school.id);
  }
  await seedDemoAccounts(tx, plan);
  await seedDemoSupervision(tx, plan);
  await seedDemoProtocol(tx, plan);
  await seedDemoIncidents(tx, plan);
  await seedDemoBreaches(tx, plan);
  await seedDemoDashboards(tx, plan);
}

export interface SeedDemoOptions {
  db: AppDb;
  /** The moment of seeding: consent forms are recorded no later than this. */
  now: number | Date;
  /** Default 1. The same seed gives the same people. */
  seed?: number;
}

/** Thrown when a demo school's BRIN is already in the database. */
export class DemoExistsError extends Error {
  constructor(readonly brins: string[]) {
    super(`the demo schools are already in the database (BRIN ${brins.join(', ')})`);
    this.name = 'DemoExistsError';
  }
}

async function demoBrinsPresent(tx: DbOrTx): Promise<string[]> {
  const brins = DEMO_SCHOOLS.map((s) => s.brin);
  const rows = await tx.select({ brin: schools.brin }).from(schools).where(inArray(schools.brin, brins));
  return rows.map((r) => r.brin).sort();
}

/** Serialises seeding between processes that start at the same moment (PostgreSQL). */
const SEED_LOCK = sql`select pg_advisory_xact_lock(727270301)`;

/** Creates the demo board with its two schools in one transaction and returns the counts. */
export async function seedDemo(opts: SeedDemoOptions): Promise<DemoSummary> {
  const plan = planDemo(opts);
  await opts.db.transaction(async (tx) => {
    await tx.execute(SEED_LOCK);
    const present = await demoBrinsPresent(tx);
    if (present.length) throw new DemoExistsError(present);
    await writePlan(tx, plan);
  });
  return summarise(plan);
}

/** Seeds the demo only when the database has no board at all; null when it did nothing. */
export async function seedDemoIfEmpty(opts: SeedDemoOptions): Promise<DemoSummary | null> {
  const plan = planDemo(opts);
  const done = await opts.db.transaction(async (tx) => {
    await tx.execute(SEED_LOCK);
    const [any] = await tx.select({ id: boards.id }).from(boards).limit(1);
    if (any) return false;
    await writePlan(tx, plan);
    return true;
  });
  return done ? summarise(plan) : null;
}

/** The demo schools present in the database (for the start-up message). */
export async function findDemoSchools(db: DbOrTx): Promise<{ id: string; brin: string; name: string }[]> {
  const brins = DEMO_SCHOOLS.map((s) => s.brin);
  return db.select({ id: schools.id, brin: schools.brin, name: schools.name }).from(schools).where(inArray(schools.brin, brins)).orderBy(schools.brin);
}
