// The queries' parameters, found in the data at the start of a run, and a few facts about the
// data for the report.
import pg from 'pg';
import { searchQuery } from '../src/content/search-text.js';
import { tupleCursor } from '../src/schema/cursor.js';
import { type BenchParameters, SEARCH_WORDS } from './queries.js';

/** How far into the newest-first list Q3's page starts (less when there are fewer posts). */
export const DEEP_POSITION = 50_000;
/** How many posts Q6 crawls at most: more than a run requests at 100,000 posts and up. */
export const CRAWL_SAMPLE = 100_000;

export interface DataFacts {
  visiblePosts: number;
  tags: number;
  postTags: number;
  popularTagPosts: number;
  searchMatches: Record<'zh' | 'en', number>;
}

const VISIBLE = `p.status = 'PUBLISHED' AND p.published_at <= now()`;

export async function findParameters(databaseUrl: string): Promise<{ parameters: BenchParameters; facts: DataFacts }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async <Row>(text: string, values: unknown[] = []): Promise<Row> => {
      const { rows } = await client.query(text, values);
      if (!rows[0]) throw new Error(`The bench database has no data for: ${text.trim().split('\n')[0]}`);
      return rows[0] as Row;
    };
    const counts = await one<{ posts: number; tags: number; links: number }>(`
      SELECT (SELECT count(*)::int FROM posts p WHERE ${VISIBLE}) AS posts,
             (SELECT count(*)::int FROM tags) AS tags,
             (SELECT count(*)::int FROM post_tags) AS links`);
    const popular = await one<{ id: number; slug: string; posts: number }>(`
      SELECT t.id, t.slug, count(*)::int AS posts
      FROM tags t JOIN post_tags pt ON pt.tag_id = t.id JOIN posts p ON p.id = pt.post_id
      WHERE ${VISIBLE}
      GROUP BY t.id ORDER BY count(*) DESC, t.slug LIMIT 1`);
    const position = Math.min(DEEP_POSITION, Math.floor(counts.posts / 2));
    const deep = await one<{ publishedAt: Date; id: number }>(
      `SELECT p.published_at AS "publishedAt", p.id FROM posts p WHERE ${VISIBLE}
       ORDER BY p.published_at DESC, p.id DESC OFFSET $1 LIMIT 1`,
      [position - 1],
    );
    // The second newest post with the popular tag and at least three tags: it has neighbours on
    // both sides, and thousands of posts share a tag with it.
    const post = await one<{ slug: string }>(
      `SELECT p.slug FROM posts p
       WHERE ${VISIBLE} AND p.id IN (SELECT post_id FROM post_tags WHERE tag_id = $1)
         AND (SELECT count(*) FROM post_tags mine WHERE mine.post_id = p.id) >= 3
       ORDER BY p.published_at DESC, p.id DESC OFFSET 1 LIMIT 1`,
      [popular.id],
    );
    // A fixed shuffle: the same posts in the same order on every run and for every server.
    const crawl = await client.query<{ slug: string }>(
      `SELECT p.slug FROM posts p WHERE ${VISIBLE} ORDER BY md5('crawl' || p.id), p.id LIMIT $1`,
      [CRAWL_SAMPLE],
    );
    const searches = {
      zh: searchFor(SEARCH_WORDS.zh),
      en: searchFor(SEARCH_WORDS.en),
    };
    const matches = async (tsquery: string) =>
      (await one<{ count: number }>(`SELECT count(*)::int AS count FROM posts p WHERE ${VISIBLE} AND p.search_vector @@ $1::tsquery`, [tsquery]))
        .count;
    return {
      parameters: {
        popularTag: popular.slug,
        deepPage: {
          position,
          publishedAt: deep.publishedAt,
          id: deep.id,
          folioCursor: tupleCursor('NEWEST', ['date', 'int']).encode([deep.publishedAt, deep.id]),
          postgraphileCursor: postgraphileCursor(deep.publishedAt, deep.id),
        },
        searches,
        postSlug: post.slug,
        crawlSlugs: crawl.rows.map((row) => row.slug),
      },
      facts: {
        visiblePosts: counts.posts,
        tags: counts.tags,
        postTags: counts.links,
        popularTagPosts: popular.posts,
        searchMatches: { zh: await matches(searches.zh.tsquery), en: await matches(searches.en.tsquery) },
      },
    };
  } finally {
    await client.end();
  }
}

function searchFor(text: string): { text: string; tsquery: string } {
  const tsquery = searchQuery(text);
  if (!tsquery) throw new Error(`searchQuery("${text}") found nothing to search for`);
  return { text, tsquery };
}

// PostGraphile v4's cursor for a connection ordered by [PUBLISHED_AT_DESC, ID_DESC]: the order's
// names, then the row's values of those columns (graphile-build-pg, queryFromResolveDataFactory).
// The run's equality check confirms that it lands where Folio's cursor does.
function postgraphileCursor(publishedAt: Date, id: number): string {
  return Buffer.from(JSON.stringify(['published_at_desc', 'id_desc', [publishedAt.toISOString(), id]])).toString('base64');
}
