-- What PostGraphile needs to serve Folio's reading API over the same tables: the visibility
-- rule and the orderings Folio applies in code become SQL functions. The root fields live in a
-- schema of their own; computed columns (Post.previous, Tag.visiblePosts, ...) must live in
-- their table's schema in PostGraphile v4, so those few are in public, named <table>_<field>.
-- Every function is LANGUAGE sql, STABLE and not STRICT, so PostgreSQL inlines the set-returning
-- ones into PostGraphile's query and the indexes serve them as they serve a plain SELECT;
-- @sortable gives a connection PostGraphile's orderBy, and with it keyset cursors.
CREATE SCHEMA IF NOT EXISTS bench_graphile;

-- Anonymous readers see published posts whose publishedAt has come (as in Folio).
CREATE OR REPLACE FUNCTION bench_graphile.visible_posts() RETURNS SETOF public.posts
LANGUAGE sql STABLE AS $$
  SELECT * FROM public.posts p WHERE p.status = 'PUBLISHED' AND p.published_at <= now()
$$;
COMMENT ON FUNCTION bench_graphile.visible_posts() IS '@sortable';

-- Tag.visiblePosts: a tag page.
CREATE OR REPLACE FUNCTION public.tags_visible_posts(t public.tags) RETURNS SETOF public.posts
LANGUAGE sql STABLE AS $$
  SELECT p.* FROM public.posts p
  WHERE p.status = 'PUBLISHED' AND p.published_at <= now()
    AND p.id IN (SELECT pt.post_id FROM public.post_tags pt WHERE pt.tag_id = t.id)
$$;
COMMENT ON FUNCTION public.tags_visible_posts(public.tags) IS '@sortable';

-- Query.searchPosts: `query` is the tsquery text Folio's searchQuery() builds.
CREATE OR REPLACE FUNCTION bench_graphile.search_posts(query text) RETURNS SETOF public.posts
LANGUAGE sql STABLE AS $$
  SELECT * FROM public.posts p
  WHERE p.status = 'PUBLISHED' AND p.published_at <= now() AND p.search_vector @@ query::tsquery
$$;
COMMENT ON FUNCTION bench_graphile.search_posts(text) IS '@sortable';

-- Query.visiblePost: a post page; postBySlug (generated from the unique index) would show drafts.
CREATE OR REPLACE FUNCTION bench_graphile.visible_post(slug text) RETURNS public.posts
LANGUAGE sql STABLE AS $$
  SELECT * FROM public.posts p
  WHERE p.slug = visible_post.slug AND p.status = 'PUBLISHED' AND p.published_at <= now()
$$;

-- Post.previous and Post.next: the neighbours in the (publishedAt, id) order that lists use.
CREATE OR REPLACE FUNCTION public.posts_previous(s public.posts) RETURNS public.posts
LANGUAGE sql STABLE AS $$
  SELECT * FROM public.posts p
  WHERE p.status = 'PUBLISHED' AND p.published_at <= now() AND (p.published_at, p.id) < (s.published_at, s.id)
  ORDER BY p.published_at DESC, p.id DESC
  LIMIT 1
$$;

CREATE OR REPLACE FUNCTION public.posts_next(s public.posts) RETURNS public.posts
LANGUAGE sql STABLE AS $$
  SELECT * FROM public.posts p
  WHERE p.status = 'PUBLISHED' AND p.published_at <= now() AND (p.published_at, p.id) > (s.published_at, s.id)
  ORDER BY p.published_at ASC, p.id ASC
  LIMIT 1
$$;

-- Post.related(n): Folio's ranking (src/db/queries/relations.ts). The candidates are the newest
-- visible posts of each of the post's 10 rarest tags, 400 for the rarest and half as many for
-- each next one (at least n), scored by the summed weight of
-- every tag they share with it, a rarer tag weighing more (ln(1 + posts / the tag's posts)),
-- then newest, never the post itself; cut to n before any row is read from posts: `first` on
-- the connection would cut only after the function had read every candidate.
CREATE OR REPLACE FUNCTION public.posts_related(s public.posts, n int) RETURNS SETOF public.posts
LANGUAGE sql STABLE AS $$
  WITH mine AS (
    SELECT pt.tag_id,
      round(ln(1 + (SELECT greatest(published_posts, 1) FROM public.post_statistics)::numeric / greatest(t.published_post_count, 1)), 9) AS weight,
      row_number() OVER (ORDER BY t.published_post_count, t.id) AS rarity
    FROM public.post_tags pt JOIN public.tags t ON t.id = pt.tag_id WHERE pt.post_id = s.id
  ), candidates AS (
    SELECT DISTINCT recent.post_id, recent.published_at
    FROM mine CROSS JOIN LATERAL (
      SELECT c.post_id, c.published_at FROM public.post_tags c
      WHERE c.tag_id = mine.tag_id AND c.status = 'PUBLISHED' AND c.published_at <= now()
      ORDER BY c.published_at DESC, c.post_id DESC
      LIMIT greatest(n, 400 >> (mine.rarity::int - 1))
    ) recent
    WHERE mine.rarity <= 10 AND recent.post_id <> s.id
  ), best AS (
    SELECT c.post_id, c.published_at, sum(mine.weight) AS score
    FROM candidates c JOIN public.post_tags theirs ON theirs.post_id = c.post_id JOIN mine ON mine.tag_id = theirs.tag_id
    GROUP BY c.post_id, c.published_at
    ORDER BY score DESC, c.published_at DESC, c.post_id DESC
    LIMIT n
  )
  SELECT p.* FROM best JOIN public.posts p ON p.id = best.post_id
  ORDER BY best.score DESC, best.published_at DESC, best.post_id DESC
$$;
