import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { type PostBody, postBody, type PostRow, postRow, type TagRow, tagRow } from './rows.js';
import { type Visibility, visiblePostSql, visibleTagsSql } from './visibility.js';

// Posts and tags by their key, for post(slug), tag(slug) and node(id). A token holder may fetch
// any post or tag; everyone else only published posts whose time has come, and their tags.

/** A post page's post, its body included, since a post page shows it. */
export async function postBySlug(db: Database, visibility: Visibility, slug: string): Promise<(PostRow & PostBody) | null> {
  const [row] = await db.rows<PostRow & PostBody>(Prisma.sql`
    SELECT ${postRow.columns('p')}, ${postBody.columns('p')}
    FROM posts p WHERE p.slug = ${slug} AND ${visiblePostSql(visibility)}`);
  return row ?? null;
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
