import { Prisma } from '../generated/prisma/client.js';
import type { PostStatus } from '../generated/prisma/enums.js';

/**
 * What one request may see. Anonymous readers see published posts whose publishedAt has come;
 * authenticated ones also see scheduled posts, and drafts when they ask for them by status.
 */
export interface Visibility {
  authenticated: boolean;
  /** The request's clock: every visibility check of one request uses the same instant. */
  now: Date;
}

/** The posts that count as published for this viewer: what lists, counts and neighbours use. */
export function publishedPostsSql(visibility: Visibility, alias = 'p'): Prisma.Sql {
  const post = Prisma.raw(alias);
  if (visibility.authenticated) return Prisma.sql`${post}.status = 'PUBLISHED'`;
  return Prisma.sql`${post}.status = 'PUBLISHED' AND ${post}.published_at <= ${visibility.now}`;
}

/**
 * The tags this viewer may see: every tag with a token; otherwise only tags with a post the
 * reader can see, so a tag used only by drafts or scheduled posts does not give them away.
 */
export function visibleTagsSql(visibility: Visibility, alias = 't'): Prisma.Sql {
  if (visibility.authenticated) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (
    SELECT 1 FROM post_tags seen
    WHERE seen.tag_id = ${Prisma.raw(alias)}.id AND seen.status = 'PUBLISHED' AND seen.published_at <= ${visibility.now})`;
}

/** The posts with any of `statuses` that this viewer may see. */
export function postsWithStatusSql(visibility: Visibility, statuses: readonly PostStatus[], alias = 'p'): Prisma.Sql {
  if (statuses.length === 1 && statuses[0] === 'PUBLISHED') return publishedPostsSql(visibility, alias);
  return Prisma.sql`${Prisma.raw(alias)}.status = ANY(${statuses}::"PostStatus"[])`;
}

// The kept counts of published posts (see the published_counts migration) include scheduled
// ones. For a reader without a token these count what is still to come, to take off: a short
// range of the (status, published_at) indexes.

/** Published posts a reader cannot see yet. */
export function scheduledPosts(visibility: Visibility): Prisma.Sql {
  if (visibility.authenticated) return Prisma.sql`0`;
  return Prisma.sql`(SELECT count(*) FROM posts future WHERE future.status = 'PUBLISHED' AND future.published_at > ${visibility.now})`;
}

/** For a tag `t`, the published posts a reader cannot see yet. */
export function scheduledPostsOfTag(visibility: Visibility): Prisma.Sql {
  if (visibility.authenticated) return Prisma.sql`0`;
  return Prisma.sql`(SELECT count(*) FROM post_tags future WHERE future.tag_id = t.id AND future.status = 'PUBLISHED' AND future.published_at > ${visibility.now})`;
}
