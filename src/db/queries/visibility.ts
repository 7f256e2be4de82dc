import { Prisma } from '../generated/prisma/client.js';
import type { ContentKind, PostStatus } from '../generated/prisma/enums.js';

/**
 * What one request may see. Anonymous readers see published posts whose publishedAt has come;
 * authenticated ones also see scheduled posts, and drafts when they ask for them by status. A
 * preview reads as an anonymous reader, except that it may fetch its one post by key, as it is now.
 *
 * This module is the only place that knows these rules. Every condition takes the alias of a row
 * that carries `status` and `published_at` (posts, or post_tags, which copies both), and compares
 * with the request's clock, never the database's, so that one request sees one instant.
 *
 * Pages (posts of kind PAGE) are not posts to readers: every listing, count, neighbour and lookup
 * by slug of posts takes `ofKind('POST')`, and `page(slug)` and `pages` take `ofKind('PAGE')`.
 * Conditions on post_tags need no kind: pages cannot have tags (editing/posts.ts refuses them),
 * and the kept count of published posts counts POSTs only (the pages_not_counted migration).
 */
export interface Visibility {
  authenticated: boolean;
  /** The request's clock: every visibility check of one request uses the same instant. */
  now: Date;
  /** The post or page a preview token shows, whatever its status; null without one. */
  previewPostId: number | null;
}

/** What a reader without a token sees at `now`: feeds and sitemaps see the site so. */
export function anonymousVisibility(now: Date): Visibility {
  return { authenticated: false, now, previewPostId: null };
}

/** Rows of `posts` aliased `alias` of this kind. */
export function ofKind(kind: ContentKind, alias = 'p'): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(alias)}.kind = ${kind}::"ContentKind"`;
}

/** Published, and its time has come. */
function dueSql(alias: string, now: Date): Prisma.Sql {
  const post = Prisma.raw(alias);
  return Prisma.sql`${post}.status = 'PUBLISHED' AND ${post}.published_at <= ${now}`;
}

/** Published, but its time is still to come: a scheduled post. */
export function scheduledSql(alias: string, now: Date): Prisma.Sql {
  const post = Prisma.raw(alias);
  return Prisma.sql`${post}.status = 'PUBLISHED' AND ${post}.published_at > ${now}`;
}

/** The posts that count as published for this viewer: what lists, counts and neighbours use. */
export function publishedPostsSql(visibility: Visibility, alias = 'p'): Prisma.Sql {
  if (visibility.authenticated) return Prisma.sql`${Prisma.raw(alias)}.status = 'PUBLISHED'`;
  return dueSql(alias, visibility.now);
}

/** The posts this viewer may fetch by key (slug or id): any post with a token; a preview's post too. */
export function visiblePostSql(visibility: Visibility, alias = 'p'): Prisma.Sql {
  if (visibility.authenticated) return Prisma.sql`TRUE`;
  if (visibility.previewPostId === null) return dueSql(alias, visibility.now);
  return Prisma.sql`((${dueSql(alias, visibility.now)}) OR ${Prisma.raw(alias)}.id = ${visibility.previewPostId})`;
}

/**
 * The tags this viewer may see: every tag with a token; otherwise only tags with a post the
 * reader can see, so a tag used only by drafts or scheduled posts does not give them away.
 */
export function visibleTagsSql(visibility: Visibility, alias = 't'): Prisma.Sql {
  if (visibility.authenticated) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (
    SELECT 1 FROM post_tags seen
    WHERE seen.tag_id = ${Prisma.raw(alias)}.id AND ${dueSql('seen', visibility.now)})`;
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
  return Prisma.sql`(SELECT count(*) FROM posts future WHERE ${scheduledSql('future', visibility.now)} AND ${ofKind('POST', 'future')})`;
}

/** For a tag `t`, the published posts a reader cannot see yet. */
export function scheduledPostsOfTag(visibility: Visibility): Prisma.Sql {
  if (visibility.authenticated) return Prisma.sql`0`;
  return Prisma.sql`(SELECT count(*) FROM post_tags future WHERE future.tag_id = t.id AND ${scheduledSql('future', visibility.now)})`;
}

/** `visiblePostSql` in Prisma's terms, for a post that Prisma loads by key. */
export function visiblePostWhere(visibility: Visibility): Prisma.PostWhereInput {
  if (visibility.authenticated) return {};
  const due: Prisma.PostWhereInput = { status: 'PUBLISHED', publishedAt: { lte: visibility.now } };
  return visibility.previewPostId === null ? due : { OR: [due, { id: visibility.previewPostId }] };
}
