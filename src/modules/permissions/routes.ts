// Lesson-time permissions (A.1) and school projects (A.6) over HTTP (docs/lesson-permissions.md):
//   GET  /api/v1/schools/:schoolId/grant-candidates                         who I may grant to
//   GET  /api/v1/schools/:schoolId/lesson-permissions                       current, future and past
//   POST /api/v1/schools/:schoolId/lesson-permissions                       grant { personId, startsAt, endsAt, reason }
//   POST /api/v1/schools/:schoolId/lesson-permissions/:permissionId/revoke  revoke
//   GET  /api/v1/schools/:schoolId/school-projects                          projects with employees and students
//   POST /api/v1/schools/:schoolId/school-projects                          create { name, startsOn, endsOn, employeeIds, studentIds, reason? }
//   PUT  /api/v1/schools/:schoolId/school-projects/:projectId/students      replace the students { studentIds }
//   POST /api/v1/schools/:schoolId/school-projects/:projectId/end           end it now
import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { schools } from '../../db/schema/index.ts';
import { localTime } from '../../engine/time.ts';
import { grantsPolicy, managesGrants } from '../../policies/index.ts';
import { parseBody } from '../../server/body.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { auditRefusal } from '../auth/guard.ts';
import type { GrantActor } from './service.ts';
import { createProject, endProject, GrantError, grantCandidates, grantLessonPermission, listLessonPermissions, listProjects, revokeLessonPermission, setProjectStudents } from './service.ts';

const schoolParams = z.object({ schoolId: z.string() });
const permissionParams = schoolParams.extend({ permissionId: z.string() });
const projectParams = schoolParams.extend({ projectId: z.string() });
const moment = z.string().trim().min(10, 'a date and time such as 2026-12-02T09:00 (school time) or with an offset').max(40);
const day = z.iso.date('a real date as YYYY-MM-DD, such as 2026-12-01');
const grantBody = z.object({
  personId: z.uuid('the id of an employee or student'),
  startsAt: moment,
  endsAt: moment,
  reason: z.string().trim().min(3, 'say briefly why (at least 3 characters)').max(500),
});
const projectBody = z.object({
  name: z.string().trim().min(2).max(120),
  reason: z.string().trim().max(500).optional(),
  startsOn: day,
  endsOn: day,
  employeeIds: z.array(z.uuid()).min(1, 'name at least one employee').max(20),
  studentIds: z.array(z.uuid()).max(500),
});
const studentsBody = z.object({ studentIds: z.array(z.uuid()).max(500) });
const uuid = z.uuid();

