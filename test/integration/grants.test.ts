// Lesson-time permissions (A.1) and school projects (A.6) through the HTTP API: who may grant to
// whom (director and board to staff and students; a teacher only to students of their own groups;
// never at another school), the check with and without the permission, inside and outside its
// window, revocation, and school projects (create, change students, end) as the check sees them.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { groupStaff, groups } from '../../src/db/schema/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { eq } from 'drizzle-orm';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
// Thursday 26 November 2026, 10:00 in Amsterdam.
const clock = Date.parse('2026-11-26T10:00:00+01:00');
let schoolId: string;
let otherSchoolId: string;
let ids: Map<string, { id: string }>;
let otherIds: Map<string, { id: string }>;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99GR' })).school.id;
  otherSchoolId = (await buildSchool(database.db, { brin: '99GS', name: 'Basisschool Het Kompas' })).school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 'sanne', kind: 'student', givenName: 'Sanne', prefix: 'de', familyName: 'Vries', group: '5b' },
    { externalId: 'yusuf', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '7a' },
    { externalId: 'karim', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'fatima', kind: 'employee', givenName: 'Fatima', familyName: 'Ouali' },
    { externalId: 'dirk', kind: 'employee', givenName: 'Dirk', familyName: 'Jansen' },
    { externalId: 'petra', kind: 'guardian', givenName: 'Petra', prefix: 'de', familyName: 'Vries' },
  ]);
  otherIds = await buildPeople(database.db, otherSchoolId, [
    { externalId: 'lotte', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '5b' },
    { externalId: 'bram', kind: 'employee', givenName: 'Bram', familyName: 'Visser' },
  ]);
  // Karim teaches 5b; Fatima teaches 7a.
  const all = await database.db.select().from(groups).where(eq(groups.schoolId, schoolId));
  await database.db.insert(groupStaff).values([
    { groupId: all.find((g) => g.code === '5b')!.id, personId: id('karim') },
    { groupId: all.find((g) => g.code === '7a')!.id, personId: id('fatima') },
  ]);
  const account = async (school: string, role: 'director' | 'board' | 'employee' | 'student' | 'guardian' | 'communication_officer', personId: string | null) =>
    tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId: school, role, personId }])).id);
  as.director = await account(schoolId, 'director', id('dirk'));
  as.board = await account(schoolId, 'board', null);
  as.karim = await account(schoolId, 'employee', id('karim'));
  as.fatima = await account(schoolId, 'employee', id('fatima'));
  as.sanne = await account(schoolId, 'student', id('sanne'));
  as.comms = await account(schoolId, 'communication_officer', null);
  as.bram = await account(otherSchoolId, 'director', otherIds.get('bram')!.id);
  app = await buildApp({ database, now: () => clock });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function id(name: string): string {
  return ids.get(name)!.id;
}
const base = () => `/api/v1/schools/${schoolId}`;
const grant = (who: string, person: string, over: Record<string, unknown> = {}, school = schoolId) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/schools/${school}/lesson-permissions`,
    headers: as[who]!,
    payload: { personId: person, startsAt: '2026-12-02T09:00', endsAt: '2026-12-02T10:00', reason: 'Kerstmarkt: verslag op Instagram', ...over },
  });
const lessonFindings = async (who: string, at: string) => {
  const r = await app.inject({ method: 'POST', url: `${base()}/checks`, headers: as[who]!, payload: { post: { situation: 'private', channel: { kind: 'personal', platform: 'instagram' }, at, text: 'Gezellig!', media: [] } } });
  expect(r.statusCode).toBe(200);
  return (r.json() as { findings: { code: string; rule: string }[] }).findings.filter((f) => f.code === 'lesson_time').map((f) => f.rule);
};
const list = async (who: string) => (await app.inject({ method: 'GET', url: `${base()}/lesson-permissions`, headers: as[who]! })).json().permissions as { id: string; person: { id: string }; status: string; canRevoke: boolean; startsAt: string; grantedBy: { name: string } | null }[];

describe(`lesson-time permissions (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('the director grants a teacher permission: no A.1 inside the window, still A.1 outside it', async () => {
    // Wednesday 2 December 2026: lessons 08:30–12:15.
    expect(await lessonFindings('karim', '2026-12-02T09:30:00+01:00')).toEqual(['A.1']);
    const r = await grant('director', id('karim'));
    expect(r.statusCode).toBe(201);
    expect(await lessonFindings('karim', '2026-12-02T09:30:00+01:00')).toEqual([]);
    expect(await lessonFindings('karim', '2026-12-02T09:00:00+01:00')).toEqual([]);
    expect(await lessonFindings('karim', '2026-12-02T10:00:00+01:00')).toEqual(['A.1']);
    expect(await lessonFindings('karim', '2026-12-02T08:45:00+01:00')).toEqual(['A.1']);
    // Only for Karim: Fatima at the same moment still gets A.1.
    expect(await lessonFindings('fatima', '2026-12-02T09:30:00+01:00')).toEqual(['A.1']);
    // Karim's browser check context carries it (he checks his own drafts there); a colleague's
    // does not: who got permission, when and from whom is not hers to see. The director sees all.
    const context = async (who: string) => (await app.inject({ method: 'GET', url: `${base()}/check-context`, headers: as[who]! })).json().permissions as { personId: string }[];
    expect(await context('karim')).toContainEqual(expect.objectContaining({ kind: 'lesson_time', personId: id('karim'), grantedBy: id('dirk') }));
    expect((await context('fatima')).map((p) => p.personId)).not.toContain(id('karim'));
    expect(await context('fatima')).toEqual([]);
    expect(await context('comms')).toEqual([]);
    expect(await context('director')).toContainEqual(expect.objectContaining({ kind: 'lesson_time', personId: id('karim') }));
    const mine = await list('karim');
    expect(mine).toEqual([expect.objectContaining({ id: r.json().id, status: 'future', canRevoke: false, grantedBy: { id: id('dirk'), name: 'Dirk Jansen' } })]);
    expect(mine[0]!.startsAt).toBe('2026-12-02T08:00:00.000Z');
    const audit = await database.query<{ action: string; fields: string[] }>(`select action, fields from audit_events where subject_id = $1`, [r.json().id]);
    expect(audit).toEqual([{ action: 'lesson_permission.grant', fields: ['person_id', 'starts_at', 'ends_at', 'reason'] }]);
  });

  it('a teacher grants to students of their own group only; not to staff, not to another group', async () => {
    expect(await lessonFindings('sanne', '2026-12-03T11:00:00+01:00')).toEqual(['A.1']);
    const ok = await grant('karim', id('sanne'), { startsAt: '2026-12-03T10:30:00+01:00', endsAt: '2026-12-03T12:00:00+01:00' });
    expect(ok.statusCode).toBe(201);
    expect(await lessonFindings('sanne', '2026-12-03T11:00:00+01:00')).toEqual([]);
    expect(await lessonFindings('sanne', '2026-12-03T12:30:00+01:00')).toEqual(['A.1']);

    const otherGroup = await grant('karim', id('yusuf'));
    expect(otherGroup.statusCode).toBe(403);
    expect(otherGroup.json().error).toBe('not_yours');
    expect((await grant('karim', id('fatima'))).json().error).toBe('not_yours');
    expect((await grant('karim', id('karim'))).json().error).toBe('not_yours');
    // A communication officer who teaches no group may grant to nobody.
    expect((await grant('comms', id('sanne'))).statusCode).toBe(403);
    const refusals = await database.query<{ n: number }>(`select count(*)::int as n from audit_events where action = 'access.not_yours' and school_id = $1`, [schoolId]);
    expect(refusals[0]!.n).toBeGreaterThanOrEqual(4);
    // Fatima (7a) sees neither Karim's grant to Sanne nor may she revoke it.
    expect((await list('fatima')).map((p) => p.person.id)).not.toContain(id('sanne'));
    const revoke = await app.inject({ method: 'POST', url: `${base()}/lesson-permissions/${ok.json().id}/revoke`, headers: as.fatima! });
    expect(revoke.json().error).toBe('not_yours');
    // Candidates: Karim sees only his group's students; the director every employee and student.
    const cand = async (who: string) => ((await app.inject({ method: 'GET', url: `${base()}/grant-candidates`, headers: as[who]! })).json().people as { id: string }[]).map((p) => p.id).sort();
    expect(await cand('karim')).toEqual([id('sanne')]);
    expect(await cand('director')).toEqual(['sanne', 'yusuf', 'karim', 'fatima', 'dirk'].map(id).sort());
  });

  it('refuses bad windows and people of another school, and works for the board', async () => {
    const bad = async (over: Record<string, unknown>) => (await grant('director', id('fatima'), over)).json();
    expect(await bad({ endsAt: '2026-12-02T08:00' })).toMatchObject({ error: 'invalid_permission', issues: [{ path: '$.endsAt', message: 'The end must come after the start.' }] });
    expect(await bad({ startsAt: '2026-11-20T09:00', endsAt: '2026-11-20T10:00' })).toMatchObject({ issues: [{ message: 'This window has already ended.' }] });
    expect(await bad({ endsAt: '2027-02-01T10:00' })).toMatchObject({ issues: [{ message: expect.stringMatching(/at most 31 days/) }] });
    expect(await bad({ startsAt: 'morgen' })).toMatchObject({ error: 'bad_request' });
    expect(await bad({ reason: '' })).toMatchObject({ error: 'bad_request', issues: [{ path: '$.reason' }] });
    expect((await grant('director', id('petra'))).json()).toMatchObject({ error: 'invalid_permission', issues: [{ path: '$.personId' }] });
    expect((await grant('director', otherIds.get('lotte')!.id)).statusCode).toBe(404);
    // The other school's director cannot grant here, nor to this school's people from there.
    expect((await grant('bram', id('karim'))).statusCode).toBe(403);
    expect((await grant('bram', id('karim'), {}, otherSchoolId)).statusCode).toBe(404);
    expect((await grant('board', id('fatima'), { startsAt: '2026-11-26T09:00', endsAt: '2026-11-26T11:00' })).statusCode).toBe(201);
    expect(await lessonFindings('fatima', '2026-11-26T10:30:00+01:00')).toEqual([]);
    expect((await list('board')).find((p) => p.person.id === id('fatima'))).toMatchObject({ status: 'current', grantedBy: null, canRevoke: true });
  });

  it('revoking takes effect at once', async () => {
    const perm = (await list('director')).find((p) => p.person.id === id('karim'))!;
    expect(perm.canRevoke).toBe(true);
    const r = await app.inject({ method: 'POST', url: `${base()}/lesson-permissions/${perm.id}/revoke`, headers: as.director! });
    expect(r.statusCode).toBe(200);
    expect(await lessonFindings('karim', '2026-12-02T09:30:00+01:00')).toEqual(['A.1']);
    expect((await list('director')).find((p) => p.id === perm.id)).toMatchObject({ status: 'revoked', canRevoke: false });
    expect((await app.inject({ method: 'POST', url: `${base()}/lesson-permissions/${perm.id}/revoke`, headers: as.director! })).json().error).toBe('invalid_permission');
    // Karim revokes what he granted.
    const his = (await list('karim')).find((p) => p.person.id === id('sanne'))!;
    expect(his.canRevoke).toBe(true);
    expect((await app.inject({ method: 'POST', url: `${base()}/lesson-permissions/${his.id}/revoke`, headers: as.karim! })).statusCode).toBe(200);
    expect(await lessonFindings('sanne', '2026-12-03T11:00:00+01:00')).toEqual(['A.1']);
  });
});

