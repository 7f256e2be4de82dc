import { Prisma } from '../generated/prisma/client.js';
import type { PostStatus } from '../generated/prisma/enums.js';
import type { Database } from '../client.js';
import { type KeysetWindow, keysetConditions, keysetOrderBy, type KeysetOrdering } from './keyset.js';
import { type PostRow, postRowColumns } from './rows.js';
import { postsWithStatusSql, type Visibility } from './visibility.js';

export type PostOrder = 'NEWEST' | 'OLDEST' | 'RELEVANCE';

/** A validated post filter; every part narrows the list (they combine with AND). */
export interface PostListFilter {
  statuses: readonly PostStatus[];
  /** Posts with this tag (a tag's own post list). */
  tagId?: number;
  /** Tag slugs: at least one of `tagsAny`, every one of `tagsAll`, none of `tagsNone`. */
  tagsAny?: readonly string[];
  tagsAll?: readonly string[];
  tagsNone?: readonly string[];
  /** publishedAt in [publishedFrom, publishedUntil). */
  publishedFrom?: Date;
  publishedUntil?: Date;
  /** A tsquery built by searchQuery() in src/content/search-text.ts. */
  searchQuery?: string;
}

export interface PostListRow extends PostRow {
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
}

export async function listPosts(db: Database, request: PostListRequest): Promise<PostListRow[]> {
  const { filter, order, window } = request;
  const sortAt = sortAtSql(filter.statuses);
  const rank = order === 'RELEVANCE' && filter.searchQuery ? rankSql(filter.searchQuery) : null;
  const ordering = orderingFor(order, sortAt, rank);
  const conditions = [...filterConditions(request.visibility, filter), ...keysetConditions(ordering, window)];
  return db.rows<PostListRow>(Prisma.sql`
    SELECT ${postRowColumns('p')}, ${sortAt} AS "sortAt", ${rank ?? Prisma.sql`NULL::real`} AS rank
    FROM posts p
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY ${keysetOrderBy(ordering, window)}
    LIMIT ${request.limit}`);
}

export async function countPosts(db: Database, visibility: Visibility, filter: PostListFilter): Promise<number> {
  const [row] = await db.rows<{ count: number }>(Prisma.sql`
    SELECT count(*)::int AS count FROM posts p WHERE ${Prisma.join(filterConditions(visibility, filter), ' AND ')}`);
  return row?.count ?? 0;
}

/** The values of a row's sort key, in the order `orderingFor` compares them. */
export function postSortKey(order: PostOrder, row: PostListRow): (Date | number | string)[] {
  return order === 'RELEVANCE' ? [row.rank ?? 0, row.sortAt, row.id] : [row.sortAt, row.id];
}

// Drafts never published have no publishedAt; lists that include them place them by creation.
function sortAtSql(statuses: readonly PostStatus[]): Prisma.Sql {
  return statuses.includes('DRAFT') ? Prisma.sql`COALESCE(p.published_at, p.created_at)` : Prisma.sql`p.published_at`;
}

function rankSql(searchQuery: string): Prisma.Sql {
  return Prisma.sql`ts_rank(p.search_vector, ${searchQuery}::tsquery)`;
}

// Ties in publishedAt are broken by id, so every post has one place and cursors stay stable.
function orderingFor(order: PostOrder, sortAt: Prisma.Sql, rank: Prisma.Sql | null): KeysetOrdering {
  const id = Prisma.sql`p.id`;
  if (order === 'OLDEST') return { columns: [sortAt, id], direction: 'ASC' };
  if (order === 'RELEVANCE' && rank) return { columns: [rank, sortAt, id], direction: 'DESC' };
  return { columns: [sortAt, id], direction: 'DESC' };
}

function filterConditions(visibility: Visibility, filter: PostListFilter): Prisma.Sql[] {
  const conditions = [postsWithStatusSql(visibility, filter.statuses)];
  if (filter.tagId !== undefined) {
    conditions.push(Prisma.sql`p.id IN (SELECT pt.post_id FROM post_tags pt WHERE pt.tag_id = ${filter.tagId})`);
  }
  if (filter.tagsAny?.length) conditions.push(Prisma.sql`EXISTS (${postTagsWithSlugs(filter.tagsAny)})`);
  for (const slug of filter.tagsAll ?? []) conditions.push(Prisma.sql`EXISTS (${postTagsWithSlugs([slug])})`);
  if (filter.tagsNone?.length) conditions.push(Prisma.sql`NOT EXISTS (${postTagsWithSlugs(filter.tagsNone)})`);
  if (filter.publishedFrom) conditions.push(Prisma.sql`p.published_at >= ${filter.publishedFrom}`);
  if (filter.publishedUntil) conditions.push(Prisma.sql`p.published_at < ${filter.publishedUntil}`);
  if (filter.searchQuery) conditions.push(Prisma.sql`p.search_vector @@ ${filter.searchQuery}::tsquery`);
  return conditions;
}

function postTagsWithSlugs(slugs: readonly string[]): Prisma.Sql {
  const match = slugs.length === 1 ? Prisma.sql`t.slug = ${slugs[0]}` : Prisma.sql`t.slug = ANY(${slugs})`;
  return Prisma.sql`SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND ${match}`;
}
