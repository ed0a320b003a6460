// One person of a school's roster:
//   GET /api/v1/schools/:schoolId/people/:personId
// Staff may read anyone at their school, a guardian only their own children, a student only
// themselves (src/policies/people.ts); a refusal is audited.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { groups, guardianships, people } from '../../db/schema/index.ts';
import { canReadPerson, peoplePolicy } from '../../policies/index.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { auditRefusal } from '../auth/guard.ts';

const params = z.object({ schoolId: z.string().describe('the school’s id'), personId: z.string().describe('the person’s id') });

export const peopleRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  app.get('/api/v1/schools/:schoolId/people/:personId', {
    config: { access: peoplePolicy.rule('read') },
    schema: { summary: 'A person on the roster', description: 'Name, kind and group of one person. Guardians: only their own children.', params },
    handler: async (request) => {
      const { schoolId, personId } = request.params as z.infer<typeof params>;
      const actor = request.actor!;
      const me = actor.schools.get(schoolId)?.personId ?? null;
      const children = me
        ? new Set((await db.select({ id: guardianships.studentId }).from(guardianships).where(eq(guardianships.guardianId, me))).map((r) => r.id))
        : new Set<string>();
      if (!canReadPerson(actor, schoolId, personId, children)) {
        await auditRefusal(ctx.database, request, 'access.not_yours', actor.accountId);
        throw new HttpError(403, 'not_yours', 'You may only see your own children (or yourself).');
      }
      const row = z.uuid().safeParse(personId).success
        ? (
            await db
              .select({ id: people.id, kind: people.kind, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, group: groups.code, active: people.active })
              .from(people)
              .leftJoin(groups, eq(groups.id, people.groupId))
              .where(and(eq(people.id, personId), eq(people.schoolId, schoolId)))
          )[0]
        : undefined;
      if (!row) throw new HttpError(404, 'not_found', 'There is no such person at this school.');
      return row;
    },
  });
};
