// Checking a post of a school whose roster lives in the database. A preview is not stored; a
// submitted post is stored with its check, and the people its media show, in one transaction.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { CheckResult, Post } from '../../engine/index.ts';
import { CaseValidationError, checkPost, jsonPath, postSchema } from '../../engine/index.ts';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { checks, postPeople, posts } from '../../db/schema/index.ts';
import type { SchoolCache } from '../schools/school-case.ts';
import { appendAudit } from '../audit/chain.ts';
import { possibleBreachOnPublish } from '../breaches/service.ts';
import { approvalCovers, holdBackMessage, reviewHoldsBack } from '../supervision/approval.ts';

export class NotFoundError extends Error {}

/** Validates a post on its own (the school comes from the database), with JSON paths under $.post. */
export function parsePost(input: unknown): Post {
  const r = postSchema.safeParse(input);
  if (!r.success) throw new CaseValidationError(r.error.issues.map((i) => ({ path: jsonPath(['post', ...i.path]), message: i.message })));
  return r.data;
}

export interface CheckSchoolPostProps {
  schools: SchoolCache;
  schoolId: string;
  post: unknown;
  now: number;
}

export async function checkSchoolPost({ schools, schoolId, post, now }: CheckSchoolPostProps): Promise<{ post: Post; result: CheckResult }> {
  const school = z.uuid().safeParse(schoolId).success ? await schools.get(schoolId) : null;
  if (!school) throw new NotFoundError(`There is no school with id "${schoolId}".`);
  const parsed = parsePost(post);
  const people = school.prepared.roster.people;
  const issues = [];
  if ('personId' in parsed.author && !people.has(parsed.author.personId)) {
    issues.push({ path: '$.post.author.personId', message: `no active person with id "${parsed.author.personId}" at this school` });
  }
  parsed.media.forEach((m, i) =>
    m.people.forEach((id, j) => {
      if (!people.has(id)) issues.push({ path: `$.post.media[${i}].people[${j}]`, message: `no active person with id "${id}" at this school` });
    }),
  );
  if (issues.length) throw new CaseValidationError(issues);
  return { post: parsed, result: checkPost(school.prepared, parsed, { now }) };
}

export interface SubmitPostProps extends CheckSchoolPostProps {
  db: AppDb;
  /** The signed-in account that submits (audit trail and A.3: every post is tied to its author). */
  accountId: string;
  /** The HTTP request, for the audit trail. */
  requestId?: string;
  /** An earlier draft or unpublished post of this account: checked again and updated instead of a new post. */
  postId?: string;
}

export class NotEditableError extends Error {}

/** Locks an existing post of the account for an update; only drafts and unpublished posts change. */
async function editableRow(tx: DbOrTx, schoolId: string, accountId: string, postId: string) {
  if (!z.uuid().safeParse(postId).success) throw new NotFoundError('There is no such post of yours.');
  const [row] = await tx.select({ id: posts.id, status: posts.status, authorAccountId: posts.authorAccountId }).from(posts).where(and(eq(posts.id, postId), eq(posts.schoolId, schoolId))).for('update');
  if (!row || row.authorAccountId !== accountId) throw new NotFoundError('There is no such post of yours.');
  if (row.status !== 'draft' && row.status !== 'submitted') throw new NotEditableError(`The post is ${row.status}: only a draft or a post not yet published can change.`);
  return row;
}

export interface StoreSubmittedProps {
  schoolId: string;
  /** The signed-in account that submits (the author of a new post; an existing post must be theirs). */
  accountId: string;
  /** The checked post and the server's check of it (checkSchoolPost). */
  post: Post;
  result: CheckResult;
  /** An earlier draft or unpublished post of this account to update instead of a new post. */
  postId?: string;
  requestId?: string;
  now: number;
}

/**
 * Stores a checked post as submitted with its check and the people its media show, inside the
 * caller's transaction (submitPost, and the supervisor review's request and resubmission).
 */
