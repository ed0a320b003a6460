// Checks and posts of a school whose roster is in the database:
//   POST /api/v1/schools/:schoolId/checks   preview a draft (not stored)
//   POST /api/v1/schools/:schoolId/posts    submit a post: stored with the server's check
//   GET  /api/v1/schools/:schoolId/posts/:postId
// Accounts come in a later issue; until then these routes are open like the inline check.
import { z } from 'zod';
import { postSchema } from '../../engine/index.ts';
import { assertTextLength, HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { checkSchoolPost, getPost, NotFoundError, submitPost } from './service.ts';

const schoolParams = z.object({ schoolId: z.string().describe('the school’s id') });
const postParams = schoolParams.extend({ postId: z.string() });
const body = z.object({ post: postSchema });

function notFound(e: unknown): never {
  if (e instanceof NotFoundError) throw new HttpError(404, 'not_found', e.message);
  throw e;
}

export const postRoutes: RouteModule = async (app, ctx) => {
  const input = (request: { body: unknown; params: unknown }) => {
    assertTextLength(request.body, ctx.maxTextLength);
    const post = (request.body as { post?: unknown } | null)?.post;
    return { schools: ctx.schools, schoolId: (request.params as { schoolId: string }).schoolId, post, now: ctx.now() };
  };

  app.post('/api/v1/schools/:schoolId/checks', {
    schema: {
      summary: 'Preview a check for a school',
      description: 'Checks a draft post of an author (a person id) against the school’s roster, consents and permissions in the database. Nothing is stored.',
      params: schoolParams,
      body,
    },
    handler: async (request) => (await checkSchoolPost(input(request)).catch(notFound)).result,
  });

  app.post('/api/v1/schools/:schoolId/posts', {
    schema: {
      summary: 'Submit a post',
      description: 'Checks the post on the server and stores it with that check (the recorded result) and the people its media show.',
      params: schoolParams,
      body,
    },
    handler: async (request, reply) => {
      const stored = await submitPost({ ...input(request), db: ctx.database.db, requestId: request.id }).catch(notFound);
      return reply.code(201).send(stored);
    },
  });

  app.get('/api/v1/schools/:schoolId/posts/:postId', {
    schema: { summary: 'A submitted post with its latest check', params: postParams },
    handler: async (request) => {
      const { schoolId, postId } = request.params as z.infer<typeof postParams>;
      return getPost(ctx.database.db, schoolId, postId).catch(notFound);
    },
  });
};
