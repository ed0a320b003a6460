// What an approval means for publishing (docs/supervision.md): a supervisor's approval covers the
// exact version that was reviewed — the post's check recorded when it was sent. A post whose
// verdict is needs_review may be published when its latest check is that approved one; any change
// after the approval is a new check, which needs a new request. A not_allowed post never goes out.
// A request about the latest check that was rejected, or still waits for an answer or for the
// author's changes, holds the post back whatever its verdict: the author asked, so the answer counts.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { reviews } from '../../db/schema/index.ts';

/** Is this check of the post covered by an approved review request? */
export async function approvalCovers(db: DbOrTx, postId: string, checkId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.postId, postId), eq(reviews.checkId, checkId), eq(reviews.status, 'approved')))
    .limit(1);
  return row !== undefined;
}

export type HoldingStatus = 'open' | 'changes_requested' | 'rejected';

/** The status of a request about this check that holds publishing back, or null. */
export async function reviewHoldsBack(db: DbOrTx, postId: string, checkId: number): Promise<HoldingStatus | null> {
  const [row] = await db
    .select({ status: reviews.status })
    .from(reviews)
    .where(and(eq(reviews.postId, postId), eq(reviews.checkId, checkId), inArray(reviews.status, ['open', 'changes_requested', 'rejected'])))
    .limit(1);
  return (row?.status as HoldingStatus | undefined) ?? null;
}

/** Why a held-back post may not go out yet, for the author. */
export function holdBackMessage(status: HoldingStatus): string {
  if (status === 'rejected') return 'Your supervisor rejected this version of the post (B.3): do not publish it.';
  if (status === 'changes_requested') return 'Your supervisor asked for changes (B.3): change the post and send it again first.';
  return 'This post waits for your supervisor’s answer (B.3): publish it after the approval.';
}
