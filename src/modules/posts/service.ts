// Checking a post of a school whose roster lives in the database. A preview is not stored; a
// submitted post is stored with its check, and the people its media show, in one transaction.
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CheckResult, Post } from '../../engine/index.ts';
import { CaseValidationError, checkPost, jsonPath, postSchema } from '../../engine/index.ts';
import type { AppDb } from '../../db/connection.ts';
import { checks, postPeople, posts } from '../../db/schema/index.ts';
import type { SchoolCache } from '../schools/school-case.ts';
import { appendAudit } from '../audit/chain.ts';

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
}

/** Stores the post and the server's check of it; the server's result is the one recorded. */
export async function submitPost(props: SubmitPostProps): Promise<{ postId: string; result: CheckResult }> {
  const { post, result } = await checkSchoolPost(props);
  const authorId = 'personId' in post.author ? post.author.personId : null;
  const shown = [...new Set(post.media.flatMap((m) => m.people))];
  return props.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(posts)
      .values({ schoolId: props.schoolId, authorId, authorAccountId: props.accountId, content: post, status: 'submitted', ...(post.at ? { scheduledAt: new Date(post.at) } : {}) })
      .returning({ id: posts.id });
    await tx.insert(checks).values({ schoolId: props.schoolId, postId: row!.id, protocolId: result.protocol, verdict: result.verdict, result });
    if (shown.length) await tx.insert(postPeople).values(shown.map((personId) => ({ postId: row!.id, personId })));
    await appendAudit(tx, {
      schoolId: props.schoolId,
      actor: props.accountId,
      action: 'post.submit',
      subjectType: 'post',
      subjectId: row!.id,
      fields: ['content', 'status', 'check'],
      ...(props.requestId ? { requestId: props.requestId } : {}),
    });
    return { postId: row!.id, result };
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
  return { id: row.id, status: row.status, post: row.content, createdAt: row.createdAt, check: latest ? { verdict: latest.verdict, result: latest.result, checkedAt: latest.checkedAt } : null };
}

export class PublishError extends Error {}

/**
 * Marks the author's submitted post as published (A.3: the author confirms the final version;
 * A.4: they saw that what is online stays online). Refused when the recorded check says it may
 * not be posted. Records where it was published; who it shows was recorded at submission.
 */
export async function publishPost(
  db: AppDb,
  p: { schoolId: string; postId: string; accountId: string; url?: string | null; requestId?: string; now: Date },
): Promise<{ id: string; status: 'published'; publishedAt: Date }> {
  if (!z.uuid().safeParse(p.postId).success) throw new NotFoundError('There is no such post.');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(posts).where(and(eq(posts.id, p.postId), eq(posts.schoolId, p.schoolId))).for('update');
    if (!row || row.authorAccountId !== p.accountId) throw new NotFoundError('There is no such post of yours.');
    if (row.status !== 'submitted') throw new PublishError(`The post is ${row.status}: only a submitted post can be marked as published.`);
    const [latest] = await tx.select({ verdict: checks.verdict }).from(checks).where(eq(checks.postId, p.postId)).orderBy(desc(checks.id)).limit(1);
    if (latest && (latest.verdict === 'not_allowed' || latest.verdict === 'needs_review')) {
      throw new PublishError(latest.verdict === 'not_allowed' ? 'The check says this post may not be posted. Change it and submit it again.' : 'This post needs your supervisor’s review first (B.3).');
    }
    await tx.update(posts).set({ status: 'published', publishedAt: p.now, publishedUrl: p.url ?? null, confirmedAt: p.now, updatedAt: p.now }).where(eq(posts.id, p.postId));
    await appendAudit(tx, { schoolId: p.schoolId, actor: p.accountId, action: 'post.publish', subjectType: 'post', subjectId: p.postId, requestId: p.requestId ?? null, fields: ['status', 'published_at', 'published_url', 'confirmed_at'], at: p.now });
    return { id: p.postId, status: 'published' as const, publishedAt: p.now };
  });
}
