import { slugify } from '../content/slug.js';
import type { Database } from '../db/client.js';
import { Prisma } from '../db/generated/prisma/client.js';
import { lockSlugDerivation } from '../db/post-writes.js';
import type { ContentKind, PostStatus } from '../db/generated/prisma/enums.js';
import { checkAuthorSlugs } from './authors.js';
import { ContentError, invalid } from './errors.js';
import {
  authoredContent,
  authoredPostSelect,
  insertPost,
  type PostContent,
  preparePost,
  replacePost,
  type Transaction,
} from './save-post.js';
import { checkImageExists } from './images.js';
import { checkSeo, type SeoInput } from './seo.js';
import { changeSlug } from './slug-history.js';
import { checkMarkdown, checkSlug, checkSummary, checkTagSlugs, checkTitle } from './validate.js';

// What authors do to posts, each in one transaction. Inputs are checked first; a missing post
// is NOT_FOUND, a slug taken by another post is CONFLICT.

export interface NewPost extends SeoInput {
  coverImageId?: number | null;
  /** POST (the default) or PAGE; fixed once created. */
  kind?: ContentKind | null;
  title: string;
  markdown: string;
  slug?: string | null;
  summary?: string | null;
  tags?: readonly string[] | null;
  publishedAt?: Date | null;
  status?: PostStatus | null;
  /** Author slugs in byline order. */
  authors?: readonly string[] | null;
}

/** Absent fields stay as they are; `summary: null` removes the author's summary, as null does each SEO field. */
export interface PostChanges extends SeoInput {
  /** null removes the cover. */
  coverImageId?: number | null;
  /** Only to say what the post is: a kind other than the post's is refused. */
  kind?: ContentKind | null;
  title?: string | null;
  markdown?: string | null;
  slug?: string | null;
  summary?: string | null;
  tags?: readonly string[] | null;
  /** Replaces the post's authors, in this order. */
  authors?: readonly string[] | null;
}

// A derived slug that is taken gets the next free numeric suffix. Authors deriving the same slug
// take turns on an advisory lock, so each sees
// the suffixes the others took. A post given that exact slug explicitly, or renamed to it, can
// still win the race; then the derivation is retried.
const DERIVED_SLUG_ATTEMPTS = 5;
const TRANSACTION_OPTIONS = { timeout: 15_000 };

export async function createPost(db: Database, input: NewPost, now: Date): Promise<number> {
  const status = input.status ?? 'DRAFT';
  const kind = input.kind ?? 'POST';
  const content: Omit<PostContent, 'slug'> = {
    title: checkTitle(input.title),
    markdown: checkMarkdown(input.markdown),
    summary: checkSummary(input.summary ?? null),
    status,
    // Publishing without a date publishes now.
    publishedAt: input.publishedAt ?? (status === 'PUBLISHED' ? now : null),
    tags: tagReferences(input.tags ?? [], kind),
    kind,
    authors: checkAuthorSlugs(input.authors ?? []),
    ...(await checkSeo(db, input)),
    ...(await checkCover(db, input.coverImageId)),
  };
  if (input.slug != null) {
    const slug = checkSlug(input.slug);
    const post = await preparePost(db, { ...content, slug });
    return withSlugConflict(slug, () =>
      db.prisma.$transaction(async (tx) => {
        await changeSlug(tx, null, slug, null);
        return insertPost(tx, post);
      }, TRANSACTION_OPTIONS),
    );
  }
  const base = slugify(content.title);
  // Rendering does not depend on the slug, so a retry for a free slug does not render again.
  const rendered = await preparePost(db, { ...content, slug: base });
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.prisma.$transaction(async (tx) => {
        await lockSlugDerivation(tx, base);
        return insertPost(tx, { ...rendered, content: { ...rendered.content, slug: await freeSlug(tx, base) } });
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt === DERIVED_SLUG_ATTEMPTS) throw error;
    }
  }
}

