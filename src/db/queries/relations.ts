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
  const side = (name: 'previous' | 'next') => Prisma.sql`
      SELECT s.id AS "sourceId", ${Prisma.raw(`'${name}'`)} AS side, n.*
      FROM posts s CROSS JOIN LATERAL (${neighbourSql(visibility, name, 's')}) n
      WHERE s.id = ANY(${postIds}::int[])`;
  return db.rows<Neighbour>(Prisma.sql`${side('previous')} UNION ALL ${side('next')}`);
}

/** The neighbour on `side` of the post `source` (a row of posts), as a PostRow; none unless it is a published post. */
export function neighbourSql(visibility: Visibility, side: 'previous' | 'next', source: string): Prisma.Sql {
  const [operator, direction] = side === 'previous' ? ['<', 'DESC'] : ['>', 'ASC'];
  const s = Prisma.raw(source);
  return Prisma.sql`
    SELECT ${postRow.columns('n')} FROM posts n
    WHERE ${publishedPostsSql(visibility, 'n')} AND ${ofKind('POST', 'n')}
      AND (n.published_at, n.id) ${Prisma.raw(operator)} (${s}.published_at, ${s}.id)
      AND ${s}.status = 'PUBLISHED' AND ${ofKind('POST', source)}
    ORDER BY n.published_at ${Prisma.raw(direction)}, n.id ${Prisma.raw(direction)}
    LIMIT 1`;
}

export type RelatedRow = PostRow & { sourceId: number };

/**
 * How many of its rarest tag's newest visible posts are candidates for a post's related posts;
 * each next tag, more common, gives half as many (but never fewer than the posts asked for). The
 * rarest tag gets the most because what it shares weighs most: the best matches usually share
 * it. This bounds the work for one post, whatever the size of the site. Chosen by measurement
 * against the exact ranking (bench/related-quality.ts, bench/RESULTS.md).
 */
export const RECENT_POSTS_OF_RAREST_TAG = 400;

/** A post with more tags than this draws candidates from its rarest ones only. */
export const CANDIDATE_TAGS_PER_POST = 10;

/**
 * Each post's tags, rarest first, with how much sharing each counts: the rarer the tag on the
 * site, the more (inverse document frequency, ln(1 + published posts / the tag's published
 * posts), from the kept counters). Rounded, so that a sum is the same whatever order its terms
 * come in, and ties stay ties.
 */
export function sourceTagsSql(postIds: readonly number[]): Prisma.Sql {
  return Prisma.sql`
    SELECT pt.post_id AS source_id,
      array_agg(pt.tag_id ORDER BY t.published_post_count, t.id) AS tag_ids,
      array_agg(round(ln(1 + (SELECT greatest(published_posts, 1) FROM post_statistics)::numeric / greatest(t.published_post_count, 1)), 9)
        ORDER BY t.published_post_count, t.id) AS weights
    FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
    WHERE pt.post_id = ANY(${postIds}::int[])
    GROUP BY pt.post_id`;
}

/**
 * For each post, up to `limit` published posts ranked by the summed weight of the tags they share
 * with it (a rarer tag weighs more), then newest; never the post itself.
 *
 * Bounded cost: the candidates are the newest visible posts of each of the post's tags (its
 * CANDIDATE_TAGS_PER_POST rarest), `recentOfRarest` for the rarest and half as many for each next
 * one, read from the post_tags (tag, status, publishedAt) index: at most 2 × `recentOfRarest` +
 * CANDIDATE_TAGS_PER_POST × `limit` rows. Each candidate is then scored exactly, over every tag it
 * shares, from its post_tags rows by primary key. An older post that shares more but is in no
 * tag's window is missed: the approximation is measured in bench/RESULTS.md.
 */
export function relatedPosts(
  db: Database,
  visibility: Visibility,
  postIds: readonly number[],
  limit: number,
  recentOfRarest = RECENT_POSTS_OF_RAREST_TAG,
): Promise<RelatedRow[]> {
  return db.rows<RelatedRow>(Prisma.sql`
    WITH sources AS (${sourceTagsSql(postIds)}),
    candidates AS (
      SELECT DISTINCT s.source_id, recent.post_id, recent.published_at
      FROM sources s
      CROSS JOIN LATERAL unnest(s.tag_ids[1:${Prisma.raw(String(CANDIDATE_TAGS_PER_POST))}]) WITH ORDINALITY AS mine(tag_id, rarity)
      CROSS JOIN LATERAL (
        SELECT c.post_id, c.published_at FROM post_tags c
        WHERE c.tag_id = mine.tag_id AND ${publishedPostsSql(visibility, 'c')}
        ORDER BY c.published_at DESC, c.post_id DESC
        LIMIT greatest(${limit}, ${Prisma.raw(String(recentOfRarest))} >> (mine.rarity::int - 1))
      ) recent
      WHERE recent.post_id <> s.source_id
    ),
    -- Each candidate's tags in one read of the primary key; the position of a tag among the
    -- post's finds its weight (a condition no index can serve, so the read stays one range).
    shared AS (
      SELECT c.source_id, c.post_id, c.published_at, s.weights[array_position(s.tag_ids, theirs.tag_id)] AS weight
      FROM candidates c
      JOIN sources s ON s.source_id = c.source_id
      JOIN post_tags theirs ON theirs.post_id = c.post_id
      WHERE array_position(s.tag_ids, theirs.tag_id) IS NOT NULL
    ),
    ranked AS (
      SELECT source_id, post_id, row_number() OVER (
        PARTITION BY source_id ORDER BY sum(weight) DESC, published_at DESC, post_id DESC) AS place
      FROM shared
      GROUP BY source_id, post_id, published_at
    )
    SELECT r.source_id AS "sourceId", ${postRow.columns('p')}
    FROM ranked r JOIN posts p ON p.id = r.post_id
    WHERE r.place <= ${limit} AND ${ofKind('POST')}
    ORDER BY r.source_id, r.place`);
}
