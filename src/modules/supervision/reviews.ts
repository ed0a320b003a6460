// "Ask my supervisor" (B.3): the author sends a post with the server's check and a question; the
// addressed supervisor (or the director) approves, asks for changes or rejects it with a comment;
// after "changes" the author edits and sends it again in the same request. Every step is a row
// in review_events; e-mails go through the outbox in the same transaction.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { accounts, checks, posts, reviewEvents, reviews, schools } from '../../db/schema/index.ts';
import type { CheckResult, Post } from '../../engine/index.ts';
import type { Actor } from '../../policies/index.ts';
import { canDecide, canReadSupervision } from '../../policies/supervision.ts';
import { appendAudit } from '../audit/chain.ts';
import { enqueueMail } from '../mail/mailer.ts';
import type { SchoolCache } from '../schools/school-case.ts';
import { checkSchoolPost, NotFoundError, storeSubmitted } from '../posts/service.ts';
import { accountNames, findAddressee, leadsAt, nameOf, personNames, recipientsOf } from './addressee.ts';
import type { Decision } from './mail.ts';
import { reviewDecisionMail, reviewRequestMail } from './mail.ts';

/** A refusal the route answers with its status and code. */
export class SupervisionError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SupervisionError';
  }
}

/** A request that still waits: for the supervisor (open) or for the author's changes. */
const ACTIVE: ('open' | 'changes_requested')[] = ['open', 'changes_requested'];
const alreadyOpen = () =>
  new SupervisionError(409, 'already_open', 'This post has a request that is still running: wait for the answer, or change the post and send it again in that request when changes are asked.');

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new SupervisionError(404, 'not_found', 'There is no such review request at this school.');

interface Common {
  db: AppDb;
  schools: SchoolCache;
  schoolId: string;
  actor: Actor;
  now: number;
  requestId?: string;
  publicUrl: string;
}

async function schoolName(db: DbOrTx, schoolId: string): Promise<string> {
  const [s] = await db.select({ name: schools.name }).from(schools).where(eq(schools.id, schoolId));
  return s?.name ?? '';
}

/**
 * The server's check of the post, outside any transaction (the school cache reads the database on
 * its own connection; with PGlite's single connection it must not wait behind our transaction).
 */
async function checkFirst(c: Common, post: unknown) {
  return checkSchoolPost({ schools: c.schools, schoolId: c.schoolId, post, now: c.now });
}

/** Stores the checked post as submitted with its check (storeSubmitted, as submitPost does), inside the caller's transaction. */
async function storeChecked(tx: DbOrTx, c: Common, checked: { post: Post; result: CheckResult }, postId?: string) {
  const stored = await storeSubmitted(tx, {
    schoolId: c.schoolId,
    accountId: c.actor.accountId,
    post: checked.post,
    result: checked.result,
    now: c.now,
    ...(postId ? { postId } : {}),
    ...(c.requestId ? { requestId: c.requestId } : {}),
  });
  return { postId: stored.postId, result: checked.result, checkId: stored.checkId, content: checked.post };
}

/** The stored content of an own post, for a request without a new text. */
async function ownEditablePost(db: DbOrTx, schoolId: string, accountId: string, postId: string): Promise<Post> {
  if (!UUID.test(postId)) throw new NotFoundError('There is no such post of yours.');
  const [row] = await db.select({ content: posts.content, account: posts.authorAccountId }).from(posts).where(and(eq(posts.id, postId), eq(posts.schoolId, schoolId)));
  if (!row || row.account !== accountId) throw new NotFoundError('There is no such post of yours.');
  return row.content;
}

export interface AskInput extends Common {
  /** The post as the author has it now (author and uploads resolved by the route); else the stored post. */
  post?: unknown;
  postId?: string;
  question: string;
}