export async function storeSubmitted(tx: DbOrTx, p: StoreSubmittedProps): Promise<{ postId: string; checkId: number }> {
  const { post, result } = p;
  const authorId = 'personId' in post.author ? post.author.personId : null;
  const shown = [...new Set(post.media.flatMap((m) => m.people))];
  const at = new Date(p.now);
  const values = { content: post, status: 'submitted' as const, scheduledAt: post.at ? new Date(post.at) : null };
  let id: string;
  if (p.postId) {
    id = (await editableRow(tx, p.schoolId, p.accountId, p.postId)).id;
    await tx.update(posts).set({ ...values, authorId, updatedAt: at }).where(eq(posts.id, id));
    await tx.delete(postPeople).where(eq(postPeople.postId, id));
  } else {
    const [row] = await tx
      .insert(posts)
      .values({ schoolId: p.schoolId, authorId, authorAccountId: p.accountId, ...values, createdAt: at, updatedAt: at })
      .returning({ id: posts.id });
    id = row!.id;
  }
  const [check] = await tx
    .insert(checks)
    .values({ schoolId: p.schoolId, postId: id, protocolId: result.protocol, verdict: result.verdict, result, checkedAt: at, checkedBy: p.accountId })
    .returning({ id: checks.id });
  if (shown.length) await tx.insert(postPeople).values(shown.map((personId) => ({ postId: id, personId })));
  await appendAudit(tx, { schoolId: p.schoolId, actor: p.accountId, action: 'post.submit', subjectType: 'post', subjectId: id, requestId: p.requestId ?? null, fields: ['content', 'status', 'check'], at });
  return { postId: id, checkId: check!.id };
}

/** Stores the post and the server's check of it; the server's result is the one recorded. */
export async function submitPost(props: SubmitPostProps): Promise<{ postId: string; status: 'submitted'; result: CheckResult }> {
  const { post, result } = await checkSchoolPost(props);
  return props.db.transaction(async (tx) => {
    const stored = await storeSubmitted(tx, {
      schoolId: props.schoolId,
      accountId: props.accountId,
      post,
      result,
      now: props.now,
      ...(props.postId ? { postId: props.postId } : {}),
      ...(props.requestId ? { requestId: props.requestId } : {}),
    });
    return { postId: stored.postId, status: 'submitted' as const, result };
  });
}

/**
 * Saves a draft of the account (status 'draft'): not checked, so a draft tells nothing about the
 * roster. With `postId`, updates that draft (or unpublished post, which becomes a draft again).
 */
export async function saveDraft(p: { db: AppDb; schoolId: string; accountId: string; post: unknown; postId?: string; requestId?: string; now: number }): Promise<{ postId: string; status: 'draft' }> {
  const post = parsePost(p.post);
  const authorId = 'personId' in post.author ? post.author.personId : null;
  return p.db.transaction(async (tx) => {
    const values = { content: post, status: 'draft' as const, scheduledAt: post.at ? new Date(post.at) : null };
    let id: string;
    if (p.postId) {
      id = (await editableRow(tx, p.schoolId, p.accountId, p.postId)).id;
      await tx.update(posts).set({ ...values, updatedAt: new Date(p.now) }).where(eq(posts.id, id));
      await tx.delete(postPeople).where(eq(postPeople.postId, id));
    } else {
      const [row] = await tx.insert(posts).values({ schoolId: p.schoolId, authorId, authorAccountId: p.accountId, ...values }).returning({ id: posts.id });
      id = row!.id;
    }
    await appendAudit(tx, { schoolId: p.schoolId, actor: p.accountId, action: 'post.draft', subjectType: 'post', subjectId: id, fields: ['content', 'status'], ...(p.requestId ? { requestId: p.requestId } : {}) });
    return { postId: id, status: 'draft' as const };
  });
}

/** The account's own posts at a school, newest first: status, latest verdict, dates and the first words. */
export async function listOwnPosts(db: AppDb, schoolId: string, accountId: string, limit = 200) {
  const rows = await db
    .select({ id: posts.id, status: posts.status, content: posts.content, createdAt: posts.createdAt, updatedAt: posts.updatedAt, publishedAt: posts.publishedAt, publishedUrl: posts.publishedUrl })
    .from(posts)
    .where(and(eq(posts.schoolId, schoolId), eq(posts.authorAccountId, accountId)))
    .orderBy(desc(posts.updatedAt))
    .limit(limit);
  const ids = rows.map((r) => r.id);
  const verdicts = new Map<string, { verdict: string; checkedAt: Date }>();
  if (ids.length) {
    const latest = await db
      .selectDistinctOn([checks.postId], { postId: checks.postId, verdict: checks.verdict, checkedAt: checks.checkedAt })
      .from(checks)
      .where(inArray(checks.postId, ids))
      .orderBy(checks.postId, desc(checks.id));
    for (const c of latest) if (c.postId) verdicts.set(c.postId, { verdict: c.verdict, checkedAt: c.checkedAt });
  }
  return rows.map((r) => {
    const text = r.content.text ?? '';
    const words = text.length > 100 ? `${text.slice(0, 100).replace(/\s+\S*$/, '')}…` : text;
    const check = r.status === 'draft' ? undefined : verdicts.get(r.id);
    return {
      id: r.id,
      status: r.status,
      verdict: check?.verdict ?? null,
      checkedAt: check?.checkedAt ?? null,
      firstWords: words,
      situation: r.content.situation,
      channel: r.content.channel,
      media: r.content.media.length,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      publishedAt: r.publishedAt,
      publishedUrl: r.publishedUrl,
    };
  });
}

