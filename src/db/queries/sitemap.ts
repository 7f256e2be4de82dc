import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { ofKind, publishedPostsSql, type Visibility } from './visibility.js';

export type SitemapKind = 'post' | 'page' | 'tag' | 'author';

/** One address of the sitemap: what it shows, and when that last changed. */
export interface SitemapEntry {
  kind: SitemapKind;
  slug: string;
  lastmod: Date;
}

/**
 * Everything a reader can reach, in one order (posts, pages, tags, authors, each by id), so that
 * the sitemap's pages cut it the same way every time. Posts and pages marked noIndex stay out; a
 * tag or an author is there while it has a post the reader can see, and changed when its newest
 * post appeared.
 */
function entriesSql(visibility: Visibility): Prisma.Sql {
  const published = publishedPostsSql(visibility);
  return Prisma.sql`
    SELECT 1 AS rank, 'post' AS kind, p.id, p.slug, GREATEST(p.updated_at, p.published_at) AS lastmod
    FROM posts p WHERE ${published} AND ${ofKind('POST')} AND NOT p.no_index
    UNION ALL
    SELECT 2, 'page', p.id, p.slug, GREATEST(p.updated_at, p.published_at)
    FROM posts p WHERE ${published} AND ${ofKind('PAGE')} AND NOT p.no_index
    UNION ALL
    SELECT 3, 'tag', t.id, t.slug, GREATEST(t.updated_at, newest.at)
    FROM tags t CROSS JOIN LATERAL (
      SELECT max(pt.published_at) AS at FROM post_tags pt WHERE pt.tag_id = t.id AND ${publishedPostsSql(visibility, 'pt')}
    ) newest
    WHERE newest.at IS NOT NULL
    UNION ALL
    SELECT 4, 'author', a.id, a.slug, GREATEST(a.updated_at, newest.at)
    FROM authors a CROSS JOIN LATERAL (
      SELECT max(p.published_at) AS at FROM post_authors pa JOIN posts p ON p.id = pa.post_id
      WHERE pa.author_id = a.id AND ${published} AND ${ofKind('POST')}
    ) newest
    WHERE newest.at IS NOT NULL`;
}

export async function countSitemapEntries(db: Database, visibility: Visibility): Promise<number> {
  const [row] = await db.rows<{ count: number }>(Prisma.sql`SELECT count(*)::int AS count FROM (${entriesSql(visibility)}) entries`);
  return row?.count ?? 0;
}

/** `limit` entries from `offset` on, in the sitemap's order. */
export function sitemapEntries(db: Database, visibility: Visibility, offset: number, limit: number): Promise<SitemapEntry[]> {
  return db.rows<SitemapEntry>(Prisma.sql`
    SELECT entries.kind, entries.slug, entries.lastmod FROM (${entriesSql(visibility)}) entries
    ORDER BY entries.rank, entries.id
    OFFSET ${offset} LIMIT ${limit}`);
}
