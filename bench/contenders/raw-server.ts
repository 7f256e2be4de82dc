// The raw reference: each benchmark query answered by one hand-written statement in which
// PostgreSQL builds the whole JSON response, written to the socket as it comes. No GraphQL, no
// objects in between: the practical upper bound for any API layer over this database.
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { type ContenderOptions, type ListeningServer, servePool } from './listen.js';

// Folio's rules, written once: what an anonymous reader sees, and the order lists use.
const VISIBLE = (alias: string) => `${alias}.status = 'PUBLISHED' AND ${alias}.published_at <= now()`;
const TAG_JSON = `json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY t.name COLLATE "C", t.id)`;
const TAG_ID = `(SELECT t.id FROM tags t WHERE t.slug = $1)`;

// The counts the database keeps (by trigger) include scheduled posts; those still to come are
// taken off, as a short index range.
const VISIBLE_POSTS = `(SELECT s.published_posts FROM post_statistics s)
  - (SELECT count(*) FROM posts p WHERE p.status = 'PUBLISHED' AND p.published_at > now())`;
const VISIBLE_TAG_POSTS = `(SELECT t.published_post_count FROM tags t WHERE t.slug = $1)
  - (SELECT count(*) FROM post_tags pt WHERE pt.tag_id = ${TAG_ID} AND pt.status = 'PUBLISHED' AND pt.published_at > now())`;

/**
 * A page of 20 posts with their tags, and a count: { totalCount, posts: [{ title, excerpt,
 * publishedAt, tags }] }. `page` selects the posts' id, title, excerpt and published_at in order;
 * their tags come from one join for all 20 rather than a subquery per post.
 */
function postListSql(page: string, count: string): string {
  return `
    WITH page AS (${page}), page_tags AS (
      SELECT pt.post_id, ${TAG_JSON} AS tags
      FROM page JOIN post_tags pt ON pt.post_id = page.id JOIN tags t ON t.id = pt.tag_id
      GROUP BY pt.post_id
    )
    SELECT json_build_object(
      'totalCount', (${count}),
      'posts', COALESCE(json_agg(json_build_object(
        'title', page.title, 'excerpt', page.excerpt, 'publishedAt', page.published_at,
        'tags', COALESCE(page_tags.tags, '[]')
      ) ORDER BY page.published_at DESC, page.id DESC), '[]')
    )::text AS body
    FROM page LEFT JOIN page_tags ON page_tags.post_id = page.id`;
}

/** The 20 newest visible posts that also meet `condition`. */
const newestPosts = (condition = 'true') => `
  SELECT p.id, p.title, p.excerpt, p.published_at FROM posts p
  WHERE ${VISIBLE('p')} AND ${condition}
  ORDER BY p.published_at DESC, p.id DESC
  LIMIT 20`;

// A tag's newest posts straight off the post_tags index, which carries each post's status and
// publishedAt; only the page's posts are read from posts.
const NEWEST_TAG_POSTS = `
  SELECT p.id, p.title, p.excerpt, p.published_at
  FROM post_tags pt JOIN posts p ON p.id = pt.post_id
  WHERE pt.tag_id = ${TAG_ID} AND ${VISIBLE('pt')}
  ORDER BY pt.published_at DESC, pt.post_id DESC
  LIMIT 20`;

const LINK = (alias: string) => `json_build_object('title', ${alias}.title, 'slug', ${alias}.slug)`;

