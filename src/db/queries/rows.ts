import { Prisma } from '../generated/prisma/client.js';
import type { Post, Tag } from '../generated/prisma/client.js';

/**
 * A post as lists and relations load it: every column but the large ones (markdown, html,
 * headings), which a page of 20 posts rarely needs and which load separately when asked for.
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
  | 'createdAt'
  | 'updatedAt'
>;

export type PostBody = Pick<Post, 'id' | 'markdown' | 'html' | 'headings'>;

export type TagRow = Pick<Tag, 'id' | 'slug' | 'name' | 'description' | 'createdAt' | 'updatedAt'>;

/** The select list for a PostRow, aliased to the model's field names. */
export function postRowColumns(alias = 'p'): Prisma.Sql {
  const a = alias;
  return Prisma.raw(
    `${a}.id, ${a}.slug, ${a}.title, ${a}.summary, ${a}.excerpt, ${a}.word_count AS "wordCount", ` +
      `${a}.reading_minutes AS "readingMinutes", ${a}.status, ${a}.published_at AS "publishedAt", ` +
      `${a}.created_at AS "createdAt", ${a}.updated_at AS "updatedAt"`,
  );
}

export function tagRowColumns(alias = 't'): Prisma.Sql {
  const a = alias;
  return Prisma.raw(
    `${a}.id, ${a}.slug, ${a}.name, ${a}.description, ${a}.created_at AS "createdAt", ${a}.updated_at AS "updatedAt"`,
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
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.PostSelect;

export const tagRowSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.TagSelect;
