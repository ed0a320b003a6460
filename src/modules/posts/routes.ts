// Checks and posts of a school whose roster is in the database:
//   POST /api/v1/schools/:schoolId/checks   preview a draft (not stored)
//   POST /api/v1/schools/:schoolId/posts    submit a post: stored with the server's check
//   GET  /api/v1/schools/:schoolId/posts/:postId
// The author is the signed-in account's person at the school (the body's author is replaced), so
// nobody checks or submits in someone else's name.
import { z } from 'zod';
import { postSchema } from '../../engine/index.ts';
import type { Actor } from '../../policies/index.ts';
import { canReadPost, postsPolicy } from '../../policies/index.ts';
import { assertTextLength, HttpError } from '../../server/errors.ts';
import { auditRefusal } from '../auth/guard.ts';
import { MediaItemError, resolvePostMedia } from '../media/service.ts';
import type { RouteModule } from '../../server/modules.ts';
import { checkSchoolPost, getPost, NotFoundError, publishPost, PublishError, submitPost } from './service.ts';
import { parseBody } from '../../server/body.ts';

const schoolParams = z.object({ schoolId: z.string().describe('the school’s id') });
const postParams = schoolParams.extend({ postId: z.string() });
const body = z.object({ post: postSchema });
const publishBody = z.object({
  confirmed: z.literal(true, { error: 'confirm that this is the final version and that what is online stays online (A.3, A.4)' }),
  url: z.url().max(2000).optional(),
});

function notFound(e: unknown): never {
  if (e instanceof NotFoundError) throw new HttpError(404, 'not_found', e.message);
  throw e;
}

/** The author of a post by this actor at this school: their roster person, else their role. */
export function authorOf(actor: Actor, schoolId: string): { personId: string } | { role: 'student' | 'guardian' | 'employee' } {
  const at = actor.schools.get(schoolId);
  if (at?.personId) return { personId: at.personId };
  // No roster person (a board member, an external communication officer): the role decides.
  return { role: at?.roles.has('student') ? 'student' : at?.roles.has('guardian') ? 'guardian' : 'employee' };
}

export const postRoutes: RouteModule = async (app, ctx) => {
  /** The post as the check needs it: the author from the sign-in, uploads ({ mediaId }) resolved to their tagged people. */
  const input = async (request: { body: unknown; params: unknown; actor: Actor | null }) => {
    assertTextLength(request.body, ctx.maxTextLength);
    const schoolId = (request.params as { schoolId: string }).schoolId;
    const actor = request.actor!;
    const sent = (request.body as { post?: unknown } | null)?.post;
    const withAuthor = sent && typeof sent === 'object' && !Array.isArray(sent) ? { ...sent, author: authorOf(actor, schoolId) } : sent;
    const post = await resolvePostMedia(ctx.database.db, schoolId, actor.accountId, withAuthor).catch((e: unknown) => {
      if (e instanceof MediaItemError) throw new HttpError(e.status === 403 ? 403 : 400, e.status === 403 ? 'not_yours' : 'invalid_case', e.message, [{ path: e.path, message: e.message }]);
      throw e;
    });
    return { schools: ctx.schools, schoolId, post, now: ctx.now() };
  };

  app.post('/api/v1/schools/:schoolId/checks', {
    config: { access: postsPolicy.rule('preview') },
    schema: {
      summary: 'Preview a check for a school',
      description: 'Checks a draft post of the signed-in author against the school’s roster, consents and permissions in the database. Nothing is stored.',
      params: schoolParams,
      body,
    },
    handler: async (request) => (await checkSchoolPost(await input(request)).catch(notFound)).result,
  });

  app.post('/api/v1/schools/:schoolId/posts', {
    config: { access: postsPolicy.rule('submit') },
    schema: {
      summary: 'Submit a post',
      description: 'Checks the post on the server and stores it with that check (the recorded result) and the people its media show.',
      params: schoolParams,
      body,
    },
    handler: async (request, reply) => {
      const stored = await submitPost({ ...(await input(request)), db: ctx.database.db, accountId: request.actor!.accountId, requestId: request.id }).catch(notFound);
      return reply.code(201).send(stored);
    },
  });

  app.get('/api/v1/schools/:schoolId/posts/:postId', {
    config: { access: postsPolicy.rule('read') },
    schema: { summary: 'A submitted post with its latest check', description: 'Your own posts; the school’s leaders and communication officer see all.', params: postParams },
    handler: async (request) => {
      const { schoolId, postId } = request.params as z.infer<typeof postParams>;
      const found = await getPost(ctx.database.db, schoolId, postId, (row) => canReadPost(request.actor!, schoolId, row)).catch(notFound);
      if (!found) {
        await auditRefusal(ctx.database, request, 'access.not_yours', request.actor!.accountId);
        throw new HttpError(403, 'not_yours', 'You may read only your own posts.');
      }
      return found;
    },
  });

  app.post('/api/v1/schools/:schoolId/posts/:postId/publish', {
    config: { access: postsPolicy.rule('publish') },
    schema: {
      summary: 'Mark your post as published',
      description: 'The author confirms the final version (A.3) and that what is online stays online (A.4): { "confirmed": true, "url"?: where it was published }. Refused when the recorded check says it may not be posted or needs review.',
      params: postParams,
    },
    handler: async (request) => {
      const { schoolId, postId } = request.params as z.infer<typeof postParams>;
      const b = parseBody(publishBody, request.body, 'publication');
      return publishPost(ctx.database.db, { schoolId, postId, accountId: request.actor!.accountId, url: b.url ?? null, requestId: request.id, now: new Date(ctx.now()) })
        .catch(notFound)
        .catch((e: unknown) => {
          if (e instanceof PublishError) throw new HttpError(409, 'not_publishable', e.message);
          throw e;
        });
    },
  });
};