describe('school projects', () => {
  const connectionCheck = async (who: string, at = '2026-11-27T19:00:00+01:00') => {
    const r = await app.inject({
      method: 'POST',
      url: `${base()}/checks`,
      headers: as[who]!,
      payload: { post: { situation: 'private', channel: { kind: 'personal', platform: 'instagram' }, at, text: 'Mijn volgers', media: [], connections: ['Sanne de Vries', 'Yusuf Demir'] } },
    });
    return (r.json() as { findings: { code: string; personId?: string }[] }).findings.filter((f) => f.code === 'connection.student').map((f) => f.personId);
  };

  it('the director creates a project, changes its students and ends it; the check follows', async () => {
    expect(await connectionCheck('karim')).toEqual([id('sanne'), id('yusuf')]);
    const body = { name: 'Klassenvlog 5b', reason: 'De klas maakt vlogs', startsOn: '2026-11-01', endsOn: '2026-12-18', employeeIds: [id('karim'), id('fatima')], studentIds: [id('sanne')] };
    expect((await app.inject({ method: 'POST', url: `${base()}/school-projects`, headers: as.karim!, payload: body })).statusCode).toBe(403);
    const made = await app.inject({ method: 'POST', url: `${base()}/school-projects`, headers: as.director!, payload: body });
    expect(made.statusCode).toBe(201);
    const projectId = made.json().id as string;
    expect(await connectionCheck('karim')).toEqual([id('yusuf')]);
    expect(await connectionCheck('fatima')).toEqual([id('yusuf')]);
    // After the period: not covered.
    expect(await connectionCheck('karim', '2026-12-19T19:00:00+01:00')).toEqual([id('sanne'), id('yusuf')]);

    const karimSees = (await app.inject({ method: 'GET', url: `${base()}/school-projects`, headers: as.karim! })).json().projects;
    expect(karimSees).toEqual([
      expect.objectContaining({ id: projectId, name: 'Klassenvlog 5b', startsOn: '2026-11-01', endsOn: '2026-12-18', status: 'current', students: [expect.objectContaining({ id: id('sanne'), group: '5b' })] }),
    ]);
    expect(karimSees[0].employees.map((e: { name: string }) => e.name).sort()).toEqual(['Fatima Ouali', 'Karim El Amrani']);
    expect((await app.inject({ method: 'GET', url: `${base()}/school-projects`, headers: as.comms! })).json().projects).toEqual([]);

    // The project's students reach the check context of its employees only.
    const projectsIn = async (who: string) => ((await app.inject({ method: 'GET', url: `${base()}/check-context`, headers: as[who]! })).json().permissions as { kind: string; personId: string; studentIds?: string[] }[]).filter((p) => p.kind === 'school_project');
    expect(await projectsIn('karim')).toEqual([expect.objectContaining({ personId: id('karim'), studentIds: [id('sanne')] })]);
    expect(await projectsIn('comms')).toEqual([]);
    expect((await projectsIn('director')).map((p) => p.personId).sort()).toEqual([id('karim'), id('fatima')].sort());

    const put = await app.inject({ method: 'PUT', url: `${base()}/school-projects/${projectId}/students`, headers: as.director!, payload: { studentIds: [id('sanne'), id('yusuf'), id('sanne')] } });
    expect(put.statusCode).toBe(200);
    // The answer counts each student once.
    expect(put.json()).toEqual({ id: projectId, students: 2 });
    expect(await connectionCheck('karim')).toEqual([]);
    expect((await app.inject({ method: 'PUT', url: `${base()}/school-projects/${projectId}/students`, headers: as.director!, payload: { studentIds: [id('karim')] } })).json()).toMatchObject({ issues: [{ path: '$.studentIds[0]' }] });
    expect((await app.inject({ method: 'PUT', url: `${base()}/school-projects/${projectId}/students`, headers: as.bram!, payload: { studentIds: [] } })).statusCode).toBe(403);

    const end = await app.inject({ method: 'POST', url: `${base()}/school-projects/${projectId}/end`, headers: as.director! });
    expect(end.statusCode).toBe(200);
    expect(await connectionCheck('karim')).toEqual([id('sanne'), id('yusuf')]);
    const after = (await app.inject({ method: 'GET', url: `${base()}/school-projects`, headers: as.director! })).json().projects;
    expect(after[0]).toMatchObject({ status: 'ended' });
    expect((await app.inject({ method: 'POST', url: `${base()}/school-projects/${projectId}/end`, headers: as.director! })).statusCode).toBe(400);
    const actions = await database.query<{ action: string }>(`select action from audit_events where subject_id = $1 order by seq`, [projectId]);
    expect(actions.map((a) => a.action)).toEqual(['school_project.create', 'school_project.students', 'school_project.end']);
  });

  it('refuses projects with people of another school, a reversed period, or no employee', async () => {
    const post = (over: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `${base()}/school-projects`, headers: as.director!, payload: { name: 'Sportdag', startsOn: '2026-12-01', endsOn: '2026-12-05', employeeIds: [id('karim')], studentIds: [], ...over } });
    expect((await post({ studentIds: [otherIds.get('lotte')!.id] })).json()).toMatchObject({ issues: [{ path: '$.studentIds[0]' }] });
    expect((await post({ employeeIds: [id('sanne')] })).json()).toMatchObject({ issues: [{ path: '$.employeeIds[0]' }] });
    expect((await post({ endsOn: '2026-11-30' })).json()).toMatchObject({ issues: [{ path: '$.endsOn' }] });
    expect((await post({ employeeIds: [] })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `${base()}/school-projects/00000000-0000-4000-8000-000000000000/end`, headers: as.director! })).statusCode).toBe(404);
  });
});

