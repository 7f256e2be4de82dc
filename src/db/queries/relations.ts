import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { type PostBody, postBody, type PostRow, postRow, type TagRow, tagRow } from './rows.js';
import { ofKind, publishedPostsSql, scheduledPostsOfTag, type Visibility } from './visibility.js';

// Batched loads behind the per-request DataLoaders: each takes the keys of a whole level of a
// query and answers with one statement, so the statement count does not grow with page size.

export type PostTagRow = TagRow & { postId: number };

/** The tags of each post, ordered by name. */
export function tagsOfPosts(db: Database, postIds: readonly number[]): Promise<PostTagRow[]> {
  return db.rows<PostTagRow>(Prisma.sql`
    SELECT pt.post_id AS "postId", ${tagRow.columns('t')}
    FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
    WHERE pt.post_id = ANY(${postIds}::int[])
    ORDER BY t.name COLLATE "C", t.id`);
}

export function postBodies(db: Database, postIds: readonly number[]): Promise<PostBody[]> {
  return db.rows<PostBody>(Prisma.sql`
    SELECT ${postBody.columns('p')} FROM posts p WHERE p.id = ANY(${postIds}::int[])`);
}

/** How many published posts each tag has: the kept count, less posts still scheduled. */
export function publishedPostCounts(
  db: Database,
  visibility: Visibility,
  tagIds: readonly number[],
): Promise<{ tagId: number; count: number }[]> {
  return db.rows(Prisma.sql`
    SELECT t.id AS "tagId", (t.published_post_count - ${scheduledPostsOfTag(visibility)})::int AS count
    FROM tags t WHERE t.id = ANY(${tagIds}::int[])`);
}

export type Neighbour = PostRow & { sourceId: number; side: 'previous' | 'next' };

/**
 * For each post, the published post just older (previous) and just newer (next) in the
 * (publishedAt, id) order that lists use. Posts that are not published have neither.
 */
export function neighbours(db: Database, visibility: Visibility, postIds: readonly number[]): Promise<Neighbour[]> {
  const published = publishedPostsSql(visibility);
  const side = (name: 'previous' | 'next') => {
    const [operator, direction] = name === 'previous' ? ['<', 'DESC'] : ['>', 'ASC'];
    return Prisma.sql`
      SELECT s.id AS "sourceId", ${Prisma.raw(`'${name}'`)} AS side, n.*
      FROM posts s CROSS JOIN LATERAL (
        SELECT ${postRow.columns('p')} FROM posts p
        WHERE ${published} AND ${ofKind('POST')} AND (p.published_at, p.id) ${Prisma.raw(operator)} (s.published_at, s.id)
        ORDER BY p.published_at ${Prisma.raw(direction)}, p.id ${Prisma.raw(direction)}
        LIMIT 1
      ) n
      WHERE s.id = ANY(${postIds}::int[]) AND s.status = 'PUBLISHED' AND ${ofKind('POST', 's')}`;
  };
  return db.rows<Neighbour>(Prisma.sql`${side('previous')} UNION ALL ${side('next')}`);
}

export type RelatedRow = PostRow & { sourceId: number };

/**
 * For each post, up to `limit` published posts sharing the most tags with it, newest first on
 * ties. The shared tags are counted in post_tags alone (it carries each post's status and
 * publishedAt), so only the chosen posts are read from posts.
 */
export function relatedPosts(
  db: Database,
  visibility: Visibility,
  postIds: readonly number[],
  limit: number,
): Promise<RelatedRow[]> {
  return db.rows<RelatedRow>(Prisma.sql`
    SELECT s.id AS "sourceId", ${postRow.columns('p')}
    FROM unnest(${postIds}::int[]) AS s(id) CROSS JOIN LATERAL (
      SELECT theirs.post_id, count(*) AS shared, theirs.published_at
      FROM post_tags mine
      JOIN post_tags theirs ON theirs.tag_id = mine.tag_id AND theirs.post_id <> mine.post_id
      WHERE mine.post_id = s.id AND ${publishedPostsSql(visibility, 'theirs')}
      GROUP BY theirs.post_id, theirs.published_at
      ORDER BY shared DESC, theirs.published_at DESC, theirs.post_id DESC
      LIMIT ${limit}
    ) best
    JOIN posts p ON p.id = best.post_id
    ORDER BY s.id, best.shared DESC, best.published_at DESC, best.post_id DESC`);
}
