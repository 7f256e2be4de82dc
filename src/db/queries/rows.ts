import { Prisma } from '../generated/prisma/client.js';
import type { Post, Tag } from '../generated/prisma/client.js';
import { type RowOf, rowShape } from './row-shape.js';

/**
 * A post as lists and relations load it: what the API shows of it, but for the large columns
 * (markdown, html, headings), which a page of 20 posts rarely needs and which load separately
 * when asked for.
 */
export const postRow = rowShape<Post>()({
  id: 'id',
  slug: 'slug',
  title: 'title',
  summary: 'summary',
  excerpt: 'excerpt',
  wordCount: 'word_count',
  readingMinutes: 'reading_minutes',
  status: 'status',
  publishedAt: 'published_at',
  updatedAt: 'updated_at',
  kind: 'kind',
  coverImageId: 'cover_image_id',
  seoTitle: 'seo_title',
  seoDescription: 'seo_description',
  canonicalUrl: 'canonical_url',
  socialImageId: 'social_image_id',
  noIndex: 'no_index',
});
export type PostRow = RowOf<Post, typeof postRow>;

/** A PostRow that came nested in JSON (`postRow.json`), where its dates are strings. */
export function postRowFromJson(row: PostRow | null | undefined): PostRow | null {
  if (!row) return null;
  return { ...row, publishedAt: row.publishedAt && new Date(row.publishedAt), updatedAt: new Date(row.updatedAt) };
}

/** The large columns of a post, loaded only when asked for. */
export const postBody = rowShape<Post>()({ id: 'id', markdown: 'markdown', html: 'html', headings: 'headings' });
export type PostBody = RowOf<Post, typeof postBody>;

export const tagRow = rowShape<Tag>()({ id: 'id', slug: 'slug', name: 'name', description: 'description' });
export type TagRow = RowOf<Tag, typeof tagRow>;

/** A post from a listing that brought its tags along (as `tagsJson` builds them). */
export type PostRowWithTags = PostRow & { tags?: TagRow[] };

/**
 * The post's tags as a JSON array of TagRows, ordered by name, for a statement that lists posts
 * `p`. Each tag is fetched by its key: joined as a set, the planner reads all of tags for every
 * post on the page. (LIMIT 1, a no-op on a primary key, keeps the planner from merging the
 * lookup back into such a join.)
 */
export function tagsJson(alias = 'p'): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce(json_agg(${tagRow.json('t')} ORDER BY t.name COLLATE "C", t.id), '[]') FROM post_tags pt_tags
    CROSS JOIN LATERAL (SELECT * FROM tags WHERE tags.id = pt_tags.tag_id LIMIT 1) t WHERE pt_tags.post_id = ${Prisma.raw(alias)}.id)`;
}
