// The demo board (src/modules/demo): counts and shape of the data, determinism, and that a demo
// school loaded from the database is a case the engine accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { checkCase } from '../../src/engine/index.ts';
import type { DemoSummary } from '../../src/modules/demo/seed.ts';
import { DemoExistsError, fullName, planDemo, seedDemo, seedDemoIfEmpty } from '../../src/modules/demo/seed.ts';
import { loadSchoolInput } from '../../src/modules/schools/school-case.ts';
import { DEMO_PASSWORD, demoSignInLines, findDemoAccounts } from '../../src/modules/demo/accounts.ts';
import { verifyPassword } from '../../src/modules/auth/passwords.ts';
import { ROLES } from '../../src/policies/index.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';

const NOW = Date.parse('2026-11-26T09:00:00+01:00');
const SEED = 7;

let database: Database;
let summary: DemoSummary;
beforeAll(async () => {
  database = await openTestDatabase();
  summary = await seedDemo({ db: database.db, now: NOW, seed: SEED });
}, 120_000);
afterAll(async () => database?.close());

const count = async (sql: string, params: unknown[] = []): Promise<number> => (await database.query<{ n: number }>(sql, params))[0]!.n;

describe(`the demo board on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('has two schools with groups 1/2a to 8 and about 400 students', async () => {
    expect(summary.board).toBe('ASKO (demo)');
    expect(summary.schools.map((s) => s.brin)).toEqual(['99AA', '99AB']);
    const students = await count(`select count(*)::int as n from people where kind = 'student'`);
    expect(students).toBeGreaterThanOrEqual(380);
    expect(students).toBeLessThanOrEqual(420);
    expect(summary.schools.reduce((s, x) => s + x.students, 0)).toBe(students);
    for (const s of summary.schools) {
      expect(s.students).toBeGreaterThan(180);
      const codes = await database.query<{ code: string }>(`select code from groups where school_id = $1 order by code`, [s.id]);
      expect(codes.map((c) => c.code)).toEqual(['1/2a', '1/2b', '3', '4', '5', '6', '7', '8']);
    }
    const [board] = await database.query<{ aliases: string[]; protocol_id: string }>(`select aliases, protocol_id from boards`);
    expect(board!.protocol_id).toBe('asko-2018');
    expect(board!.aliases).toContain('Amsterdamse Stichting voor Katholiek Onderwijs');
    const [school] = await database.query<{ timezone: string; timetable: Record<string, unknown>; contact_phone: string; data_version: number }>(
      `select timezone, timetable, contact_phone, data_version::int from schools where brin = '99AA'`,
    );
    expect(school).toMatchObject({ timezone: 'Europe/Amsterdam', timetable: { '3': [['08:30', '12:15']] }, data_version: 1 });
    expect(school!.contact_phone).toBeTruthy();
    expect(await count(`select count(*)::int as n from school_holidays`)).toBeGreaterThanOrEqual(12);
  });

  it('puts every student in a group of their own school, with one or two guardians', async () => {
    expect(await count(`select count(*)::int as n from people p left join groups g on g.id = p.group_id where p.kind = 'student' and (g.id is null or g.school_id <> p.school_id)`)).toBe(0);
    const perStudent = await database.query<{ n: number }>(
      `select count(gs.guardian_id)::int as n from people p left join guardianships gs on gs.student_id = p.id where p.kind = 'student' group by p.id`,
    );
    expect(perStudent.every((r) => r.n === 1 || r.n === 2)).toBe(true);
    // Siblings share their guardians sometimes.
    expect(await count(`select count(*)::int as n from (select guardian_id from guardianships group by 1 having count(*) > 1) x`)).toBeGreaterThan(10);
    // Most guardians share the family name of a child.
    const same = await count(
      `select count(distinct g.id)::int as n from people g join guardianships gs on gs.guardian_id = g.id join people s on s.id = gs.student_id where g.family_name = s.family_name`,
    );
    expect(same / (await count(`select count(*)::int as n from people where kind = 'guardian'`))).toBeGreaterThan(0.7);
  });

  it('gives students birth dates that fit their group in 2026-2027', async () => {
    const rows = await database.query<{ code: string; birth: string }>(
      `select g.code, to_char(p.birth_date, 'YYYY-MM-DD') as birth from people p join groups g on g.id = p.group_id where p.kind = 'student'`,
    );
    for (const r of rows) {
      const groups = r.code.startsWith('1/2') ? [1, 2] : [Number(r.code)];
      // Group N: born between 1 October (2022 - N) and 30 September (2023 - N).
      const fits = groups.some((n) => r.birth >= `${2022 - n}-10-01` && r.birth <= `${2023 - n}-09-30`);
      expect(fits, `${r.code} ${r.birth}`).toBe(true);
    }
  });

  it('has staff with functions, supervisors and groups', async () => {
    for (const s of summary.schools) {
      const staff = await database.query<{ function: string; supervisor_id: string | null; groups: number }>(
        `select e.function, e.supervisor_id, (select count(*)::int from group_staff gs where gs.person_id = e.person_id) as groups from employments e where e.school_id = $1`,
        [s.id],
      );
      expect(staff.filter((e) => e.function === 'directeur')).toHaveLength(1);
      expect(staff.filter((e) => e.function === 'intern begeleider')).toHaveLength(1);
      const teachers = staff.filter((e) => e.function === 'leerkracht');
      expect(teachers.length).toBe(14);
      expect(teachers.every((t) => t.supervisor_id !== null && t.groups >= 1)).toBe(true);
      expect(staff.filter((e) => e.function !== 'directeur').every((e) => e.supervisor_id !== null)).toBe(true);
      expect(s.employees).toBe(staff.length);
    }
    // Every group has a teacher.
    expect(await count(`select count(*)::int as n from groups g where not exists (select 1 from group_staff gs join employments e on e.person_id = gs.person_id where gs.group_id = g.id and e.function = 'leerkracht')`)).toBe(0);
  });

  it('records consents for most students: granted mostly, some refused, a few revoked later', async () => {
    const students = await count(`select count(*)::int as n from people where kind = 'student'`);
    const withConsent = await count(`select count(distinct c.person_id)::int as n from consents_current c join people p on p.id = c.person_id where p.kind = 'student'`);
    expect(withConsent / students).toBeGreaterThan(0.85);
    const byStatus: Record<string, number> = Object.fromEntries(
      (await database.query<{ status: string; n: number }>(`select status, count(*)::int as n from consents_current where school_year = '2026-2027' group by 1`)).map((r) => [r.status, r.n]),
    );
    expect(byStatus.granted).toBeGreaterThan(byStatus.refused ?? 0);
    expect(byStatus.refused).toBeGreaterThan(0);
    expect(byStatus.revoked).toBeGreaterThan(0);
    // A revocation is a second event for the same consent.
    expect(await count(`select count(*)::int as n from (select person_id from consent_events group by person_id, channel, media, school_year having count(*) = 2) x`)).toBe(byStatus.revoked);
    // Photo more often than video or audio; given by a guardian, on a form.
    const media: Record<string, number> = Object.fromEntries((await database.query<{ media: string; n: number }>(`select media, count(*)::int as n from consent_events group by 1`)).map((r) => [r.media, r.n]));
    expect(media.photo).toBeGreaterThan(media.video ?? 0);
    expect(media.video).toBeGreaterThan(0);
    expect(media.audio).toBeGreaterThan(0);
    expect(
      await count(
        `select count(*)::int as n from consent_events c join people p on p.id = c.person_id where p.kind = 'student' and (c.method <> 'form' or not exists (select 1 from guardianships g where g.student_id = c.person_id and g.guardian_id = c.given_by))`,
      ),
    ).toBe(0);
  });

  it('has lesson-time permissions and one school project with students', async () => {
    expect(await count(`select count(*)::int as n from permissions where kind = 'lesson_time'`)).toBeGreaterThanOrEqual(2);
    const projects = await database.query<{ id: string; n: number }>(
      `select p.id, count(ps.student_id)::int as n from permissions p join permission_students ps on ps.permission_id = p.id where p.kind = 'school_project' group by p.id`,
    );
    expect(projects).toHaveLength(1);
    expect(projects[0]!.n).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed gives the same people, another seed others', async () => {
    const rows = await database.query<{ given_name: string; prefix: string | null; family_name: string }>(
      `select p.given_name, p.prefix, p.family_name from people p join schools s on s.id = p.school_id order by s.brin, p.external_id`,
    );
    const fromDb = rows.map((r) => fullName({ givenName: r.given_name, prefix: r.prefix, familyName: r.family_name }));
    const names = (seed: number) =>
      planDemo({ seed, now: NOW })
        .schools.flatMap((s) => [...s.people].sort((a, b) => (a.externalId < b.externalId ? -1 : 1)))
        .map(fullName);
    expect(names(SEED)).toEqual(fromDb);
    expect(names(SEED)).toEqual(names(SEED));
    expect(names(SEED + 1)).not.toEqual(fromDb);
    // Names from Amsterdam's communities, diacritics and tussenvoegsels included.
    expect(fromDb.some((n) => /[çëïöüşğıéèáí]/i.test(n))).toBe(true);
    expect(rows.filter((r) => r.prefix).length).toBeGreaterThan(30);
  });

  it('loads a demo school as a case the engine accepts, and finds a student named with their group', async () => {
    const school = summary.schools[0]!;
    const loaded = await loadSchoolInput(database.db, school.id);
    expect(loaded).not.toBeNull();
    const { input } = loaded!;
    expect(input.roster.length).toBe(school.students + school.guardians + school.employees);
    const teacher = input.roster.find((p) => p.kind === 'employee' && p.function === 'leerkracht')!;
    const post = (text: string) => ({
      author: { personId: teacher.id },
      situation: 'work' as const,
      channel: { kind: 'school' as const, platform: 'instagram' },
      at: '2026-11-26T16:05:00+01:00',
      text,
    });
    const plain = checkCase({ ...input, post: post('Wat hebben we vandaag genoten van de herfstwandeling!') }, { now: NOW });
    expect(plain.verdict).toBeDefined();
    expect(plain.findings.filter((f) => f.code === 'personal.name')).toEqual([]);

    const student = input.roster.find((p) => p.kind === 'student' && p.group === '5')!;
    const name = fullName(student);
    const named = checkCase({ ...input, post: post(`${name} uit groep 5 won de tekenwedstrijd!`) }, { now: NOW });
    const finding = named.findings.find((f) => f.code === 'personal.name');
    expect(finding, JSON.stringify(named.findings)).toBeDefined();
    expect(finding!.personId).toBe(student.id);
  });

  it('has a sign-in for every role, linked to fitting people, with the demo password', async () => {
    const rows = await database.query<{ email: string; role: string; school: string; kind: string | null; password_hash: string }>(
      `select a.email, r.role::text as role, s.brin as school, p.kind::text as kind, a.password_hash
         from accounts a join account_roles r on r.account_id = a.id join schools s on s.id = r.school_id left join people p on p.id = r.person_id
        order by a.email, s.brin`,
    );
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(ROLES));
    expect(rows.filter((r) => r.role === 'board').map((r) => r.school)).toEqual(['99AA', '99AB']);
    expect(rows.find((r) => r.role === 'guardian')).toMatchObject({ school: '99AA', kind: 'guardian' });
    expect(rows.find((r) => r.role === 'student')).toMatchObject({ kind: 'student' });
    expect(rows.find((r) => r.role === 'director')).toMatchObject({ kind: 'employee' });
    expect(await verifyPassword(rows[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(demoSignInLines(await findDemoAccounts(database.db))).toHaveLength(ROLES.length + 2);
  });

  it('seeds only an empty database, and never adds the demo schools twice', async () => {
    const before = await count(`select count(*)::int as n from people`);
    expect(await seedDemoIfEmpty({ db: database.db, now: NOW })).toBeNull();
    expect(await count(`select count(*)::int as n from people`)).toBe(before);
    expect(await count(`select count(*)::int as n from boards`)).toBe(1);
    await expect(seedDemo({ db: database.db, now: NOW })).rejects.toBeInstanceOf(DemoExistsError);
    expect(await count(`select count(*)::int as n from people`)).toBe(before);
  });
});