export async function updatePost(db: Database, id: number, changes: PostChanges): Promise<void> {
  const current = await currentContent(db, id);
  if (changes.kind != null && changes.kind !== current.kind) {
    throw invalid('kind', `kind is fixed when a post is created: this is a ${current.kind}; create a new ${changes.kind} and delete this one instead`);
  }
  const content: PostContent = {
    ...current,
    // An edit is a change made now, whatever the post's source said before.
    updatedAt: undefined,
    title: changes.title != null ? checkTitle(changes.title) : current.title,
    markdown: changes.markdown != null ? checkMarkdown(changes.markdown) : current.markdown,
    slug: changes.slug != null ? checkSlug(changes.slug) : current.slug,
    summary: changes.summary !== undefined ? checkSummary(changes.summary) : current.summary,
    tags: changes.tags != null ? tagReferences(changes.tags, current.kind ?? 'POST') : current.tags,
    authors: changes.authors != null ? checkAuthorSlugs(changes.authors) : current.authors,
    ...(await checkSeo(db, changes)),
    ...(await checkCover(db, changes.coverImageId)),
  };
  const post = await preparePost(db, content);
  await withSlugConflict(content.slug, () =>
    db.prisma.$transaction(async (tx) => {
      // Read again under the slugs' locks: a concurrent rename may have changed it since.
      if (content.slug !== current.slug) await changeSlug(tx, id, content.slug, await slugOf(tx, id));
      await replacePost(tx, id, post);
    }, TRANSACTION_OPTIONS),
  );
}

/** Publishes now, at `at` (a future `at` schedules the post), or at the date it already has. */
export async function publishPost(db: Database, id: number, at: Date | null, now: Date): Promise<void> {
  const post = await db.prisma.post.findUnique({ where: { id }, select: { publishedAt: true } });
  if (!post) throw notFound();
  await db.prisma.post.update({ where: { id }, data: { status: 'PUBLISHED', publishedAt: at ?? post.publishedAt ?? now } });
}

/** Takes a post back to draft; it keeps its publishedAt for when it is published again. */
export async function unpublishPost(db: Database, id: number): Promise<void> {
  await db.prisma.post.update({ where: { id }, data: { status: 'DRAFT' } }).catch(rethrowMissing());
}

export async function deletePost(db: Database, id: number): Promise<void> {
  await db.prisma.post.delete({ where: { id } }).catch(rethrowMissing());
}

async function currentContent(db: Database, id: number): Promise<PostContent> {
  const post = await db.prisma.post.findUnique({ where: { id }, select: authoredPostSelect });
  if (!post) throw notFound();
  return authoredContent(post);
}

async function slugOf(tx: Transaction, id: number): Promise<string> {
  const post = await tx.post.findUnique({ where: { id }, select: { slug: true } });
  if (!post) throw notFound();
  return post.slug;
}

function tagReferences(slugs: readonly string[], kind: ContentKind) {
  // Tags group posts for readers; a page is in no list of posts, so a tag would lead nowhere.
  if (kind === 'PAGE' && slugs.length > 0) throw invalid('tags', 'A page cannot have tags: leave tags out (or send []) for a page');
  return checkTagSlugs(slugs.map((slug) => slug.trim())).map((slug) => ({ slug, name: slug }));
}

// Candidates are looked up by their exact slugs, a batch at a time, so the unique indexes answer:
// matching the prefix instead read every post (250-300 ms at a million posts).
const SLUGS_PER_LOOKUP = 32;

/** `base`, or `base-2`, `base-3`, ...: the first that no post has, nor had. */
async function freeSlug(tx: Transaction, base: string): Promise<string> {
  for (let first = 1; ; first += SLUGS_PER_LOOKUP) {
    const candidates = Array.from({ length: SLUGS_PER_LOOKUP }, (_, i) => numberedSlug(base, first + i));
    const where = { slug: { in: candidates } };
    const current = await tx.post.findMany({ where, select: { slug: true } });
    const former = await tx.postSlug.findMany({ where, select: { slug: true } });
    const taken = new Set([...current, ...former].map((post) => post.slug));
    const free = candidates.find((candidate) => !taken.has(candidate));
    if (free) return free;
  }
}

const numberedSlug = (base: string, n: number) => (n === 1 ? base : `${base}-${n}`);

async function withSlugConflict<T>(slug: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ContentError('CONFLICT', `Another post or page already has the slug "${slug}"`, 'slug');
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

function notFound(): ContentError {
  return new ContentError('NOT_FOUND', 'There is no post with this id (it may have been deleted)', 'id');
}

function rethrowMissing() {
  return (error: unknown): never => {
    // P2025: the record to update or delete does not exist.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') throw notFound();
    throw error;
  };
}

/** The cover as the post is written with it: absent leaves it, null removes it, an id must name an image. */
async function checkCover(db: Database, coverImageId: number | null | undefined): Promise<{ coverImageId?: number | null }> {
  if (coverImageId === undefined) return {};
  if (coverImageId !== null) await checkImageExists(db, coverImageId, 'coverImageId');
  return { coverImageId };
}
