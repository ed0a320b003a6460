// What an approval means for publishing (docs/supervision.md): a supervisor's approval covers the
// exact version that was reviewed — the post's check recorded when it was sent. A post whose
// verdict is needs_review may be published when its latest check is that approved one; any change
// after the approval is a new check, which needs a new request. A not_allowed post never goes out.
import { and, eq } from 'drizzle-orm';
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
