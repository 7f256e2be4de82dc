import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { neighbourSql } from './relations.js';
import { type PostBody, postBody, type PostRow, postRow, postRowFromJson, type TagRow, tagRow, tagsJson } from './rows.js';
import type { ContentKind } from '../generated/prisma/enums.js';
import { ofKind, type Visibility, visiblePostSql, visibleTagsSql } from './visibility.js';

// Posts and tags by their key, for post(slug), tag(slug) and node(id). A token holder may fetch
// any post or tag; everyone else only published posts whose time has come, and their tags.

/** What a post page shows beside its post, brought along in the same statement when asked for. */
export interface PostPageParts {
  tags: boolean;
  neighbours: boolean;
}

export type ContentBySlug = PostRow & PostBody & { tags?: TagRow[]; previous?: PostRow | null; next?: PostRow | null };

/**
 * A post page's post (or a page's, by `kind`), its body included, since a post page shows it.
 * A former slug finds it too: the row carries its current slug, for the frontend to redirect to.
 * A post page's tags and neighbours come along when asked for: one statement instead of three.
 */
export async function contentBySlug(
  db: Database,
  visibility: Visibility,
  kind: ContentKind,
  slug: string,
  parts: PostPageParts = { tags: false, neighbours: false },
): Promise<ContentBySlug | null> {
  const neighbour = (side: 'previous' | 'next') =>
    Prisma.sql`, (SELECT to_json(n) FROM (${neighbourSql(visibility, side, 'p')}) n) AS ${Prisma.raw(side)}`;
  // Both keys are unique and never shared (editing/slug-history.ts): at most one row matches.
  const [row] = await db.rows<ContentBySlug>(Prisma.sql`
    SELECT ${postRow.columns('p')}, ${postBody.columns('p')}
      ${parts.tags ? Prisma.sql`, ${tagsJson('p')} AS tags` : Prisma.empty}
      ${parts.neighbours ? Prisma.sql`${neighbour('previous')} ${neighbour('next')}` : Prisma.empty}
    FROM posts p
    WHERE p.id = (SELECT id FROM posts WHERE slug = ${slug} UNION ALL SELECT post_id FROM post_slugs WHERE slug = ${slug} LIMIT 1)
      AND ${ofKind(kind)} AND ${visiblePostSql(visibility)}`);
  if (!row) return null;
  if (!parts.neighbours) return row;
  return { ...row, previous: postRowFromJson(row.previous), next: postRowFromJson(row.next) };
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
