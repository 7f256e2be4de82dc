import type { Database } from '../db/client.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { PostStatus } from '../db/generated/prisma/enums.js';
import { derivedColumns, setSearchDocument } from './derived-columns.js';

type Transaction = Prisma.TransactionClient;

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
  tags: TagReference[];
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Creates the post with this slug, or brings an existing one up to date, with its tags, in one
 * transaction. A post whose content already matches is left alone, so importing the same
 * files twice changes nothing.
 */
export async function savePostBySlug(db: Database, content: PostContent): Promise<{ id: number; outcome: SaveOutcome }> {
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.post.findUnique({
      where: { slug: content.slug },
      select: { ...authoredFields, tags: { select: { tag: { select: { slug: true } } } } },
    });
    if (existing && sameContent(existing, content)) return { id: existing.id, outcome: 'unchanged' };
    const id = existing ? await updatePost(tx, existing.id, content) : await createPost(tx, content);
    return { id, outcome: existing ? 'updated' : 'created' };
  });
}

const authoredFields = {
  id: true,
  slug: true,
  title: true,
  markdown: true,
  summary: true,
  status: true,
  publishedAt: true,
} as const;

export async function createPost(tx: Transaction, content: PostContent): Promise<number> {
  const tagIds = await ensureTags(tx, content.tags);
  const { data: derived, searchDocument } = derivedColumns(content);
  const post = await tx.post.create({
    data: {
      ...authoredData(content),
      ...derived,
      tags: { create: tagIds.map((tagId) => ({ tagId })) },
    },
    select: { id: true },
  });
  await setSearchDocument(tx, post.id, searchDocument);
  return post.id;
}

export async function updatePost(tx: Transaction, id: number, content: PostContent): Promise<number> {
  const tagIds = await ensureTags(tx, content.tags);
  const { data: derived, searchDocument } = derivedColumns(content);
  await tx.post.update({
    where: { id },
    data: {
      ...authoredData(content),
      ...derived,
      tags: { deleteMany: {}, create: tagIds.map((tagId) => ({ tagId })) },
    },
  });
  await setSearchDocument(tx, id, searchDocument);
  return id;
}

function authoredData(content: PostContent) {
  return {
    slug: content.slug,
    title: content.title,
    markdown: content.markdown,
    summary: content.summary,
    status: content.status,
    publishedAt: content.publishedAt,
  };
}

/** The ids of these tags, creating the ones that do not exist yet (concurrent creators agree). */
export async function ensureTags(tx: Transaction, tags: TagReference[]): Promise<number[]> {
  if (tags.length === 0) return [];
  await tx.tag.createMany({ data: tags.map(({ slug, name }) => ({ slug, name })), skipDuplicates: true });
  const rows = await tx.tag.findMany({ where: { slug: { in: tags.map((tag) => tag.slug) } }, select: { id: true } });
  return rows.map((row) => row.id);
}

function sameContent(
  existing: Pick<PostContent, 'slug' | 'title' | 'markdown' | 'summary' | 'status' | 'publishedAt'> & { tags: { tag: { slug: string } }[] },
  content: PostContent,
): boolean {
  const sortedSlugs = (slugs: string[]) => [...slugs].sort().join('\n');
  return (
    existing.title === content.title &&
    existing.markdown === content.markdown &&
    existing.summary === content.summary &&
    existing.status === content.status &&
    existing.publishedAt?.getTime() === content.publishedAt?.getTime() &&
    sortedSlugs(existing.tags.map((link) => link.tag.slug)) === sortedSlugs(content.tags.map((tag) => tag.slug))
  );
}