describe('school projects: dates and limits', () => {
  const post = (over: Record<string, unknown>, who = 'director', school = schoolId) =>
    app.inject({ method: 'POST', url: `/api/v1/schools/${school}/school-projects`, headers: as[who]!, payload: { name: 'Schoolkrant', startsOn: '2026-12-01', endsOn: '2027-01-29', employeeIds: [id('karim')], studentIds: [], ...over } });

  it('refuses dates that do not exist with 400 and a message', async () => {
    for (const [field, value] of [
      ['startsOn', '2026-13-01'],
      ['endsOn', '2027-02-31'],
      ['endsOn', '2027-02-29'],
      ['startsOn', '2026-12-00'],
    ] as const) {
      const r = await post({ [field]: value });
      expect(r.statusCode, `${field} ${value}`).toBe(400);
      expect(r.json()).toMatchObject({ error: 'bad_request', issues: [{ path: `$.${field}`, message: expect.stringMatching(/YYYY-MM-DD/) }] });
    }
    // A leap day that exists is fine.
    expect((await post({ startsOn: '2027-12-01', endsOn: '2028-02-29' })).statusCode).toBe(201);
  });

  it('caps a project at one year', async () => {
    const long = await post({ startsOn: '2026-12-01', endsOn: '2029-12-01' });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: 'invalid_permission', issues: [{ path: '$.endsOn', message: expect.stringMatching(/at most one year.*2027-11-30/) }] });
    expect((await post({ startsOn: '2026-12-01', endsOn: '2027-12-01' })).statusCode).toBe(400);
    expect((await post({ startsOn: '2026-12-01', endsOn: '2027-11-30' })).statusCode).toBe(201);
  });

  it("uses the school's date to tell a period has ended: at 00:30 in Amsterdam yesterday is over", async () => {
    // Friday 27 November 2026, 00:30 in Amsterdam: still 26 November in UTC.
    const night = await buildApp({ database, now: () => Date.parse('2026-11-27T00:30:00+01:00') });
    try {
      const r = await night.inject({ method: 'POST', url: `${base()}/school-projects`, headers: as.director!, payload: { name: 'Gisteren', startsOn: '2026-11-20', endsOn: '2026-11-26', employeeIds: [id('karim')], studentIds: [] } });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ issues: [{ path: '$.endsOn', message: 'This period has already ended.' }] });
      const today = await night.inject({ method: 'POST', url: `${base()}/school-projects`, headers: as.director!, payload: { name: 'Vandaag', startsOn: '2026-11-27', endsOn: '2026-11-27', employeeIds: [id('karim')], studentIds: [] } });
      expect(today.statusCode).toBe(201);
    } finally {
      await night.close();
    }
  });
});

