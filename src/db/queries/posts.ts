import { Prisma } from '../generated/prisma/client.js';
import type { PostStatus } from '../generated/prisma/enums.js';
import type { Database } from '../client.js';
import { type KeysetWindow, keysetConditions, keysetOrderBy, type KeysetOrdering } from './keyset.js';
import { postRow, type PostRowWithTags, tagsJson } from './rows.js';
import { ofKind, postsWithStatusSql, publishedPostsSql, scheduledPosts, scheduledPostsOfTag, type Visibility } from './visibility.js';

export type PostOrder = 'NEWEST' | 'OLDEST' | 'RELEVANCE' | 'UPDATED';

/** A validated post filter; every part narrows the list (they combine with AND). */
export interface PostListFilter {
  statuses: readonly PostStatus[];
  /** Posts with this tag (a tag's own post list). */
  tagId?: number;
  /** Tag slugs: at least one of `tagsAny`, every one of `tagsAll`, none of `tagsNone`. */
  tagsAny?: readonly string[];
  tagsAll?: readonly string[];
  tagsNone?: readonly string[];
  /** Posts by this author (an author's own post list). */
  authorId?: number;
  /** Author slugs: posts by at least one of them. */
  authorsAny?: readonly string[];
  /** publishedAt in [publishedFrom, publishedUntil). */
  publishedFrom?: Date;
  publishedUntil?: Date;
  /** A tsquery built by searchQuery() in src/content/search-text.ts. */
  searchQuery?: string;
}

export interface PostListRow extends PostRowWithTags {
  sortAt: Date;
  rank: number | null;
}

export interface PostListRequest {
  visibility: Visibility;
  filter: PostListFilter;
  order: PostOrder;
  window: KeysetWindow;
  /** How many rows to read: one more than the page size. */
  limit: number;
  /** Also count every post the filter matches, in the same statement. */
  withTotal: boolean;
  /** Bring each post's tags along, in the same statement. */
  withTags: boolean;
}

export interface PostPage {
  rows: PostListRow[];
  /** Every post the filter matches; null unless asked for. */
  total: number | null;
}

/**
 * One page of posts in one statement, with the total count when asked for. A search reads its
 * matches once for both: the page is the first rows of the matches, the total their number.
 */
export async function listPosts(db: Database, request: PostListRequest): Promise<PostPage> {
  const { filter, order, window, limit, withTags } = request;
  const source = sourceFor(request.visibility, filter, order);
  const rank = order === 'RELEVANCE' && filter.searchQuery ? rankSql(filter.searchQuery) : null;
  // Searches are not prepared: PostgreSQL plans each for its own terms, narrow or broad.
  const prepare = !filter.searchQuery;

  if (!request.withTotal) {
    const rows = await db.rows<PostListRow>(pageSql(source, rank, order, window, limit, withTags), { prepare });
    return { rows, total: null };
  }
  if (filter.searchQuery) {
    const matches = Prisma.sql`SELECT p.id, ${source.sortAt} AS sort_at, ${rank ?? Prisma.sql`NULL::real`} AS rank
      FROM ${source.from} WHERE ${Prisma.join(source.conditions, ' AND ')}`;
    const page = pageOfMatchesSql(rank !== null, order, window, limit, withTags);
    return withTotalRows(db, Prisma.sql`WITH matches AS MATERIALIZED (${matches})`, Prisma.sql`SELECT count(*) FROM matches`, page, {
      ordering: outerOrdering(order, rank),
      window,
      prepare,
    });
  }
  const total = countsAreKept(filter) ? keptCountSql(request.visibility, tagOf(filter)) : rowCountSql(request.visibility, filter);
  return withTotalRows(db, Prisma.empty, total, pageSql(source, rank, order, window, limit, withTags), {
    ordering: outerOrdering(order, rank),
    window,
    prepare,
  });
}