export async function askReview(input: AskInput) {
  const at = new Date(input.now);
  const me = input.actor.schools.get(input.schoolId)?.personId ?? null;
  if (!input.post && !input.postId) throw new SupervisionError(400, 'bad_request', 'Send the post, or the id of a post of yours.');
  const checked = await checkFirst(input, input.post ?? (await ownEditablePost(input.db, input.schoolId, input.actor.accountId, input.postId!)));
  const ask = input.db.transaction(async (tx) => {
    if (input.postId) {
      // The post's row first: two requests for one post at once wait for each other here.
      await tx.select({ id: posts.id }).from(posts).where(and(eq(posts.id, input.postId), eq(posts.schoolId, input.schoolId))).for('update');
      const [active] = await tx
        .select({ id: reviews.id })
        .from(reviews)
        .where(and(eq(reviews.postId, input.postId), inArray(reviews.status, ACTIVE)))
        .limit(1);
      if (active) throw alreadyOpen();
    }
    const stored = await storeChecked(tx, input, checked, input.postId);
    const to = await findAddressee(tx, input.schoolId, me);
    const [review] = await tx
      .insert(reviews)
      .values({ schoolId: input.schoolId, postId: stored.postId, checkId: stored.checkId, requesterId: me, requesterAccountId: input.actor.accountId, supervisorId: to.personId, content: stored.content, question: input.question, status: 'open', submittedAt: at, createdAt: at })
      .returning({ id: reviews.id });
    await tx.insert(reviewEvents).values({ reviewId: review!.id, kind: 'requested', actorAccountId: input.actor.accountId, comment: input.question, checkId: stored.checkId, at });
    const supervisorName = await nameOf(tx, to.personId);
    const school = await schoolName(tx, input.schoolId);
    for (const r of await recipientsOf(tx, input.schoolId, to.personId)) {
      await enqueueMail(tx, reviewRequestMail({ to: r.email, supervisorName: r.name, authorName: input.actor.displayName, schoolName: school, resubmitted: false, publicUrl: input.publicUrl }), at);
    }
    await appendAudit(tx, { schoolId: input.schoolId, actor: input.actor.accountId, action: 'review.request', subjectType: 'review', subjectId: review!.id, requestId: input.requestId ?? null, fields: ['post_id', 'check_id', 'question', 'supervisor_id'], at });
    return { reviewId: review!.id, postId: stored.postId, status: 'open' as const, result: stored.result, supervisor: { name: supervisorName, via: to.via } };
  });
  // The partial unique index reviews_one_active_per_post is the last word.
  return ask.catch((e: unknown) => {
    throw isUniqueViolation(e) ? alreadyOpen() : e;
  });
}

async function lockReview(tx: DbOrTx, schoolId: string, reviewId: string) {
  if (!UUID.test(reviewId)) throw notFound();
  const [row] = await tx.select().from(reviews).where(and(eq(reviews.id, reviewId), eq(reviews.schoolId, schoolId))).for('update');
  if (!row) throw notFound();
  return row;
}

export interface ResubmitInput extends Common {
  reviewId: string;
  post?: unknown;
  comment?: string;
}

/** After "changes asked": the changed post goes back to the same supervisor, in the same request. */
export async function resubmitReview(input: ResubmitInput) {
  const at = new Date(input.now);
  if (!UUID.test(input.reviewId)) throw notFound();
  const [found] = await input.db.select({ postId: reviews.postId, requester: reviews.requesterAccountId }).from(reviews).where(and(eq(reviews.id, input.reviewId), eq(reviews.schoolId, input.schoolId)));
  if (!found) throw notFound();
  if (found.requester !== input.actor.accountId) throw new SupervisionError(403, 'not_yours', 'Only who asked can send this request again.');
  const checked = await checkFirst(input, input.post ?? (await ownEditablePost(input.db, input.schoolId, input.actor.accountId, found.postId)));
  return input.db.transaction(async (tx) => {
    const row = await lockReview(tx, input.schoolId, input.reviewId);
    if (row.status !== 'changes_requested') {
      throw new SupervisionError(
        409,
        'not_resubmittable',
        row.status === 'approved'
          ? 'This request was approved and is closed. Changed the post since? Then ask your supervisor again with a new request.'
          : row.status === 'open'
            ? 'This request is waiting for your supervisor already.'
            : `This request is ${row.status === 'rejected' ? 'rejected' : 'withdrawn'} and closed.`,
      );
    }
    const stored = await storeChecked(tx, input, checked, row.postId);
    // The addressed supervisor may have left the role meanwhile: then the request goes to whoever is the addressee now.
    let supervisorId = row.supervisorId;
    if (supervisorId !== null && !(await leadsAt(tx, input.schoolId, supervisorId))) {
      const to = await findAddressee(tx, input.schoolId, row.requesterId);
      if (to.personId !== supervisorId) {
        supervisorId = to.personId;
        await tx.insert(reviewEvents).values({ reviewId: row.id, kind: 'readdressed', actorAccountId: input.actor.accountId, checkId: row.checkId, at });
      }
    }
    await tx.update(reviews).set({ status: 'open', supervisorId, checkId: stored.checkId, content: stored.content, submittedAt: at, comment: null, decidedAt: null, decidedBy: null }).where(eq(reviews.id, row.id));
    await tx.insert(reviewEvents).values({ reviewId: row.id, kind: 'resubmitted', actorAccountId: input.actor.accountId, comment: input.comment ?? null, checkId: stored.checkId, at });
    const school = await schoolName(tx, input.schoolId);
    for (const r of await recipientsOf(tx, input.schoolId, supervisorId)) {
      await enqueueMail(tx, reviewRequestMail({ to: r.email, supervisorName: r.name, authorName: input.actor.displayName, schoolName: school, resubmitted: true, publicUrl: input.publicUrl }), at);
    }
    await appendAudit(tx, { schoolId: input.schoolId, actor: input.actor.accountId, action: 'review.resubmit', subjectType: 'review', subjectId: row.id, requestId: input.requestId ?? null, fields: ['check_id', 'content', 'status', ...(supervisorId !== row.supervisorId ? ['supervisor_id'] : [])], at });
    return { reviewId: row.id, postId: row.postId, status: 'open' as const, result: stored.result, supervisor: { name: await nameOf(tx, supervisorId) } };
  });
}

