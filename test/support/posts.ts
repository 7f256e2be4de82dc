import type { Database } from '../../src/db/client.js';
import { type PostContent, savePostBySlug } from '../../src/editing/save-post.js';

let sequence = 0;

/** Saves a post through the same path imports use; unspecified fields get plain defaults. */
export async function givenPost(db: Database, fields: Partial<Omit<PostContent, 'tags'>> & { tags?: string[] } = {}) {
  sequence += 1;
  const content: PostContent = {
    slug: fields.slug ?? `post-${sequence}`,
    title: fields.title ?? `Post ${sequence}`,
    markdown: fields.markdown ?? `Body of post ${sequence}.`,
    summary: fields.summary ?? null,
    status: fields.status ?? 'PUBLISHED',
    publishedAt: fields.publishedAt === undefined ? new Date(Date.UTC(2024, 0, 1) + sequence * 60_000) : fields.publishedAt,
    tags: (fields.tags ?? []).map((slug) => ({ slug, name: slug })),
    updatedAt: fields.updatedAt,
    authors: fields.authors,
    kind: fields.kind,
  };
  const { id } = await savePostBySlug(db, content);
  return { id, ...content };
}

export interface BulkPost {
  slug: string;
  title: string;
  publishedAt: Date | null;
  status?: 'DRAFT' | 'PUBLISHED';
  tags?: string[];
}

/**
 * Inserts many posts with one statement per table, for tests that need hundreds of rows and
 * do not look at rendered content (their html and search document stay minimal).
 */
export async function insertPosts(db: Database, posts: BulkPost[]): Promise<number[]> {
  const rows = await db.prisma.$queryRaw<{ id: number; slug: string }[]>`
    INSERT INTO posts (slug, title, markdown, html, headings, excerpt, word_count, reading_minutes, render_version, status, published_at, updated_at)
    SELECT slug, title, title, '<p>' || title || '</p>', '[]'::jsonb, title, 2, 1, 1, status::"PostStatus", published_at, now()
    FROM unnest(${posts.map((p) => p.slug)}::text[], ${posts.map((p) => p.title)}::text[],
                ${posts.map((p) => p.status ?? 'PUBLISHED')}::text[], ${posts.map((p) => p.publishedAt)}::timestamptz[])
      AS input(slug, title, status, published_at)
    RETURNING id, slug`;
  const idBySlug = new Map(rows.map((row) => [row.slug, row.id]));
  const tagSlugs = [...new Set(posts.flatMap((post) => post.tags ?? []))];
  if (tagSlugs.length > 0) {
    await db.prisma.tag.createMany({ data: tagSlugs.map((slug) => ({ slug, name: slug })), skipDuplicates: true });
    const tagIds = new Map((await db.prisma.tag.findMany({ where: { slug: { in: tagSlugs } } })).map((t) => [t.slug, t.id]));
    await db.prisma.postTag.createMany({
      data: posts.flatMap((post) =>
        [...new Set(post.tags)].map((tag) => ({ postId: idBySlug.get(post.slug)!, tagId: tagIds.get(tag)! })),
      ),
    });
  }
  return posts.map((post) => idBySlug.get(post.slug)!);
}
