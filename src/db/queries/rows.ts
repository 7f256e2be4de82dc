import { Prisma } from '../generated/prisma/client.js';
import type { Post, Tag } from '../generated/prisma/client.js';

/**
 * A post as lists and relations load it: what the API shows of it, but for the large columns
 * (markdown, html, headings), which a page of 20 posts rarely needs and which load separately
 * when asked for.
 */
export type PostRow = Pick<
  Post,
  | 'id'
  | 'slug'
  | 'title'
  | 'summary'
  | 'excerpt'
  | 'wordCount'
  | 'readingMinutes'
  | 'status'
  | 'publishedAt'
  | 'updatedAt'
>;

export type PostBody = Pick<Post, 'id' | 'markdown' | 'html' | 'headings'>;

export type TagRow = Pick<Tag, 'id' | 'slug' | 'name' | 'description'>;

/** A post from a listing that brought its tags along (as `tagsJson` builds them). */
export type PostRowWithTags = PostRow & { tags?: TagRow[] };

/** The select list for a PostRow, aliased to the model's field names. */
export function postRowColumns(alias = 'p'): Prisma.Sql {
  const a = alias;
  return Prisma.raw(
    `${a}.id, ${a}.slug, ${a}.title, ${a}.summary, ${a}.excerpt, ${a}.word_count AS "wordCount", ` +
      `${a}.reading_minutes AS "readingMinutes", ${a}.status, ${a}.published_at AS "publishedAt", ` +
      `${a}.updated_at AS "updatedAt"`,
  );
}

export function tagRowColumns(alias = 't'): Prisma.Sql {
  const a = alias;
  return Prisma.raw(
    `${a}.id, ${a}.slug, ${a}.name, ${a}.description`,
  );
}

/**
 * The post's tags as a JSON array of TagRows, ordered by name, for a statement that lists posts
 * `p`. Each tag is fetched by its key: joined as a set, the planner reads all of tags for every
 * post on the page. (LIMIT 1, a no-op on a primary key, keeps the planner from merging the
 * lookup back into such a join.)
 */
export function tagsJson(alias = 'p'): Prisma.Sql {
  return Prisma.raw(
    `(SELECT coalesce(json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'description', t.description) ` +
      `ORDER BY t.name COLLATE "C", t.id), '[]') FROM post_tags pt_tags ` +
      `CROSS JOIN LATERAL (SELECT * FROM tags WHERE tags.id = pt_tags.tag_id LIMIT 1) t WHERE pt_tags.post_id = ${alias}.id)`,
  );
}

/** The Prisma `select` that loads the same fields as `postRowColumns`. */
export const postRowSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  excerpt: true,
  wordCount: true,
  readingMinutes: true,
  status: true,
  publishedAt: true,
  updatedAt: true,
} as const satisfies Prisma.PostSelect;

export const tagRowSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
} as const satisfies Prisma.TagSelect;
