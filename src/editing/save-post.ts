import type { Database } from '../db/client.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { ContentKind, PostStatus } from '../db/generated/prisma/enums.js';
import { setSearchDocument } from '../db/post-writes.js';
import { setPostAuthors } from './authors.js';
import { type DerivedColumns, renderColumns } from './derived-columns.js';
import { changeSlug, refuseAnothersFormerSlug } from './slug-history.js';

export type Transaction = Prisma.TransactionClient;

export interface TagReference {
  slug: string;
  /** The display name for a tag that does not exist yet. */
  name: string;
}

/** A post as its author writes it; everything else is derived from these. */
export interface PostContent {
  slug: string;
  title: string;
  markdown: string;
  summary: string | null;
  status: PostStatus;
  publishedAt: Date | null;
  /** When the post last changed, as its source says; absent, the time it is written. */
  updatedAt?: Date;
  tags: TagReference[];
  /** POST or PAGE, set when the post is created and fixed after; absent, POST. */
  kind?: ContentKind;
  /** SEO overrides, each null to fall back to what the post has; absent, left as they are. */
  seoTitle?: string | null;
  seoDescription?: string | null;
  canonicalUrl?: string | null;
  socialImageId?: number | null;
  noIndex?: boolean;
  /** The image shown above it; null for none, absent to leave it as it is. */
  coverImageId?: number | null;
  /** Author slugs in byline order; absent, a new post has none and a saved one keeps its own. */
  authors?: string[];
}

/** A post ready to write: rendering happens before any transaction opens, not while it holds locks. */
export interface PreparedPost {
  content: PostContent;
  derived: DerivedColumns;
}

export async function preparePost(db: Database, content: PostContent): Promise<PreparedPost> {
  return { content, derived: await renderColumns(db, content) };
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Creates the post with this slug, or brings an existing one up to date, with its tags, in one
 * transaction. A post whose content already matches is left alone, so importing the same
 * files twice changes nothing. With `dryRun` it only says what it would do.
 */
export async function savePostBySlug(
  db: Database,
  content: PostContent,
  { dryRun = false } = {},
): Promise<{ id: number | null; outcome: SaveOutcome }> {
  const found = await db.prisma.post.findUnique({ where: { slug: content.slug }, select: authoredPostSelect });
  const existing = found && { id: found.id, content: authoredContent(found) };
  if (existing && sameContent(existing.content, content)) return { id: existing.id, outcome: 'unchanged' };
  if (dryRun) {
    // What the write would refuse, a dry run refuses too.
    if (!existing) await refuseAnothersFormerSlug(db.prisma, null, content.slug);
    return { id: existing?.id ?? null, outcome: existing ? 'updated' : 'created' };
  }
  const post = await preparePost(db, content);
  return db.prisma.$transaction(async (tx) => {
    if (!existing) {
      // A slug another post had before still finds that post: refused, as createPost refuses it.
      await changeSlug(tx, null, content.slug, null);
      return { id: await insertPost(tx, post), outcome: 'created' as const };
    }
    await replacePost(tx, existing.id, post);
    return { id: existing.id, outcome: 'updated' as const };
  });
}

/** Selects what an author wrote of a post; `authoredContent` turns the row into PostContent. */
export const authoredPostSelect = {
  id: true,
  slug: true,
  title: true,
  markdown: true,
  summary: true,
  status: true,
  publishedAt: true,
  updatedAt: true,
  kind: true,
  seoTitle: true,
  seoDescription: true,
  canonicalUrl: true,
  socialImageId: true,
  noIndex: true,
  coverImageId: true,
  tags: { select: { tag: { select: { slug: true, name: true } } } },
  authors: { select: { author: { select: { slug: true } } }, orderBy: { position: 'asc' } },
} as const satisfies Prisma.PostSelect;

export function authoredContent(row: Prisma.PostGetPayload<{ select: typeof authoredPostSelect }>): PostContent {
  const { id: _id, tags, authors, ...fields } = row;
  return { ...fields, tags: tags.map(({ tag }) => tag), authors: authors.map(({ author }) => author.slug) };
}

export async function insertPost(tx: Transaction, { content, derived }: PreparedPost): Promise<number> {
  const tagIds = await ensureTags(tx, content.tags);
  const post = await tx.post.create({
    data: { ...authoredData(content), ...derived.data, tags: { create: tagIds.map((tagId) => ({ tagId })) } },
    select: { id: true },
  });
  await setSearchDocument(tx, post.id, derived.searchDocument);
  if (content.authors?.length) await setPostAuthors(tx, post.id, content.authors);
  return post.id;
}

export async function replacePost(tx: Transaction, id: number, { content, derived }: PreparedPost): Promise<void> {
  const tagIds = await ensureTags(tx, content.tags);
  await tx.post.update({
    where: { id },
    data: {
      // The kind is fixed at creation.
      ...authoredData({ ...content, kind: undefined }),
      ...derived.data,
      tags: { deleteMany: {}, create: tagIds.map((tagId) => ({ tagId })) },
    },
  });
  await setSearchDocument(tx, id, derived.searchDocument);
  if (content.authors) await setPostAuthors(tx, id, content.authors);
}

function authoredData(content: PostContent) {
  return {
    slug: content.slug,
    title: content.title,
    markdown: content.markdown,
    summary: content.summary,
    status: content.status,
    publishedAt: content.publishedAt,
    // Undefined lets Prisma stamp the time of writing.
    updatedAt: content.updatedAt,
    // Undefined leaves the column as it is (or at its default, for a new post).
    kind: content.kind,
    seoTitle: content.seoTitle,
    seoDescription: content.seoDescription,
    canonicalUrl: content.canonicalUrl,
    socialImageId: content.socialImageId,
    noIndex: content.noIndex,
    coverImageId: content.coverImageId,
  };
}

/** The ids of these tags, creating the ones that do not exist yet (concurrent creators agree). */
export async function ensureTags(tx: Transaction, tags: TagReference[]): Promise<number[]> {
  if (tags.length === 0) return [];
  await tx.tag.createMany({ data: tags.map(({ slug, name }) => ({ slug, name })), skipDuplicates: true });
  const rows = await tx.tag.findMany({ where: { slug: { in: tags.map((tag) => tag.slug) } }, select: { id: true } });
  return rows.map((row) => row.id);
}

function sameContent(existing: PostContent, content: PostContent): boolean {
  const sortedSlugs = (slugs: string[]) => [...slugs].sort().join('\n');
  return (
    existing.title === content.title &&
    existing.markdown === content.markdown &&
    existing.summary === content.summary &&
    existing.status === content.status &&
    existing.publishedAt?.getTime() === content.publishedAt?.getTime() &&
    (content.updatedAt === undefined || existing.updatedAt?.getTime() === content.updatedAt.getTime()) &&
    sortedSlugs(existing.tags.map((tag) => tag.slug)) === sortedSlugs(content.tags.map((tag) => tag.slug)) &&
    OPTIONAL_FIELDS.every((field) => content[field] === undefined || existing[field] === content[field]) &&
    (content.authors === undefined || existing.authors?.join('\n') === content.authors.join('\n'))
  );
}

// Fields a source may leave out: then they are not compared (nor written).
const OPTIONAL_FIELDS = ['kind', 'seoTitle', 'seoDescription', 'canonicalUrl', 'socialImageId', 'noIndex', 'coverImageId'] as const;