/**
 * The page `listPosts` reads for a filter with each of `tagIds` as its tag, all in one
 * statement: what a query listing the posts of many tags needs. Searches are not paged this way.
 */
export async function listPostsOfTags(
  db: Database,
  request: Omit<PostListRequest, 'filter'> & { filter: Omit<PostListFilter, 'tagId' | 'searchQuery'>; tagIds: readonly number[] },
): Promise<Map<number, PostPage>> {
  const { visibility, filter, order, window, limit, withTags, withTotal } = request;
  const tag = Prisma.sql`tag.id`;
  const page = pageSql(sourceFor(visibility, filter, order, tag), null, order, window, limit, withTags);
  const total = countsAreKept(filter) ? keptCountSql(visibility, tag) : rowCountSql(visibility, filter, tag);
  const rows = await db.rows<PostListRow & { tagId: number; totalCount: number | null }>(Prisma.sql`
    SELECT tag.id AS "tagId", ${withTotal ? Prisma.sql`(${total})::int` : Prisma.sql`NULL::int`} AS "totalCount", page.*
    FROM unnest(${request.tagIds}::int[]) AS tag(id) LEFT JOIN LATERAL (${page}) page ON true
    ORDER BY tag.id, ${keysetOrderBy(outerOrdering(order, null), window)}`);
  const pages = new Map<number, PostPage>(request.tagIds.map((id) => [id, { rows: [], total: null }]));
  for (const { tagId, totalCount, ...row } of rows) {
    const found = pages.get(tagId)!;
    found.total = totalCount;
    // A tag without posts on this page still has its row, of nulls, to carry its total.
    if (row.id !== null) found.rows.push(row);
  }
  return pages;
}

export async function countPosts(db: Database, visibility: Visibility, filter: PostListFilter): Promise<number> {
  const total = countsAreKept(filter) ? keptCountSql(visibility, tagOf(filter)) : rowCountSql(visibility, filter);
  const [row] = await db.rows<{ count: number }>(Prisma.sql`SELECT (${total})::int AS count`, { prepare: !filter.searchQuery });
  return row?.count ?? 0;
}

// The page is cut from the matches before any post is read: only its posts are.
function pageOfMatchesSql(ranked: boolean, order: PostOrder, window: KeysetWindow, limit: number, withTags: boolean): Prisma.Sql {
  const matches: Source = { from: Prisma.sql`matches m`, sortAt: Prisma.sql`m.sort_at`, id: Prisma.sql`m.id`, conditions: [] };
  const ordering = orderingFor(order, matches, ranked ? Prisma.sql`m.rank` : null);
  const keyset = keysetConditions(ordering, window);
  return Prisma.sql`
    SELECT ${postRow.columns('p')}, m.sort_at AS "sortAt", m.rank
      ${withTags ? Prisma.sql`, ${tagsJson('p')} AS tags` : Prisma.empty}
    FROM (
      SELECT * FROM matches m ${keyset.length ? Prisma.sql`WHERE ${Prisma.join(keyset, ' AND ')}` : Prisma.empty}
      ORDER BY ${keysetOrderBy(ordering, window)} LIMIT ${limit}
    ) m JOIN posts p ON p.id = m.id`;
}

function pageSql(
  source: Source,
  rank: Prisma.Sql | null,
  order: PostOrder,
  window: KeysetWindow,
  limit: number,
  withTags: boolean,
): Prisma.Sql {
  const ordering = orderingFor(order, source, rank);
  const conditions = [...source.conditions, ...keysetConditions(ordering, window)];
  return Prisma.sql`
    SELECT ${postRow.columns('p')}, ${source.sortAt} AS "sortAt", ${rank ?? Prisma.sql`NULL::real`} AS rank
      ${withTags ? Prisma.sql`, ${tagsJson('p')} AS tags` : Prisma.empty}
    FROM ${source.from}
    ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty}
    ORDER BY ${keysetOrderBy(ordering, window)}
    LIMIT ${limit}`;
}