/**
 * A stored post with its latest check. `mayRead` decides on the row (src/policies/posts.ts); a
 * post the reader may not see answers false, which the route turns into 403.
 */
export async function getPost(db: AppDb, schoolId: string, postId: string, mayRead: (row: { authorId: string | null; authorAccountId: string | null }) => boolean) {
  if (!z.uuid().safeParse(postId).success) throw new NotFoundError('There is no such post.');
  const [row] = await db.select().from(posts).where(and(eq(posts.id, postId), eq(posts.schoolId, schoolId)));
  if (!row) throw new NotFoundError('There is no such post.');
  if (!mayRead(row)) return null;
  const [latest] = await db.select().from(checks).where(eq(checks.postId, postId)).orderBy(desc(checks.id)).limit(1);
  return { id: row.id, status: row.status, post: row.content, createdAt: row.createdAt, check: latest && row.status !== 'draft' ? { verdict: latest.verdict, result: latest.result, checkedAt: latest.checkedAt } : null };
}

export class PublishError extends Error {
  constructor(
    message: string,
    /** not_publishable, or changed: the post changed after the version the author looked at. */
    readonly code: 'not_publishable' | 'changed' = 'not_publishable',
  ) {
    super(message);
  }
}

/**
 * Marks the author's submitted post as published (A.3: the author confirms the final version;
 * A.4: they saw that what is online stays online). Refused when the recorded check says it may
 * not be posted. Records where it was published; who it shows was recorded at submission.
 */
export async function publishPost(
  db: AppDb,
  p: { schoolId: string; postId: string; accountId: string; url?: string | null; requestId?: string; now: Date; checkId?: number },
): Promise<{ id: string; status: 'published'; publishedAt: Date }> {
  if (!z.uuid().safeParse(p.postId).success) throw new NotFoundError('There is no such post.');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(posts).where(and(eq(posts.id, p.postId), eq(posts.schoolId, p.schoolId))).for('update');
    if (!row || row.authorAccountId !== p.accountId) throw new NotFoundError('There is no such post of yours.');
    if (row.status !== 'submitted') throw new PublishError(`The post is ${row.status}: only a submitted post can be marked as published.`);
    const [latest] = await tx.select({ id: checks.id, verdict: checks.verdict }).from(checks).where(eq(checks.postId, p.postId)).orderBy(desc(checks.id)).limit(1);
    // needs_review: publishable once the supervisor approved exactly this version (B.3, docs/supervision.md).
    if (latest && (latest.verdict === 'not_allowed' || (latest.verdict === 'needs_review' && !(await approvalCovers(tx, p.postId, latest.id))))) {
      throw new PublishError(latest.verdict === 'not_allowed' ? 'The check says this post may not be posted. Change it and submit it again.' : 'This post needs your supervisor’s review first (B.3).');
    }
    // The author confirms the version they saw: a newer check means the post changed since (B.3).
    if (p.checkId !== undefined && latest?.id !== p.checkId) throw new PublishError('The post changed after the version you looked at: look at it again before you publish.', 'changed');
    // A request about this version that was rejected or is still running holds it back (docs/supervision.md).
    const held = latest ? await reviewHoldsBack(tx, p.postId, latest.id) : null;
    if (held) throw new PublishError(holdBackMessage(held));
    await tx.update(posts).set({ status: 'published', publishedAt: p.now, publishedUrl: p.url ?? null, confirmedAt: p.now, updatedAt: p.now }).where(eq(posts.id, p.postId));
    await possibleBreachOnPublish(tx, { schoolId: p.schoolId, postId: p.postId, checkId: latest?.id }, { actor: p.accountId, requestId: p.requestId, now: p.now });
    await appendAudit(tx, { schoolId: p.schoolId, actor: p.accountId, action: 'post.publish', subjectType: 'post', subjectId: p.postId, requestId: p.requestId ?? null, fields: ['status', 'published_at', 'published_url', 'confirmed_at'], at: p.now });
    return { id: p.postId, status: 'published' as const, publishedAt: p.now };
  });
}
