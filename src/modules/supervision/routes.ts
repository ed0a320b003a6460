// The supervisor flows (docs/supervision.md):
//   POST /api/v1/schools/:schoolId/reviews                              ask my supervisor { post? | postId?, question }
//   GET  /api/v1/schools/:schoolId/reviews/mine[?postId=]               my requests with status and history
//   GET  /api/v1/schools/:schoolId/reviews/:reviewId                    one request
//   POST /api/v1/schools/:schoolId/reviews/:reviewId/decision           { decision, comment }
//   POST /api/v1/schools/:schoolId/reviews/:reviewId/resubmit           { post?, comment? }
//   POST /api/v1/schools/:schoolId/reviews/:reviewId/withdraw
//   POST /api/v1/schools/:schoolId/escalations                          { threadText?, link?, note?, screenshots? }
//   GET  /api/v1/schools/:schoolId/escalations/mine
//   GET  /api/v1/schools/:schoolId/escalations/response-times[?days=]
//   GET  /api/v1/schools/:schoolId/escalations/:escalationId
//   GET  /api/v1/schools/:schoolId/escalations/:escalationId/screenshots/:mediaId
//   POST /api/v1/schools/:schoolId/escalations/:escalationId/acknowledge { response? }
//   POST /api/v1/schools/:schoolId/escalations/:escalationId/resolve     { response }
//   POST /api/v1/schools/:schoolId/escalations/:escalationId/incident   { category? }: turn it into an incident case
//   GET  /api/v1/schools/:schoolId/supervision/queue                    escalations first, then requests
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CaseValidationError } from '../../engine/index.ts';
import { holdsAny } from '../../policies/index.ts';
import { supervisionPolicy, WHOLE_QUEUE } from '../../policies/supervision.ts';
import { parseBody } from '../../server/body.ts';
import { assertTextLength, HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { auditRefusal } from '../auth/guard.ts';
import { mailerFor } from '../mail/mailer.ts';
import { MediaItemError, resolvePostMedia } from '../media/service.ts';
import { authorOf } from '../posts/routes.ts';
import { NotEditableError, NotFoundError } from '../posts/service.ts';
import { CATEGORIES } from '../incidents/domain/categories.ts';
import { suggestArticles } from '../incidents/routes.ts';
import { describeEscalations, escalate, escalationToIncident, incidentTextOf, loadEscalation, myEscalations, queueRows, respondToEscalation, responseTimes, screenshotOf } from './escalations.ts';
import { askReview, decideReview, describeReviews, myReviews, readReview, resubmitReview, SupervisionError, withdrawReview } from './reviews.ts';
import { MAX_THREAD_CHARS } from './thread-text.ts';

const schoolParams = z.object({ schoolId: z.string() });
const reviewParams = schoolParams.extend({ reviewId: z.string() });
const escalationParams = schoolParams.extend({ escalationId: z.string() });
const shotParams = escalationParams.extend({ mediaId: z.string() });

const text = (what: string, max: number) => z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} is at most ${max} characters`);
const askBody = z.object({ post: z.unknown().optional(), postId: z.uuid('not a post id').optional(), question: text('the question', 2000) });
const resubmitBody = z.object({ post: z.unknown().optional(), comment: text('the comment', 2000).optional() });
const decisionBody = z.object({
  decision: z.enum(['approved', 'changes_requested', 'rejected'], { error: 'decision is approved, changes_requested or rejected' }),
  comment: text('the comment', 2000),
  checkId: z.number({ error: 'checkId is the id of the check you looked at' }).int().positive(),
});
const escalateBody = z.object({
  threadText: z.string().max(MAX_THREAD_CHARS, `the conversation is at most ${MAX_THREAD_CHARS} characters`).optional(),
  // Only web links: a javascript: or data: link would run or show something in the supervisor's browser.
  link: z.url({ protocol: /^https?$/, message: 'not a web link (https://...)' }).max(2000).optional(),
  note: z.string().trim().max(2000, 'the note is at most 2000 characters').optional(),
  screenshots: z.array(z.uuid('not an upload id')).max(10, 'at most 10 screenshots').optional(),
});
const respondBody = z.object({ response: text('the answer', 2000).optional() });
const resolveBody = z.object({ response: text('the answer', 2000) });
const toIncidentBody = z.object({ category: z.enum(CATEGORIES, { message: `category is one of ${CATEGORIES.join(', ')}` }).default('other') });
const mineQuery = z.object({ postId: z.string().optional() });
const statsQuery = z.object({ days: z.coerce.number().int().min(1, 'days is at least 1').max(3660, 'days is at most 3660').default(90) });

export const supervisionRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const { mailer, publicUrl } = mailerFor(app, ctx);

  const fail = async (request: FastifyRequest, e: unknown): Promise<never> => {
    if (e instanceof SupervisionError) {
      if (e.code === 'not_yours') await auditRefusal(ctx.database, request, 'access.not_yours', request.actor!.accountId);
      throw new HttpError(e.status, e.code, e.message);
    }
    if (e instanceof NotFoundError) throw new HttpError(404, 'not_found', e.message);
    if (e instanceof NotEditableError) throw new HttpError(409, 'not_editable', e.message);
    if (e instanceof CaseValidationError) throw new HttpError(400, 'invalid_case', e.message, e.issues);
    throw e;
  };
  const notYours = async (request: FastifyRequest, message: string): Promise<never> => {
    await auditRefusal(ctx.database, request, 'access.not_yours', request.actor!.accountId);
    throw new HttpError(403, 'not_yours', message);
  };

  /** The post as sent: the author from the sign-in, uploads resolved to their tagged people (as the posts routes do). */
  const postOf = async (request: FastifyRequest, schoolId: string, sent: unknown) => {
    if (sent === undefined) return undefined;
    assertTextLength({ post: sent }, ctx.maxTextLength);
    const actor = request.actor!;
    const withAuthor = sent && typeof sent === 'object' && !Array.isArray(sent) ? { ...sent, author: authorOf(actor, schoolId) } : sent;
    return resolvePostMedia(db, schoolId, actor.accountId, withAuthor).catch((e: unknown) => {
      if (e instanceof MediaItemError) throw new HttpError(e.status === 403 ? 403 : 400, e.status === 403 ? 'not_yours' : 'invalid_case', e.message, [{ path: e.path, message: e.message }]);
      throw e;
    });
  };
  const common = (request: FastifyRequest, schoolId: string) => ({ db, schools: ctx.schools, schoolId, actor: request.actor!, now: ctx.now(), requestId: request.id, publicUrl: publicUrl() });

  app.post('/api/v1/schools/:schoolId/reviews', {
    config: { access: supervisionPolicy.rule('ask') },
    schema: {
      summary: 'Ask my supervisor about a post (B.3)',
      description: 'Checks the post on the server, stores it (status submitted) with that check and sends it with the question to the supervisor of your employment (fallback: the director, then the board). { post } sends the post as you have it now; { postId } alone sends a stored draft or post of yours. The supervisor gets an e-mail. 409 already_open when the post waits for an answer already.',
      params: schoolParams,
    },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const b = parseBody(askBody, request.body, 'request');
      const post = await postOf(request, schoolId, b.post);
      const r = await askReview({ ...common(request, schoolId), ...(post !== undefined ? { post } : {}), ...(b.postId ? { postId: b.postId } : {}), question: b.question }).catch((e: unknown) => fail(request, e));
      mailer.kick();
      return reply.code(201).send(r);
    },
  });

  app.get('/api/v1/schools/:schoolId/reviews/mine', {
    config: { access: supervisionPolicy.rule('mine') },
    schema: { summary: 'My review requests', description: 'Newest first, with the reviewed version, its check, the status, the comments and the history. ?postId= for one post.', params: schoolParams },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const q = parseBody(mineQuery, request.query, 'query');
      return { reviews: await myReviews(db, schoolId, request.actor!, ctx.now(), q.postId) };
    },
  });

  app.get('/api/v1/schools/:schoolId/reviews/:reviewId', {
    config: { access: supervisionPolicy.rule('read') },
    schema: { summary: 'One review request with its history', params: reviewParams },
    handler: async (request) => {
      const { schoolId, reviewId } = request.params as z.infer<typeof reviewParams>;
      const found = await readReview(db, schoolId, reviewId, request.actor!, ctx.now()).catch((e: unknown) => fail(request, e));
      return found ?? notYours(request, 'This request is someone else’s.');
    },
  });

  app.post('/api/v1/schools/:schoolId/reviews/:reviewId/decision', {
    config: { access: supervisionPolicy.rule('decide') },
    schema: {
      summary: 'Decide on a review request',
      description: '{ decision: approved | changes_requested | rejected, comment, checkId } (checkId: the check of the version you looked at). Only the supervisor it is addressed to and the director, never who asked (403 not_yours); once per sending (409 already_decided); 409 changed when the author sent a new version meanwhile; 409 not_approvable when approving a post whose check says not_allowed. The author gets an e-mail with a link (not the comment). An approval lets the author publish exactly the reviewed version, also when its verdict is needs_review.',
      params: reviewParams,
    },
    handler: async (request) => {
      const { schoolId, reviewId } = request.params as z.infer<typeof reviewParams>;
      const b = parseBody(decisionBody, request.body, 'decision');
      const r = await decideReview({ db, schoolId, actor: request.actor!, reviewId, decision: b.decision, comment: b.comment, checkId: b.checkId, now: ctx.now(), requestId: request.id, publicUrl: publicUrl() }).catch((e: unknown) => fail(request, e));
      mailer.kick();
      return r;
    },
  });

  app.post('/api/v1/schools/:schoolId/reviews/:reviewId/resubmit', {
    config: { access: supervisionPolicy.rule('ask') },
    schema: {
      summary: 'Send a changed post again',
      description: 'After “changes asked”: { post?, comment? } checks the (changed) post again and reopens the same request with the same supervisor. Only who asked; 409 not_resubmittable unless changes were asked (an approved request is closed: ask a new one).',
      params: reviewParams,
    },
    handler: async (request) => {
      const { schoolId, reviewId } = request.params as z.infer<typeof reviewParams>;
      const b = parseBody(resubmitBody, request.body, 'request');
      const post = await postOf(request, schoolId, b.post);
      const r = await resubmitReview({ ...common(request, schoolId), reviewId, ...(post !== undefined ? { post } : {}), ...(b.comment ? { comment: b.comment } : {}) }).catch((e: unknown) => fail(request, e));
      mailer.kick();
      return r;
    },
  });

  app.post('/api/v1/schools/:schoolId/reviews/:reviewId/withdraw', {
    config: { access: supervisionPolicy.rule('ask') },
    schema: { summary: 'Withdraw a review request', description: 'The author no longer needs an answer: an open request, or one with changes asked, becomes withdrawn (closed). Only who asked; closed → 409 closed.', params: reviewParams },
    handler: async (request) => {
      const { schoolId, reviewId } = request.params as z.infer<typeof reviewParams>;
      return withdrawReview({ db, schoolId, actor: request.actor!, reviewId, now: ctx.now(), requestId: request.id }).catch((e: unknown) => fail(request, e));
    },
  });

  app.post('/api/v1/schools/:schoolId/escalations', {
    config: { access: supervisionPolicy.rule('escalate') },
    schema: {
      summary: 'Escalate a conversation (B.2)',
      description: '{ threadText?, link?, note?, screenshots?: [uploadId] } — at least one of the text, the link (http or https only) or a screenshot. The text is one message per line, optionally "[16:05] Name: text" (Dutch clock time); the derailing signal is computed and stored. The supervisor gets an urgent e-mail at once.',
      params: schoolParams,
    },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const b = parseBody(escalateBody, request.body, 'escalation');
      const r = await escalate({ db, schoolId, actor: request.actor!, now: ctx.now(), requestId: request.id, publicUrl: publicUrl(), ...(b.threadText !== undefined ? { threadText: b.threadText } : {}), ...(b.link ? { link: b.link } : {}), ...(b.note ? { note: b.note } : {}), ...(b.screenshots ? { screenshots: b.screenshots } : {}) }).catch((e: unknown) => fail(request, e));
      mailer.kick();
      return reply.code(201).send(r);
    },
  });

  app.get('/api/v1/schools/:schoolId/escalations/mine', {
    config: { access: supervisionPolicy.rule('mine') },
    schema: { summary: 'My escalations', description: 'Newest first, with the status, who answered and after how long.', params: schoolParams },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      return { escalations: await myEscalations(db, schoolId, request.actor!, ctx.now()) };
    },
  });

  app.get('/api/v1/schools/:schoolId/escalations/response-times', {
    config: { access: supervisionPolicy.rule('stats') },
    schema: {
      summary: 'Response times of the school',
      description: 'Escalations created in the last ?days= (default 90): how many; how many wait unanswered now (however old) and the oldest one\'s age; median and 90th percentile seconds to the first answer and to resolution; review requests: median and 90th percentile seconds from each sending (request or resubmission) to the decision on it.',
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const q = parseBody(statsQuery, request.query, 'query');
      return responseTimes(db, schoolId, new Date(ctx.now() - q.days * 86_400_000), ctx.now());
    },
  });

  app.get('/api/v1/schools/:schoolId/escalations/:escalationId', {
    config: { access: supervisionPolicy.rule('read') },
    schema: { summary: 'One escalation', params: escalationParams },
    handler: async (request) => {
      const { schoolId, escalationId } = request.params as z.infer<typeof escalationParams>;
      const row = await loadEscalation(db, schoolId, escalationId, request.actor!).catch((e: unknown) => fail(request, e));
      if (!row) return notYours(request, 'This escalation is someone else’s.');
      return (await describeEscalations(db, [row], request.actor!, ctx.now()))[0];
    },
  });

  app.get('/api/v1/schools/:schoolId/escalations/:escalationId/screenshots/:mediaId', {
    config: { access: supervisionPolicy.rule('read') },
    schema: { summary: 'A screenshot of an escalation (stored without metadata)', params: shotParams },
    handler: async (request, reply) => {
      const { schoolId, escalationId, mediaId } = request.params as z.infer<typeof shotParams>;
      const row = await loadEscalation(db, schoolId, escalationId, request.actor!).catch((e: unknown) => fail(request, e));
      if (!row) return notYours(request, 'This escalation is someone else’s.');
      const shot = await screenshotOf(db, row, mediaId);
      if (!shot) throw new HttpError(404, 'not_found', 'The escalation has no such screenshot.');
      return reply.type(shot.mime).header('content-disposition', 'inline').header('cache-control', 'no-store').send(shot.bytes);
    },
  });

  for (const step of ['acknowledge', 'resolve'] as const) {
    app.post(`/api/v1/schools/:schoolId/escalations/:escalationId/${step}`, {
      config: { access: supervisionPolicy.rule('respond') },
      schema: {
        summary: step === 'acknowledge' ? 'Acknowledge an escalation (“seen, I am on it”)' : 'Resolve an escalation',
        description: step === 'acknowledge' ? '{ response? }: the first answer; its time is the response time.' : '{ response }: how it was handled. Resolving an unacknowledged escalation acknowledges it too.',
        params: escalationParams,
      },
      handler: async (request) => {
        const { schoolId, escalationId } = request.params as z.infer<typeof escalationParams>;
        const b = step === 'acknowledge' ? parseBody(respondBody, request.body, 'answer') : parseBody(resolveBody, request.body, 'answer');
        return respondToEscalation({ db, schoolId, actor: request.actor!, escalationId, step, ...(b.response ? { response: b.response } : {}), now: ctx.now(), requestId: request.id }).catch((e: unknown) => fail(request, e));
      },
    });
  }

  app.post('/api/v1/schools/:schoolId/escalations/:escalationId/incident', {
    config: { access: supervisionPolicy.rule('to_incident') },
    schema: {
      summary: 'Turn an escalation into an incident',
      description:
        '{ category? } (default "other"): creates an incident case (docs/incidents.md) whose text is the note, the whole pasted conversation and the link (incidents are read by the school\'s incident readers), with the employee who escalated as reporter; screenshots are not carried over; with the articles the check engine suggests; the escalation becomes "became_incident" with the case id. Answers 201 { escalationId, incidentId }.',
      params: escalationParams,
    },
    handler: async (request, reply) => {
      const { schoolId, escalationId } = request.params as z.infer<typeof escalationParams>;
      const b = parseBody(toIncidentBody, request.body ?? {}, 'request');
      const actor = request.actor!;
      // The engine runs before the transaction opens (the school may have to be loaded first).
      const row = await loadEscalation(db, schoolId, escalationId, actor).catch((e: unknown) => fail(request, e));
      const articles = row ? await suggestArticles(ctx, schoolId, incidentTextOf(row)) : [];
      const done = await escalationToIncident({ db, schoolId, actor, escalationId, category: b.category, articles, now: ctx.now(), requestId: request.id }).catch((e: unknown) =>
        fail(request, e),
      );
      return reply.code(201).send(done);
    },
  });

  app.get('/api/v1/schools/:schoolId/supervision/queue', {
    config: { access: supervisionPolicy.rule('queue') },
    schema: {
      summary: 'The supervisor’s queue',
      description: 'items: escalations first — open (unanswered) ones, then acknowledged ones, each oldest first — then open review requests (oldest first), each with kind "escalation" or "review". A supervisor sees what is addressed to them; the director and the board the whole school.',
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const actor = request.actor!;
      const now = ctx.now();
      const { esc, rev } = await queueRows(db, schoolId, actor, holdsAny(actor, schoolId, WHOLE_QUEUE));
      const escalations = (await describeEscalations(db, esc, actor, now)).map((e) => ({ kind: 'escalation' as const, ...e }));
      const reviews = (await describeReviews(db, rev, actor, now)).map((r) => ({ kind: 'review' as const, ...r }));
      return { items: [...escalations, ...reviews] };
    },
  });
};
