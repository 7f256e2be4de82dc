import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { type PostBody, postBody, type PostRow, postRow, type TagRow, tagRow } from './rows.js';
import type { ContentKind } from '../generated/prisma/enums.js';
import { ofKind, type Visibility, visiblePostSql, visibleTagsSql } from './visibility.js';

// Posts and tags by their key, for post(slug), tag(slug) and node(id). A token holder may fetch
// any post or tag; everyone else only published posts whose time has come, and their tags.

/**
 * A post page's post (or a page's, by `kind`), its body included, since a post page shows it.
 * A former slug finds it too: the row carries its current slug, for the frontend to redirect to.
 */
export async function contentBySlug(
  db: Database,
  visibility: Visibility,
  kind: ContentKind,
  slug: string,
): Promise<(PostRow & PostBody) | null> {
  // Both keys are unique and never shared (editing/slug-history.ts): at most one row matches.
  const [row] = await db.rows<PostRow & PostBody>(Prisma.sql`
    SELECT ${postRow.columns('p')}, ${postBody.columns('p')}
    FROM posts p
    WHERE p.id = (SELECT id FROM posts WHERE slug = ${slug} UNION ALL SELECT post_id FROM post_slugs WHERE slug = ${slug} LIMIT 1)
      AND ${ofKind(kind)} AND ${visiblePostSql(visibility)}`);
  return row ?? null;
}

/** The former slugs of each post, oldest first. */
export function formerSlugsOf(db: Database, postIds: readonly number[]): Promise<{ postId: number; slug: string }[]> {
  return db.rows(Prisma.sql`
    SELECT post_id AS "postId", slug FROM post_slugs WHERE post_id = ANY(${postIds}::int[]) ORDER BY retired_at, slug`);
}

export function postsByIds(db: Database, visibility: Visibility, ids: readonly number[]): Promise<PostRow[]> {
  return db.rows<PostRow>(Prisma.sql`
    SELECT ${postRow.columns('p')} FROM posts p WHERE p.id = ANY(${ids}::int[]) AND ${visiblePostSql(visibility)}`);
}

export async function tagBySlug(db: Database, visibility: Visibility, slug: string): Promise<TagRow | null> {
  const [row] = await db.rows<TagRow>(Prisma.sql`
    SELECT ${tagRow.columns('t')} FROM tags t WHERE t.slug = ${slug} AND ${visibleTagsSql(visibility)}`);
  return row ?? null;
}

export function tagsByIds(db: Database, visibility: Visibility, ids: readonly number[]): Promise<TagRow[]> {
  return db.rows<TagRow>(Prisma.sql`
    SELECT ${tagRow.columns('t')} FROM tags t WHERE t.id = ANY(${ids}::int[]) AND ${visibleTagsSql(visibility)}`);
}
