import { lockSlugs } from '../db/post-writes.js';
import { ContentError } from './errors.js';
import type { Transaction } from './save-post.js';

// A post keeps the slugs it had (post_slugs), so old links still find it. A former slug stays
// its post's: no other post or page may take it, while the post itself may take it back.

/**
 * Within the transaction that gives post `postId` (null: a post still to be created) the slug
 * `slug`, in place of `previous` (null when it had none or keeps it): locks both, refuses a
 * slug that was another post's, takes back one that was its own, and keeps `previous`.
 */
export async function changeSlug(tx: Transaction, postId: number | null, slug: string, previous: string | null): Promise<void> {
  await lockSlugs(tx, previous ? [slug, previous] : [slug]);
  const former = await tx.postSlug.findUnique({ where: { slug }, select: { postId: true, post: { select: { title: true, slug: true } } } });
  if (former && former.postId !== postId) {
    throw new ContentError(
      'CONFLICT',
      `The slug "${slug}" is a former slug of "${former.post.title}" (now at "${former.post.slug}"), kept so that old links still find it; choose another slug`,
      'slug',
    );
  }
  if (former) await tx.postSlug.delete({ where: { slug } });
  if (previous && previous !== slug && postId !== null) {
    await tx.postSlug.create({ data: { slug: previous, postId } });
  }
}