/** The author no longer needs an answer: an open request (or one with changes asked) is withdrawn. */
export async function withdrawReview(input: { db: AppDb; schoolId: string; actor: Actor; reviewId: string; now: number; requestId?: string }) {
  const at = new Date(input.now);
  return input.db.transaction(async (tx) => {
    const row = await lockReview(tx, input.schoolId, input.reviewId);
    if (row.requesterAccountId !== input.actor.accountId) throw new SupervisionError(403, 'not_yours', 'Only who asked can withdraw this request.');
    if (row.status !== 'open' && row.status !== 'changes_requested') throw new SupervisionError(409, 'closed', 'This request is closed already.');
    await tx.update(reviews).set({ status: 'withdrawn' }).where(eq(reviews.id, row.id));
    await tx.insert(reviewEvents).values({ reviewId: row.id, kind: 'withdrawn', actorAccountId: input.actor.accountId, checkId: row.checkId, at });
    await appendAudit(tx, { schoolId: input.schoolId, actor: input.actor.accountId, action: 'review.withdraw', subjectType: 'review', subjectId: row.id, requestId: input.requestId ?? null, fields: ['status'], at });
    return { reviewId: row.id, status: 'withdrawn' as const };
  });
}

export interface DecideInput {
  db: AppDb;
  schoolId: string;
  actor: Actor;
  reviewId: string;
  decision: Decision;
  comment: string;
  /** The check the decider saw: when the author sent a new version meanwhile, 409 changed. */
  checkId: number;
  now: number;
  requestId?: string;
  publicUrl: string;
}

export async function decideReview(input: DecideInput) {
  const at = new Date(input.now);
  return input.db.transaction(async (tx) => {
    const row = await lockReview(tx, input.schoolId, input.reviewId);
    if (!canDecide(input.actor, input.schoolId, { supervisorId: row.supervisorId, ownerAccountId: row.requesterAccountId })) {
      throw new SupervisionError(403, 'not_yours', 'This request is addressed to another supervisor: only they and the director decide on it.');
    }
    if (row.status !== 'open') throw new SupervisionError(409, 'already_decided', row.status === 'withdrawn' ? 'The author withdrew this request.' : 'This request has been answered already; the author sends it again when they changed the post.');
    if (row.checkId !== input.checkId) throw new SupervisionError(409, 'changed', 'The author sent a changed version meanwhile: look at the new version and decide again.');
    if (input.decision === 'approved' && row.checkId !== null) {
      const [check] = await tx.select({ verdict: checks.verdict }).from(checks).where(eq(checks.id, row.checkId));
      if (check?.verdict === 'not_allowed') throw new SupervisionError(409, 'not_approvable', 'The check says this post may not be posted: it cannot be approved. Ask for changes or reject it.');
    }
    await tx.update(reviews).set({ status: input.decision, comment: input.comment, decidedAt: at, decidedBy: input.actor.accountId }).where(eq(reviews.id, row.id));
    await tx.insert(reviewEvents).values({ reviewId: row.id, kind: input.decision, actorAccountId: input.actor.accountId, comment: input.comment, checkId: row.checkId, at });
    const [author] = row.requesterAccountId ? await tx.select({ email: accounts.email, name: accounts.displayName, closedAt: accounts.closedAt }).from(accounts).where(eq(accounts.id, row.requesterAccountId)) : [];
    if (author && !author.closedAt) {
      await enqueueMail(tx, reviewDecisionMail({ to: author.email, authorName: author.name, deciderName: input.actor.displayName, decision: input.decision, publicUrl: input.publicUrl }), at);
    }
    await appendAudit(tx, { schoolId: input.schoolId, actor: input.actor.accountId, action: `review.${input.decision}`, subjectType: 'review', subjectId: row.id, requestId: input.requestId ?? null, fields: ['status', 'comment', 'decided_at'], at });
    return { reviewId: row.id, status: input.decision, decidedAt: at };
  });
}

