import type { PostState } from '../../auth/roles.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Author } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { type KeysetWindow, keysetConditions, keysetOrderBy, type KeysetOrdering } from './keyset.js';
import { type RowOf, rowShape } from './row-shape.js';
import { publishedPostsSql, type Visibility } from './visibility.js';

// Authors are public profiles: every reader sees every author, as bylines show them.

export const authorRow = rowShape<Author>()({
  id: 'id',
  slug: 'slug',
  name: 'name',
  bio: 'bio',
  avatarImageId: 'avatar_image_id',
  website: 'website',
  socialLinks: 'social_links',
});
export type AuthorRow = RowOf<Author, typeof authorRow>;

export type PostAuthorRow = AuthorRow & { postId: number };

export async function authorBySlug(db: Database, slug: string): Promise<AuthorRow | null> {
  const [row] = await db.rows<AuthorRow>(Prisma.sql`SELECT ${authorRow.columns('a')} FROM authors a WHERE a.slug = ${slug}`);
  return row ?? null;
}

export function authorsByIds(db: Database, ids: readonly number[]): Promise<AuthorRow[]> {
  return db.rows<AuthorRow>(Prisma.sql`SELECT ${authorRow.columns('a')} FROM authors a WHERE a.id = ANY(${ids}::int[])`);
}

/** The authors of each post, in byline order. */
export function authorsOfPosts(db: Database, postIds: readonly number[]): Promise<PostAuthorRow[]> {
  return db.rows<PostAuthorRow>(Prisma.sql`
    SELECT pa.post_id AS "postId", ${authorRow.columns('a')}
    FROM post_authors pa JOIN authors a ON a.id = pa.author_id
    WHERE pa.post_id = ANY(${postIds}::int[])
    ORDER BY pa.post_id, pa.position`);
}

/** How many published posts (not pages) each author is on, as this reader sees them. */
export function publishedPostCountsOfAuthors(
  db: Database,
  visibility: Visibility,
  authorIds: readonly number[],
): Promise<{ authorId: number; count: number }[]> {
  return db.rows(Prisma.sql`
    SELECT pa.author_id AS "authorId", count(*)::int AS count
    FROM post_authors pa JOIN posts p ON p.id = pa.post_id
    WHERE pa.author_id = ANY(${authorIds}::int[]) AND ${publishedPostsSql(visibility)} AND p.kind = 'POST'
    GROUP BY pa.author_id`);
}

// By name, byte-wise (COLLATE "C") so the order is the same on every PostgreSQL; ties by id.
const byName: KeysetOrdering = { columns: [Prisma.sql`a.name COLLATE "C"`, Prisma.sql`a.id`], direction: 'ASC' };

export function listAuthors(db: Database, request: { window: KeysetWindow; limit: number }): Promise<AuthorRow[]> {
  const conditions = keysetConditions(byName, request.window);
  return db.rows<AuthorRow>(Prisma.sql`
    SELECT ${authorRow.columns('a')} FROM authors a
    ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty}
    ORDER BY ${keysetOrderBy(byName, request.window)}
    LIMIT ${request.limit}`);
}

export function authorSortKey(row: AuthorRow): (string | number)[] {
  return [row.name, row.id];
}

export async function countAuthors(db: Database): Promise<number> {
  const [row] = await db.rows<{ count: number }>(Prisma.sql`SELECT count(*)::int AS count FROM authors`);
  return row?.count ?? 0;
}

/** What a role check needs of a post: its authors and whether it is published; null when there is no such post. */
export async function postAccessState(db: Database, postId: number): Promise<PostState | null> {
  const [row] = await db.rows<PostState>(Prisma.sql`
    SELECT p.status = 'PUBLISHED' AS published, p.kind,
      ARRAY(SELECT pa.author_id FROM post_authors pa WHERE pa.post_id = p.id ORDER BY pa.position) AS "authorIds"
    FROM posts p WHERE p.id = ${postId}`);
  return row ?? null;
}

/** The ids of authors with these slugs, by slug. */
export async function authorIdsBySlug(db: Database, slugs: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.rows<{ id: number; slug: string }>(Prisma.sql`SELECT a.id, a.slug FROM authors a WHERE a.slug = ANY(${slugs}::text[])`);
  return new Map(rows.map((row) => [row.slug, row.id]));
}