export const permissionRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const actorOf = (request: FastifyRequest, schoolId: string): GrantActor => {
    const actor = request.actor!;
    return { accountId: actor.accountId, personId: actor.schools.get(schoolId)?.staffPersonId ?? null, manager: managesGrants(actor, schoolId), requestId: request.id, now: new Date(ctx.now()) };
  };
  const toHttp = async (request: FastifyRequest, e: unknown): Promise<never> => {
    if (e instanceof GrantError) {
      if (e.kind === 'not_yours') {
        await auditRefusal(ctx.database, request, 'access.not_yours', request.actor!.accountId);
        throw new HttpError(403, 'not_yours', e.message);
      }
      if (e.kind === 'not_found') throw new HttpError(404, 'not_found', e.message);
      throw new HttpError(400, 'invalid_permission', e.message, [{ path: e.path, message: e.message }]);
    }
    throw e;
  };
  const timezone = async (schoolId: string): Promise<string> => {
    const [s] = z.uuid().safeParse(schoolId).success ? await db.select({ tz: schools.timezone }).from(schools).where(eq(schools.id, schoolId)) : [];
    return s?.tz ?? 'Europe/Amsterdam';
  };
  /** The school's local date: a project's days are the school's days. */
  const today = async (schoolId: string): Promise<string> => localTime(ctx.now(), await timezone(schoolId)).date;

  app.get('/api/v1/schools/:schoolId/grant-candidates', {
    config: { access: grantsPolicy.rule('candidates') },
    schema: {
      summary: 'People I may grant lesson-time permission to',
      description: 'Director and board: every active employee and student of the school (also the choice for school projects). Other staff: the students of the groups they teach. Name, kind, group, function.',
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const actor = actorOf(request, schoolId);
      return { manager: actor.manager, people: await grantCandidates(db, schoolId, actor) };
    },
  });

  app.get('/api/v1/schools/:schoolId/lesson-permissions', {
    config: { access: grantsPolicy.rule('lessonList') },
    schema: {
      summary: 'Lesson-time permissions (A.1)',
      description: "Newest first, each with status current, future, past or revoked and whether the asking person may revoke it. Director and board see all of the school; other staff their own and the ones they granted. With the school's time zone (timezone), in which the page shows the windows.",
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      return { timezone: await timezone(schoolId), permissions: await listLessonPermissions(db, schoolId, actorOf(request, schoolId)) };
    },
  });

  app.post('/api/v1/schools/:schoolId/lesson-permissions', {
    config: { access: grantsPolicy.rule('lessonGrant') },
    schema: {
      summary: 'Grant lesson-time permission (A.1)',
      description: `A time window (startsAt, endsAt: ISO date-times; without an offset they are the school's local time) of at most 31 days that has not ended, and a reason. Director and board: any employee or student; other staff: students of a group they teach (else 403 not_yours). The check uses it at once.`,
      params: schoolParams,
    },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const body = parseBody(grantBody, request.body, 'permission');
      const made = await grantLessonPermission(db, schoolId, body, actorOf(request, schoolId)).catch((e: unknown) => toHttp(request, e));
      return reply.code(201).send(made);
    },
  });

  app.post('/api/v1/schools/:schoolId/lesson-permissions/:permissionId/revoke', {
    config: { access: grantsPolicy.rule('lessonRevoke') },
    schema: { summary: 'Revoke a lesson-time permission', description: 'Director and board: any; other staff: only one they granted (else 403 not_yours). Takes effect at once.', params: permissionParams },
    handler: async (request) => {
      const { schoolId, permissionId } = request.params as z.infer<typeof permissionParams>;
      if (!uuid.safeParse(permissionId).success) throw new HttpError(404, 'not_found', 'There is no such lesson-time permission at this school.');
      await revokeLessonPermission(db, schoolId, permissionId, actorOf(request, schoolId)).catch((e: unknown) => toHttp(request, e));
      return { id: permissionId, status: 'revoked' };
    },
  });

  app.get('/api/v1/schools/:schoolId/school-projects', {
    config: { access: grantsPolicy.rule('projectList') },
    schema: {
      summary: 'School projects (A.6)',
      description: 'Each project with its period (dates, inclusive), status (current, future, past, ended), employees and students. Director and board see all; other staff the projects they are in.',
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      return { projects: await listProjects(db, schoolId, actorOf(request, schoolId), await today(schoolId)) };
    },
  });

  app.post('/api/v1/schools/:schoolId/school-projects', {
    config: { access: grantsPolicy.rule('projectManage') },
    schema: {
      summary: 'Create a school project (A.6)',
      description: 'For one or more employees of the school, with the students in it: during the period (dates, inclusive) those employees may be connected with those students on social media.',
      params: schoolParams,
    },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const body = parseBody(projectBody, request.body, 'project');
      const made = await createProject(db, schoolId, body, actorOf(request, schoolId), await today(schoolId)).catch((e: unknown) => toHttp(request, e));
      return reply.code(201).send(made);
    },
  });

  app.put('/api/v1/schools/:schoolId/school-projects/:projectId/students', {
    config: { access: grantsPolicy.rule('projectManage') },
    schema: { summary: 'Replace the students of a school project', params: projectParams },
    handler: async (request) => {
      const { schoolId, projectId } = request.params as z.infer<typeof projectParams>;
      if (!uuid.safeParse(projectId).success) throw new HttpError(404, 'not_found', 'There is no such school project at this school.');
      const body = parseBody(studentsBody, request.body, 'student list');
      await setProjectStudents(db, schoolId, projectId, body.studentIds, actorOf(request, schoolId)).catch((e: unknown) => toHttp(request, e));
      return { id: projectId, students: new Set(body.studentIds).size };
    },
  });

  app.post('/api/v1/schools/:schoolId/school-projects/:projectId/end', {
    config: { access: grantsPolicy.rule('projectManage') },
    schema: { summary: 'End a school project now', description: 'From now on the check no longer counts the project.', params: projectParams },
    handler: async (request) => {
      const { schoolId, projectId } = request.params as z.infer<typeof projectParams>;
      if (!uuid.safeParse(projectId).success) throw new HttpError(404, 'not_found', 'There is no such school project at this school.');
      await endProject(db, schoolId, projectId, actorOf(request, schoolId)).catch((e: unknown) => toHttp(request, e));
      return { id: projectId, status: 'ended' };
    },
  });
};