describe('lesson-time windows: calendar days and history', () => {
  it('counts the 31 days in calendar days of the school, also across the October clock change', async () => {
    // 31 October 2027 the clocks go back: 1 Oct 09:00 → 1 Nov 09:00 is 31 days and one hour.
    expect((await grant('director', id('fatima'), { startsAt: '2027-10-01T09:00', endsAt: '2027-11-01T09:00' })).statusCode).toBe(201);
    const over = await grant('director', id('fatima'), { startsAt: '2027-10-01T09:00', endsAt: '2027-11-01T09:01' });
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ issues: [{ path: '$.endsAt', message: expect.stringMatching(/at most 31 days/) }] });
    // 28 March 2027 the clocks go forward: 1 Mar 09:00 → 1 Apr 09:30 is under 31×24 hours but over 31 days.
    expect((await grant('director', id('fatima'), { startsAt: '2027-03-01T09:00', endsAt: '2027-04-01T09:30' })).statusCode).toBe(400);
    expect((await grant('director', id('fatima'), { startsAt: '2027-03-01T09:00', endsAt: '2027-04-01T09:00' })).statusCode).toBe(201);
  });

  it('does not revoke a window that has already ended: history stays as it was', async () => {
    // Granted the day before (the clock of this app is 26 November 10:00), ended at 09:00 today.
    const yesterday = await buildApp({ database, now: () => Date.parse('2026-11-25T10:00:00+01:00') });
    let permissionId: string;
    try {
      const r = await yesterday.inject({ method: 'POST', url: `${base()}/lesson-permissions`, headers: as.director!, payload: { personId: id('yusuf'), startsAt: '2026-11-26T08:00', endsAt: '2026-11-26T09:00', reason: 'Sportdag: foto’s maken' } });
      expect(r.statusCode).toBe(201);
      permissionId = r.json().id;
    } finally {
      await yesterday.close();
    }
    expect((await list('director')).find((p) => p.id === permissionId)).toMatchObject({ status: 'past', canRevoke: false });
    const revoke = await app.inject({ method: 'POST', url: `${base()}/lesson-permissions/${permissionId}/revoke`, headers: as.director! });
    expect(revoke.statusCode).toBe(400);
    expect(revoke.json()).toMatchObject({ error: 'invalid_permission', message: expect.stringMatching(/already ended/) });
    expect((await list('director')).find((p) => p.id === permissionId)).toMatchObject({ status: 'past', revokedAt: null });
  });
});