type ReviewRow = typeof reviews.$inferSelect;

/** Requests as the pages show them: the reviewed version, its check, the history with names. */
export async function describeReviews(db: DbOrTx, rows: ReviewRow[], actor: Actor, now: number) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const events = await db.select().from(reviewEvents).where(inArray(reviewEvents.reviewId, ids)).orderBy(asc(reviewEvents.id));
  const checkIds = rows.map((r) => r.checkId).filter((x): x is number => x !== null);
  const checkRows = checkIds.length ? await db.select({ id: checks.id, verdict: checks.verdict, result: checks.result }).from(checks).where(inArray(checks.id, checkIds)) : [];
  const byCheck = new Map(checkRows.map((c) => [c.id, c]));
  const postIds = [...new Set(rows.map((r) => r.postId))];
  const latest = await db.selectDistinctOn([checks.postId], { postId: checks.postId, id: checks.id }).from(checks).where(inArray(checks.postId, postIds)).orderBy(checks.postId, desc(checks.id));
  const latestOf = new Map(latest.map((l) => [l.postId, l.id]));
  const postRows = await db.select({ id: posts.id, status: posts.status }).from(posts).where(inArray(posts.id, postIds));
  const statusOf = new Map(postRows.map((p) => [p.id, p.status]));
  const names = await accountNames(db, [...rows.map((r) => r.requesterAccountId), ...events.map((e) => e.actorAccountId)]);
  const supervisors = await personNames(db, rows.map((r) => r.supervisorId));
  return rows.map((r) => {
    const check = r.checkId !== null ? byCheck.get(r.checkId) : undefined;
    const current = latestOf.get(r.postId) === r.checkId;
    return {
      id: r.id,
      postId: r.postId,
      status: r.status,
      question: r.question,
      comment: r.comment,
      author: names.get(r.requesterAccountId ?? '') ?? '',
      supervisor: r.supervisorId ? (supervisors.get(r.supervisorId) ?? '') : null,
      post: r.content,
      check: check ? { id: check.id, verdict: check.verdict, result: check.result as CheckResult } : null,
      /** The post changed after it was sent (a newer check exists). */
      changedSince: !current,
      /** Approved, and the approval covers the post as it is now: it may be published (a needs_review verdict included). */
      approvalCovers: r.status === 'approved' && current && statusOf.get(r.postId) === 'submitted' && check?.verdict !== 'not_allowed',
      published: statusOf.get(r.postId) === 'published',
      submittedAt: r.submittedAt,
      decidedAt: r.decidedAt,
      waitingMs: r.status === 'open' ? Math.max(0, now - r.submittedAt.getTime()) : null,
      /** The request is the reader's own (nobody decides on their own request). */
      mine: r.requesterAccountId === actor.accountId,
      mayDecide: r.status === 'open' && canDecide(actor, r.schoolId, { supervisorId: r.supervisorId, ownerAccountId: r.requesterAccountId }),
      history: events
        .filter((e) => e.reviewId === r.id)
        .map((e) => ({ kind: e.kind, by: names.get(e.actorAccountId ?? '') ?? '', comment: e.comment, at: e.at, checkId: e.checkId })),
    };
  });
}

export async function myReviews(db: DbOrTx, schoolId: string, actor: Actor, now: number, postId?: string) {
  const rows = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.schoolId, schoolId), eq(reviews.requesterAccountId, actor.accountId), ...(postId && UUID.test(postId) ? [eq(reviews.postId, postId)] : [])))
    .orderBy(desc(reviews.submittedAt))
    .limit(200);
  return describeReviews(db, rows, actor, now);
}

export async function readReview(db: DbOrTx, schoolId: string, reviewId: string, actor: Actor, now: number) {
  if (!UUID.test(reviewId)) throw notFound();
  const [row] = await db.select().from(reviews).where(and(eq(reviews.id, reviewId), eq(reviews.schoolId, schoolId)));
  if (!row) throw notFound();
  if (!canReadSupervision(actor, schoolId, { supervisorId: row.supervisorId, ownerAccountId: row.requesterAccountId })) return null;
  return (await describeReviews(db, [row], actor, now))[0]!;
}