// The same ordering, over the columns a page outputs.
function outerOrdering(order: PostOrder, rank: Prisma.Sql | null): KeysetOrdering {
  const page: Source = { from: Prisma.empty, sortAt: Prisma.sql`page."sortAt"`, id: Prisma.sql`page.id`, conditions: [] };
  return orderingFor(order, page, rank && Prisma.sql`page.rank`);
}

// The page joins the total's single row, so the total arrives even when the page is empty
// (a row of nulls, then); the page keeps its order by sorting on the same keys outside.
async function withTotalRows(
  db: Database,
  prefix: Prisma.Sql,
  total: Prisma.Sql,
  page: Prisma.Sql,
  { ordering, window, prepare }: { ordering: KeysetOrdering; window: KeysetWindow; prepare: boolean },
): Promise<PostPage> {
  const rows = await db.rows<PostListRow & { totalCount: number }>(
    Prisma.sql`${prefix}
    SELECT page.*, (${total})::int AS "totalCount"
    FROM (SELECT 1) one LEFT JOIN LATERAL (${page}) page ON true
    ORDER BY ${keysetOrderBy(ordering, window)}`,
    { prepare },
  );
  const totalCount = rows[0]?.totalCount ?? 0;
  return { rows: rows.filter((row) => row.id !== null).map(({ totalCount: _total, ...row }) => row), total: totalCount };
}

/** The values of a row's sort key, in the order `orderingFor` compares them. */
export function postSortKey(order: PostOrder, row: PostListRow): (Date | number | string)[] {
  return order === 'RELEVANCE' ? [row.rank ?? 0, row.sortAt, row.id] : [row.sortAt, row.id];
}

/** Where a listing reads its posts from, and what its sort key is there. */
interface Source {
  from: Prisma.Sql;
  sortAt: Prisma.Sql;
  id: Prisma.Sql;
  conditions: Prisma.Sql[];
}

function sourceFor(visibility: Visibility, filter: PostListFilter, order: PostOrder, tag = tagOf(filter)): Source {
  if (tag !== undefined && (order === 'NEWEST' || order === 'OLDEST') && isPublishedOnly(filter)) {
    // A tag's published posts, newest or oldest first, come straight off the post_tags index
    // (which carries each post's status and publishedAt); only the page's posts are read.
    // post_tags holds posts only: pages cannot have tags.
    return {
      from: Prisma.sql`post_tags pt JOIN posts p ON p.id = pt.post_id`,
      sortAt: Prisma.sql`pt.published_at`,
      id: Prisma.sql`pt.post_id`,
      conditions: [Prisma.sql`pt.tag_id = ${tag}`, publishedPostsSql(visibility, 'pt'), ...narrowing(filter)],
    };
  }
  return {
    from: Prisma.sql`posts p`,
    sortAt: order === 'UPDATED' ? Prisma.sql`p.updated_at` : sortAtSql(filter.statuses),
    id: Prisma.sql`p.id`,
    conditions: [postsWithStatusSql(visibility, filter.statuses), ofKind('POST'), ...narrowing(filter, tag)],
  };
}

/** The filter's tag, as SQL: a parameter, or for a statement that pages many tags, their column. */
function tagOf(filter: PostListFilter): Prisma.Sql | undefined {
  return filter.tagId === undefined ? undefined : Prisma.sql`${filter.tagId}`;
}

// Drafts never published have no publishedAt; lists that include them place them by creation.
function sortAtSql(statuses: readonly PostStatus[]): Prisma.Sql {
  return statuses.includes('DRAFT') ? Prisma.sql`COALESCE(p.published_at, p.created_at)` : Prisma.sql`p.published_at`;
}

function rankSql(searchQuery: string): Prisma.Sql {
  return Prisma.sql`ts_rank(p.search_vector, ${searchQuery}::tsquery)`;
}