describe('another school', () => {
  it("one school's director cannot revoke, change or end another school's permission or project", async () => {
    const perm = await grant('director', id('fatima'), { startsAt: '2026-12-10T09:00', endsAt: '2026-12-10T10:00' });
    expect(perm.statusCode).toBe(201);
    const project = await app.inject({ method: 'POST', url: `${base()}/school-projects`, headers: as.director!, payload: { name: 'Musical', startsOn: '2026-12-01', endsOn: '2026-12-20', employeeIds: [id('karim')], studentIds: [id('sanne')] } });
    expect(project.statusCode).toBe(201);
    const permissionId = perm.json().id as string;
    const projectId = project.json().id as string;
    const other = `/api/v1/schools/${otherSchoolId}`;
    // Through this school's address: Bram holds no role here.
    expect((await app.inject({ method: 'POST', url: `${base()}/lesson-permissions/${permissionId}/revoke`, headers: as.bram! })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PUT', url: `${base()}/school-projects/${projectId}/students`, headers: as.bram!, payload: { studentIds: [] } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `${base()}/school-projects/${projectId}/end`, headers: as.bram! })).statusCode).toBe(403);
    // Through his own school's address: there is no such permission or project there.
    expect((await app.inject({ method: 'POST', url: `${other}/lesson-permissions/${permissionId}/revoke`, headers: as.bram! })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PUT', url: `${other}/school-projects/${projectId}/students`, headers: as.bram!, payload: { studentIds: [otherIds.get('lotte')!.id] } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `${other}/school-projects/${projectId}/end`, headers: as.bram! })).statusCode).toBe(404);
    // Nothing changed.
    expect((await list('director')).find((p) => p.id === permissionId)).toMatchObject({ status: 'future', revokedAt: null });
    const projects = (await app.inject({ method: 'GET', url: `${base()}/school-projects`, headers: as.director! })).json().projects as { id: string; status: string; students: { id: string }[] }[];
    expect(projects.find((p) => p.id === projectId)).toMatchObject({ status: 'future', students: [{ id: id('sanne') }] });
    const writes = await database.query<{ n: number }>(`select count(*)::int as n from audit_events where subject_id in ($1, $2)`, [permissionId, projectId]);
    expect(writes[0]!.n).toBe(2);
  });

  it("sends the school's time zone with the list, for the page to show the windows in", async () => {
    expect((await app.inject({ method: 'GET', url: `${base()}/lesson-permissions`, headers: as.director! })).json().timezone).toBe('Europe/Amsterdam');
    await database.query(`update schools set timezone = 'Europe/Lisbon' where id = $1`, [otherSchoolId]);
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${otherSchoolId}/lesson-permissions`, headers: as.bram! })).json()).toMatchObject({ timezone: 'Europe/Lisbon', permissions: [] });
  });
});

describe('a teacher who is also a parent at the school', () => {
  it('grants and sees as their staff person, not as their guardian person', async () => {
    const more = await buildPeople(database.db, schoolId, [
      { externalId: 'ingrid', kind: 'employee', givenName: 'Ingrid', familyName: 'Bos' },
      { externalId: 'ingrid-ouder', kind: 'guardian', givenName: 'Ingrid', familyName: 'Bos' },
    ]);
    const teacher = more.get('ingrid')!.id;
    const parent = more.get('ingrid-ouder')!.id;
    const g7a = (await database.db.select().from(groups).where(eq(groups.schoolId, schoolId))).find((g) => g.code === '7a')!;
    await database.db.insert(groupStaff).values({ groupId: g7a.id, personId: teacher });
    // The guardian role first: the account's first person at the school is the parent.
    as.ingrid = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId, role: 'guardian', personId: parent }, { schoolId, role: 'employee', personId: teacher }])).id);
    const candidates = (await app.inject({ method: 'GET', url: `${base()}/grant-candidates`, headers: as.ingrid! })).json().people as { id: string }[];
    expect(candidates.map((c) => c.id)).toEqual([id('yusuf')]);
    const r = await grant('ingrid', id('yusuf'), { startsAt: '2026-12-04T10:30', endsAt: '2026-12-04T11:30' });
    expect(r.statusCode).toBe(201);
    const mine = (await list('ingrid')).find((p) => p.id === r.json().id);
    expect(mine).toMatchObject({ canRevoke: true, grantedBy: { id: teacher } });
  });
});