// Related posts as src/db/queries/relations.ts ranks them: the candidates are the newest
// visible posts of each of the post's 10 rarest tags, 400 for the rarest and half as many for
// each next one (at least 5), scored by the summed weight of every tag they share with it (a
// rarer tag weighs more); only the five chosen are read from posts.
const RELATED = (source: string) => `
  WITH mine AS (
    SELECT pt.tag_id,
      round(ln(1 + (SELECT greatest(published_posts, 1) FROM post_statistics)::numeric / greatest(t.published_post_count, 1)), 9) AS weight,
      row_number() OVER (ORDER BY t.published_post_count, t.id) AS rarity
    FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = ${source}
  ), candidates AS (
    SELECT DISTINCT recent.post_id, recent.published_at
    FROM mine CROSS JOIN LATERAL (
      SELECT c.post_id, c.published_at FROM post_tags c
      WHERE c.tag_id = mine.tag_id AND ${VISIBLE('c')}
      ORDER BY c.published_at DESC, c.post_id DESC
      LIMIT greatest(5, 400 >> (mine.rarity::int - 1))
    ) recent
    WHERE mine.rarity <= 10 AND recent.post_id <> ${source}
  ), best AS (
    -- Scored one candidate at a time from its own tags: joined as a whole, PostgreSQL would read
    -- every post of the post's tags (418k post_tags rows for the 1M dataset's Q5 post).
    SELECT c.post_id, c.published_at, shared.score
    FROM candidates c CROSS JOIN LATERAL (
      SELECT sum(mine.weight) AS score FROM post_tags theirs JOIN mine ON mine.tag_id = theirs.tag_id WHERE theirs.post_id = c.post_id
    ) shared
    ORDER BY shared.score DESC, c.published_at DESC, c.post_id DESC
    LIMIT 5
  )
  SELECT COALESCE(json_agg(${LINK('r')} ORDER BY best.score DESC, best.published_at DESC, best.post_id DESC), '[]')
  FROM best JOIN posts r ON r.id = best.post_id`;

// A post page, with neighbours and related posts as src/db/queries/relations.ts defines them.
const POST_PAGE_SQL = `
  SELECT json_build_object(
    'title', p.title, 'slug', p.slug, 'publishedAt', p.published_at, 'html', p.html, 'headings', p.headings,
    'tags', (SELECT COALESCE(${TAG_JSON}, '[]') FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id),
    'previous', (SELECT ${LINK('n')} FROM posts n
                 WHERE ${VISIBLE('n')} AND (n.published_at, n.id) < (p.published_at, p.id)
                 ORDER BY n.published_at DESC, n.id DESC LIMIT 1),
    'next', (SELECT ${LINK('n')} FROM posts n
             WHERE ${VISIBLE('n')} AND (n.published_at, n.id) > (p.published_at, p.id)
             ORDER BY n.published_at ASC, n.id ASC LIMIT 1),
    'related', (${RELATED('p.id')})
  )::text AS body
  FROM posts p WHERE p.slug = $1 AND ${VISIBLE('p')}`;

interface Route {
  sql: string;
  /** The statement's parameters from the request's JSON body. */
  values(body: Record<string, unknown>): unknown[];
}

/** POST /<route> with a JSON body; the routes and their bodies are what bench/queries.ts sends. */
export const RAW_ROUTES = {
  '/posts': { sql: postListSql(newestPosts(), VISIBLE_POSTS), values: () => [] },
  '/tag-posts': { sql: postListSql(NEWEST_TAG_POSTS, VISIBLE_TAG_POSTS), values: (body) => [body.tag] },
  '/posts-after': {
    sql: postListSql(newestPosts('(p.published_at, p.id) < ($1::timestamptz, $2::int)'), VISIBLE_POSTS),
    values: (body) => [body.publishedAt, body.id],
  },
  '/search': {
    sql: postListSql(
      newestPosts('p.search_vector @@ $1::tsquery'),
      `SELECT count(*) FROM posts p WHERE ${VISIBLE('p')} AND p.search_vector @@ $1::tsquery`,
    ),
    values: (body) => [body.tsquery],
  },
  '/post': { sql: POST_PAGE_SQL, values: (body) => [body.slug] },
} satisfies Record<string, Route>;

export type RawRoute = keyof typeof RAW_ROUTES;

export function startRawServer(options: ContenderOptions): Promise<ListeningServer> {
  return servePool(options, (pool) => ({
    listener: (request, response) => {
      answer(pool, request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error instanceof Error ? error.message : String(error));
      });
    },
  }));
}

async function answer(pool: pg.Pool, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = request.url ?? '';
  if (request.method !== 'POST' || !Object.hasOwn(RAW_ROUTES, path)) {
    response.writeHead(404).end();
    return;
  }
  const route: Route = RAW_ROUTES[path as RawRoute];
  const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
  // Named, so each connection parses and plans a route's statement once, as Folio's are.
  const result = await pool.query<{ body: string }>({ name: path, text: route.sql, values: route.values(body) });
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(result.rows[0]?.body ?? 'null');
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
