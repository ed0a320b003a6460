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
    // The staff browser's check context carries it too.
    const context = (await app.inject({ method: 'GET', url: `${base()}/check-context`, headers: as.fatima! })).json();
    expect(context.permissions).toContainEqual(expect.objectContaining({ kind: 'lesson_time', personId: id('karim'), grantedBy: id('dirk') }));
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

    const put = await app.inject({ method: 'PUT', url: `${base()}/school-projects/${projectId}/students`, headers: as.director!, payload: { studentIds: [id('sanne'), id('yusuf')] } });
    expect(put.statusCode).toBe(200);
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
