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
  if (await refuseAnothersFormerSlug(tx, postId, slug)) await tx.postSlug.delete({ where: { slug } });
  if (previous && previous !== slug && postId !== null) {
    await tx.postSlug.create({ data: { slug: previous, postId } });
  }
}

/** A client for reads: the database's, or a transaction's. */
type Reader = Pick<Transaction, 'post' | 'postSlug'>;

/**
 * Refuses `slug` with CONFLICT when it is a former slug of a post other than `postId` (null: a
 * post still to be created); answers whether it is a former slug of `postId` itself.
 */
export async function refuseAnothersFormerSlug(client: Reader, postId: number | null, slug: string): Promise<boolean> {
  const former = await client.postSlug.findUnique({ where: { slug }, select: { postId: true, post: { select: { title: true, slug: true } } } });
  if (former && former.postId !== postId) {
    throw new ContentError(
      'CONFLICT',
      `The slug "${slug}" is a former slug of "${former.post.title}" (now at "${former.post.slug}"), kept so that old links still find it; choose another slug`,
      'slug',
    );
  }
  return former !== null;
}

/**
 * Refuses former slugs (an import's aliases) for the post at `ownerSlug` that are another
 * post's slug, now or before, with CONFLICT naming that post. Answers those it does not have yet.
 */
export async function checkFormerSlugs(client: Reader, ownerSlug: string, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const [current, former] = await Promise.all([
    client.post.findMany({ where: { slug: { in: [...slugs] } }, select: { slug: true, title: true } }),
    client.postSlug.findMany({ where: { slug: { in: [...slugs] } }, select: { slug: true, post: { select: { title: true, slug: true } } } }),
  ]);
  const taken = current.find((post) => post.slug !== ownerSlug);
  if (taken) {
    throw new ContentError('CONFLICT', `The former slug "${taken.slug}" is the slug of "${taken.title}"; remove it from the aliases or rename that post`, 'formerSlugs');
  }
  const owned = former.find((row) => row.post.slug !== ownerSlug);
  if (owned) {
    throw new ContentError(
      'CONFLICT',
      `The former slug "${owned.slug}" already belongs to "${owned.post.title}" (now at "${owned.post.slug}"); remove it from one of the two`,
      'formerSlugs',
    );
  }
  const kept = new Set(former.map((row) => row.slug));
  return slugs.filter((slug) => !kept.has(slug));
}

/** Within a transaction, records `slugs` as former slugs of the post at `ownerSlug`, under checkFormerSlugs' rules. */
export async function keepFormerSlugs(tx: Transaction, postId: number, ownerSlug: string, slugs: readonly string[]): Promise<void> {
  if (slugs.length === 0) return;
  await lockSlugs(tx, [ownerSlug, ...slugs]);
  const added = await checkFormerSlugs(tx, ownerSlug, slugs);
  if (added.length > 0) await tx.postSlug.createMany({ data: added.map((slug) => ({ slug, postId })) });
}