// Ties in publishedAt are broken by id, so every post has one place and cursors stay stable.
function orderingFor(order: PostOrder, source: Source, rank: Prisma.Sql | null): KeysetOrdering {
  if (order === 'OLDEST') return { columns: [source.sortAt, source.id], direction: 'ASC' };
  if (order === 'RELEVANCE' && rank) return { columns: [rank, source.sortAt, source.id], direction: 'DESC' };
  return { columns: [source.sortAt, source.id], direction: 'DESC' };
}

function isPublishedOnly(filter: PostListFilter): boolean {
  return filter.statuses.length === 1 && filter.statuses[0] === 'PUBLISHED';
}

/** Whether the count is one the database keeps (all published posts, or a tag's). */
function countsAreKept(filter: PostListFilter): boolean {
  return (
    isPublishedOnly(filter) &&
    !filter.tagsAny?.length &&
    !filter.tagsAll?.length &&
    !filter.tagsNone?.length &&
    filter.authorId === undefined &&
    !filter.authorsAny?.length &&
    !filter.publishedFrom &&
    !filter.publishedUntil &&
    !filter.searchQuery
  );
}

// The kept counts include scheduled posts, which a reader without a token does not see yet.
function keptCountSql(visibility: Visibility, tag: Prisma.Sql | undefined): Prisma.Sql {
  if (tag === undefined) {
    return Prisma.sql`SELECT (s.published_posts - ${scheduledPosts(visibility)})::int AS count FROM post_statistics s`;
  }
  return Prisma.sql`SELECT (t.published_post_count - ${scheduledPostsOfTag(visibility)})::int AS count FROM tags t WHERE t.id = ${tag}`;
}

function rowCountSql(visibility: Visibility, filter: PostListFilter, tag = tagOf(filter)): Prisma.Sql {
  const conditions = [postsWithStatusSql(visibility, filter.statuses), ofKind('POST'), ...narrowing(filter, tag)];
  return Prisma.sql`SELECT count(*)::int AS count FROM posts p WHERE ${Prisma.join(conditions, ' AND ')}`;
}

/** The conditions on `p` besides its status: its tag (`tag`, when given), tag slugs, authors, dates and search. */
function narrowing(filter: PostListFilter, tag?: Prisma.Sql): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (tag !== undefined) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = ${tag})`);
  }
  if (filter.tagsAny?.length) conditions.push(Prisma.sql`EXISTS (${postTagsWithSlugs(filter.tagsAny)})`);
  for (const slug of filter.tagsAll ?? []) conditions.push(Prisma.sql`EXISTS (${postTagsWithSlugs([slug])})`);
  if (filter.tagsNone?.length) conditions.push(Prisma.sql`NOT EXISTS (${postTagsWithSlugs(filter.tagsNone)})`);
  if (filter.authorId !== undefined) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM post_authors pa WHERE pa.post_id = p.id AND pa.author_id = ${filter.authorId})`);
  }
  if (filter.authorsAny?.length) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM post_authors pa JOIN authors a ON a.id = pa.author_id
      WHERE pa.post_id = p.id AND a.slug = ANY(${filter.authorsAny}::text[]))`);
  }
  if (filter.publishedFrom) conditions.push(Prisma.sql`p.published_at >= ${filter.publishedFrom}`);
  if (filter.publishedUntil) conditions.push(Prisma.sql`p.published_at < ${filter.publishedUntil}`);
  if (filter.searchQuery) conditions.push(Prisma.sql`p.search_vector @@ ${filter.searchQuery}::tsquery`);
  return conditions;
}

function postTagsWithSlugs(slugs: readonly string[]): Prisma.Sql {
  const match = slugs.length === 1 ? Prisma.sql`t.slug = ${slugs[0]}` : Prisma.sql`t.slug = ANY(${slugs})`;
  return Prisma.sql`SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND ${match}`;
}
