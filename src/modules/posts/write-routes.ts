// What the write page of the web app needs besides the check and submit routes:
//   GET /api/v1/schools/:schoolId/check-context   the school as the engine needs it (staff only)
//   GET /api/v1/schools/:schoolId/my-people       oneself and one's own children, to tag photos
//   GET /api/v1/schools/:schoolId/posts/mine      one's own posts: drafts, submitted, published
// Staff get the roster so that their browser checks while they type; parents and students never
// do: their drafts are checked on the server (the preview route, limited per account).
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { groups, guardianships, people } from '../../db/schema/index.ts';
import { managesGrants, postsPolicy } from '../../policies/index.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { listOwnPosts } from './service.ts';

const schoolParams = z.object({ schoolId: z.string().describe('the school’s id') });

export const writeRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get('/api/v1/schools/:schoolId/check-context', {
    config: { access: postsPolicy.rule('context') },
    schema: {
      summary: 'The school as the check engine needs it (staff)',
      description:
        'Organisation, school, roster, consents and permissions: everything of a check case but the post, as the server checks it. Staff only: the web app checks their drafts in the browser while they type. Parents and students get 403 and check on the server. Permissions and school projects: the director and the board get all of the school, other staff only their own (staffPersonId is the asking account\u2019s staff person).',
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const school = z.uuid().safeParse(schoolId).success ? await ctx.schools.get(schoolId) : null;
      if (!school) throw new HttpError(404, 'not_found', 'There is no such school.');
      // Who got permission, when and from whom is not every colleague's business: staff get only
      // their own permissions and projects (all the browser needs to check their own drafts);
      // the director and the board, who manage them, get all.
      const actor = request.actor!;
      const here = actor.schools.get(schoolId);
      const staffPersonId = here?.staffPersonId ?? null;
      if (managesGrants(actor, schoolId)) return { schoolId, staffPersonId, ...school.input };
      const own = new Set([here?.personId, staffPersonId].filter((p): p is string => !!p));
      return { schoolId, staffPersonId, ...school.input, permissions: school.input.permissions.filter((p) => own.has(p.personId)) };
    },
  });

  app.get('/api/v1/schools/:schoolId/my-people', {
    config: { access: postsPolicy.rule('people') },
    schema: {
      summary: 'Oneself and one’s own children',
      description: 'The people a parent or student may tag in their own photos without seeing the roster: the account’s own person at the school and, for a parent, their children.',
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const me = request.actor!.schools.get(schoolId)?.personId ?? null;
      if (!me) return { self: null, children: [] };
      const childIds = (await db.select({ id: guardianships.studentId }).from(guardianships).where(eq(guardianships.guardianId, me))).map((r) => r.id);
      const rows = await db
        .select({ id: people.id, kind: people.kind, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, group: groups.code })
        .from(people)
        .leftJoin(groups, eq(groups.id, people.groupId))
        .where(and(eq(people.schoolId, schoolId), eq(people.active, true), inArray(people.id, [me, ...childIds])));
      return { self: rows.find((r) => r.id === me) ?? null, children: rows.filter((r) => r.id !== me) };
    },
  });

  app.get('/api/v1/schools/:schoolId/posts/mine', {
    config: { access: postsPolicy.rule('mine') },
    schema: {
      summary: 'My posts',
      description: 'The signed-in account’s own posts at the school, newest first: status (draft, submitted, published), the latest recorded verdict (none for drafts), dates and the first words.',
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      return { posts: await listOwnPosts(db, schoolId, request.actor!.accountId) };
    },
  });
};
