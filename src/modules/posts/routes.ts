// Checks and posts of a school whose roster is in the database:
//   POST /api/v1/schools/:schoolId/checks   preview a draft (not stored)
//   POST /api/v1/schools/:schoolId/posts    submit a post: stored with the server's check
//   GET  /api/v1/schools/:schoolId/posts/:postId
//   POST /api/v1/schools/:schoolId/posts/:postId/publish
// The write page's own routes (check context, own people, own posts) are in write-routes.ts.
// The author is the signed-in account's person at the school (the body's author is replaced), so
// nobody checks or submits in someone else's name.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { postSchema } from '../../engine/index.ts';
import type { Actor } from '../../policies/index.ts';
import { canReadPost, holdsAny, postsPolicy, STAFF_ROLES } from '../../policies/index.ts';
import { assertTextLength, HttpError } from '../../server/errors.ts';
import { auditRefusal } from '../auth/guard.ts';
import { MediaItemError, resolvePostMedia } from '../media/service.ts';
import type { RouteModule } from '../../server/modules.ts';
import { checkSchoolPost, getPost, NotEditableError, NotFoundError, publishPost, PublishError, saveDraft, submitPost } from './service.ts';
import { parseBody } from '../../server/body.ts';

const schoolParams = z.object({ schoolId: z.string().describe('the school’s id') });
const postParams = schoolParams.extend({ postId: z.string() });
const body = z.object({ post: postSchema });
const submitBody = z.object({
  post: postSchema,
  draft: z.boolean().optional().describe('true: save as a draft (not checked, nothing recorded but the text)'),
  postId: z.string().optional().describe('a draft or unpublished post of yours to update instead of a new post'),
});
const submitOptions = z.object({ draft: z.boolean().optional(), postId: z.uuid().optional() });

/** Checks per account (docs/api.md): enough for debounced checks while typing, too few to probe a roster. */
export const PREVIEW_PER_ACCOUNT_PER_MINUTE = 30;
export const PREVIEW_PER_ACCOUNT_PER_HOUR = 300;
/** Submitted posts and saved drafts per account. */
export const SUBMIT_PER_ACCOUNT_PER_MINUTE = 30;

const tooMany = (after: string) => new HttpError(429, 'too_many_requests', `Too many checks from your account: wait ${after} and try again.`);
/** Per account, not per address: the guard has found the account before the limit runs. */
const accountKey = (request: { actor?: Actor | null; ip: string }) => (request.actor ? `account:${request.actor.accountId}` : `ip:${request.ip}`);
const perAccount = (max: number, timeWindow: number) => ({ max, timeWindow, keyGenerator: accountKey, errorResponseBuilder: (_r: unknown, c: { after: string }) => tooMany(c.after) });
/**
 * Staff of the school receive its roster anyway (check-context), so the preview limit, which
 * keeps parents and students from probing the roster, does not apply to them (nor to their
 * integrations' API tokens).
 */
const staffOfSchool = (request: FastifyRequest) => holdsAny(request.actor, (request.params as { schoolId?: string }).schoolId ?? '', STAFF_ROLES);
const previewLimit = (max: number, timeWindow: number) => ({ ...perAccount(max, timeWindow), allowList: staffOfSchool });
const publishBody = z.object({
  confirmed: z.literal(true, { error: 'confirm that this is the final version and that what is online stays online (A.3, A.4)' }),
  url: z.url().max(2000).optional(),
  checkId: z.number().int().positive().optional().describe('the check of the version you looked at: 409 changed when the post has a newer one'),
});

function notFound(e: unknown): never {
  if (e instanceof NotFoundError) throw new HttpError(404, 'not_found', e.message);
  if (e instanceof NotEditableError) throw new HttpError(409, 'not_editable', e.message);
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

  // A second, longer window on top of the route's per-minute limit (@fastify/rate-limit, registered by the auth routes).
  const hourly = app.createRateLimit(previewLimit(PREVIEW_PER_ACCOUNT_PER_HOUR, 3_600_000));

  app.post('/api/v1/schools/:schoolId/checks', {
    config: { access: postsPolicy.rule('preview'), rateLimit: previewLimit(PREVIEW_PER_ACCOUNT_PER_MINUTE, 60_000) },
    schema: {
      summary: 'Preview a check for a school',
      description: `Checks a draft post of the signed-in author against the school’s roster, consents and permissions in the database. Nothing is stored. Parents and students: at most ${PREVIEW_PER_ACCOUNT_PER_MINUTE} a minute and ${PREVIEW_PER_ACCOUNT_PER_HOUR} an hour per account (429 too_many_requests); staff of the school are not limited (they receive the roster anyway).`,
      params: schoolParams,
      body,
    },
    handler: async (request, reply) => {
      const limit = await hourly(request);
      if (!limit.isAllowed && limit.isExceeded) {
        reply.header('retry-after', String(limit.ttlInSeconds));
        throw tooMany(`${Math.ceil(limit.ttlInSeconds / 60)} minutes`);
      }
      return (await checkSchoolPost(await input(request)).catch(notFound)).result;
    },
  });

  app.post('/api/v1/schools/:schoolId/posts', {
    config: { access: postsPolicy.rule('submit'), rateLimit: perAccount(SUBMIT_PER_ACCOUNT_PER_MINUTE, 60_000) },
    schema: {
      summary: 'Submit a post, or save a draft',
      description:
        'Checks the post on the server and stores it with that check (the recorded result) and the people its media show; answers 201 { postId, status: "submitted", result }. With draft: true the post is stored as a draft without a check (201 { postId, status: "draft" }). With postId, that draft or unpublished post of yours is updated (200) instead of a new one.',
      params: schoolParams,
      body: submitBody,
    },
    handler: async (request, reply) => {
      const sent = request.body as { draft?: unknown; postId?: unknown } | null;
      const opts = parseBody(submitOptions, { draft: sent?.draft, postId: sent?.postId }, 'submission');
      const accountId = request.actor!.accountId;
      const ready = await input(request);
      const stored = opts.draft
        ? await saveDraft({ db: ctx.database.db, schoolId: ready.schoolId, accountId, post: ready.post, now: ready.now, requestId: request.id, ...(opts.postId ? { postId: opts.postId } : {}) }).catch(notFound)
        : await submitPost({ ...ready, db: ctx.database.db, accountId, requestId: request.id, ...(opts.postId ? { postId: opts.postId } : {}) }).catch(notFound);
      return reply.code(opts.postId ? 200 : 201).send(stored);
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
      description: 'The author confirms the final version (A.3) and that what is online stays online (A.4): { "confirmed": true, "url"?: where it was published }. Refused (409 not_publishable) when the recorded check says it may not be posted; when it needs review and no approved supervisor request covers this exact check (an approval of this version makes a needs_review post publishable, docs/supervision.md); and when a request about this version was rejected or still waits for an answer or for changes. With "checkId" (the check you looked at): 409 changed when the post has a newer check.',
      params: postParams,
    },
    handler: async (request) => {
      const { schoolId, postId } = request.params as z.infer<typeof postParams>;
      const b = parseBody(publishBody, request.body, 'publication');
      return publishPost(ctx.database.db, { schoolId, postId, accountId: request.actor!.accountId, url: b.url ?? null, requestId: request.id, now: new Date(ctx.now()), ...(b.checkId !== undefined ? { checkId: b.checkId } : {}) })
        .catch(notFound)
        .catch((e: unknown) => {
          if (e instanceof PublishError) throw new HttpError(409, e.code, e.message);
          throw e;
        });
    },
  });
};
