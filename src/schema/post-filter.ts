import { SEARCH_LIMITS, searchQuery } from '../content/search-text.js';
import { zonedMonthStart } from '../content/time-zone.js';
import type { PostListFilter, PostOrder } from '../db/queries/posts.js';
import type { PostStatus } from '../db/generated/prisma/enums.js';
import type { RequestContext } from '../request/context.js';
import { builder } from './builder.js';
import { badUserInput, ClientError } from '../request/errors.js';

const MAX_TAGS_PER_MATCH = 20;
const MAX_AUTHORS_PER_FILTER = 20;

export const PostStatusEnum = builder.enumType('PostStatus', {
  description: 'PUBLISHED with a publishedAt in the future means scheduled.',
  values: ['DRAFT', 'PUBLISHED'] as const,
});

export const PostOrderEnum = builder.enumType('PostOrder', {
  values: {
    NEWEST: { description: 'Newest publishedAt first; ties broken by id.' },
    OLDEST: { description: 'Oldest publishedAt first; ties broken by id.' },
    RELEVANCE: { description: 'Best search match first, then newest. Only together with filter.search.' },
    UPDATED: { description: 'Most recently updated first (updatedAt); ties broken by id.' },
  } as const,
});

export const TagMatch = builder.inputType('TagMatch', {
  description: 'Tag slugs. The three lists combine with AND; an empty or missing list places no condition.',
  fields: (t) => ({
    any: t.stringList({ required: false, description: 'The post has at least one of these tags.' }),
    all: t.stringList({ required: false, description: 'The post has every one of these tags.' }),
    none: t.stringList({ required: false, description: 'The post has none of these tags.' }),
  }),
});

export const PostFilter = builder.inputType('PostFilter', {
  fields: (t) => ({
    tags: t.field({ type: TagMatch, required: false }),
    authors: t.stringList({ required: false, description: 'Author slugs: posts by at least one of them. Empty or missing: no condition.' }),
    publishedAfter: t.field({ type: 'DateTime', required: false, description: 'Inclusive: publishedAt >= publishedAfter.' }),
    publishedBefore: t.field({ type: 'DateTime', required: false, description: 'Exclusive: publishedAt < publishedBefore.' }),
    year: t.int({ required: false, description: 'Calendar year of publishedAt in the site’s time zone (site.timeZone), as the archive counts it.' }),
    month: t.int({ required: false, description: '1-12; only together with year.' }),
    search: t.string({
      required: false,
      description: `Words in the title or body, all of which must match; Chinese text matches as a character sequence. At most ${SEARCH_LIMITS.maxQueryLength} characters.`,
    }),
    status: t.field({
      type: [PostStatusEnum],
      required: false,
      description: 'Authenticated requests only. Defaults to [PUBLISHED].',
    }),
  }),
});

export type PostFilterInput = typeof PostFilter.$inferInput;

/**
 * Checks a filter from the API and turns it into the query layer's terms. `timeZone` (the
 * site's) places filter.year and filter.month.
 */
export function postListFilter(
  input: PostFilterInput | null | undefined,
  order: PostOrder,
  context: RequestContext,
  timeZone = 'UTC',
): PostListFilter {
  const filter: PostListFilter = { statuses: statusesFrom(input?.status, context) };
  if (input?.tags) Object.assign(filter, tagMatchFrom(input.tags));
  if (input?.authors?.length) filter.authorsAny = authorSlugsFrom(input.authors);
  Object.assign(filter, publishedRangeFrom(input ?? {}, timeZone));
  // A blank search box means no search, not an error.
  if (input?.search?.trim()) filter.searchQuery = searchQueryFrom(input.search);
  if (order === 'RELEVANCE' && !filter.searchQuery) {
    throw badUserInput('orderBy', 'orderBy: RELEVANCE needs filter.search; use NEWEST or OLDEST without a search');
  }
  return filter;
}

/** The statuses a list asks for (`argument` names where): PUBLISHED by default; others take a token. */
export function statusesFrom(statuses: readonly PostStatus[] | null | undefined, context: RequestContext, argument = 'filter.status'): PostStatus[] {
  if (statuses == null) return ['PUBLISHED'];
  if (context.viewer.kind !== 'token') {
    throw new ClientError('FORBIDDEN', `${argument} is only for authenticated requests; send an Authorization: Bearer <token> header or leave it out`);
  }
  if (statuses.length === 0) throw badUserInput(argument, `${argument} must name at least one status, e.g. [DRAFT]`);
  return [...new Set(statuses)];
}

function tagMatchFrom(match: NonNullable<PostFilterInput['tags']>): Partial<PostListFilter> {
  const slugs = (name: 'any' | 'all' | 'none') => {
    const list = match[name] ?? [];
    if (list.length > MAX_TAGS_PER_MATCH) {
      throw badUserInput(`filter.tags.${name}`, `filter.tags.${name} takes at most ${MAX_TAGS_PER_MATCH} tag slugs (got ${list.length})`);
    }
    return [...new Set(list.map((slug) => slug.trim().toLowerCase()))];
  };
  return { tagsAny: slugs('any'), tagsAll: slugs('all'), tagsNone: slugs('none') };
}

function authorSlugsFrom(slugs: readonly string[]): string[] {
  if (slugs.length > MAX_AUTHORS_PER_FILTER) {
    throw badUserInput('filter.authors', `filter.authors takes at most ${MAX_AUTHORS_PER_FILTER} author slugs (got ${slugs.length})`);
  }
  return [...new Set(slugs.map((slug) => slug.trim().toLowerCase()))];
}

function publishedRangeFrom(
  input: Pick<PostFilterInput, 'publishedAfter' | 'publishedBefore' | 'year' | 'month'>,
  timeZone: string,
): Partial<PostListFilter> {
  const range: Partial<PostListFilter> = {};
  if (input.publishedAfter) range.publishedFrom = input.publishedAfter;
  if (input.publishedBefore) range.publishedUntil = input.publishedBefore;
  if (input.month != null && input.year == null) {
    throw badUserInput('filter.month', 'filter.month needs filter.year as well, e.g. { year: 2024, month: 5 }');
  }
  if (input.year != null) {
    const { from, until } = calendarRange(input.year, input.month ?? null, timeZone);
    range.publishedFrom = latest(range.publishedFrom, from);
    range.publishedUntil = earliest(range.publishedUntil, until);
  }
  return range;
}

/**
 * The instants that bound a calendar year, or one month of it, in `timeZone`: a range of
 * publishedAt that the (status, published_at) index serves as it is.
 */
export function calendarRange(year: number, month: number | null, timeZone: string): { from: Date; until: Date } {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw badUserInput('filter.year', `filter.year must be a year from 1 to 9999 (got ${year})`);
  }
  if (month === null) return { from: zonedMonthStart(year, 1, timeZone), until: zonedMonthStart(year + 1, 1, timeZone) };
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw badUserInput('filter.month', `filter.month must be from 1 to 12 (got ${month})`);
  }
  return { from: zonedMonthStart(year, month, timeZone), until: zonedMonthStart(year, month + 1, timeZone) };
}

function latest(a: Date | undefined, b: Date): Date {
  return a && a > b ? a : b;
}

function earliest(a: Date | undefined, b: Date): Date {
  return a && a < b ? a : b;
}

function searchQueryFrom(search: string): string {
  if (search.length > SEARCH_LIMITS.maxQueryLength) {
    throw badUserInput('filter.search', `filter.search is limited to ${SEARCH_LIMITS.maxQueryLength} characters (got ${search.length})`);
  }
  const query = searchQuery(search);
  if (!query) throw badUserInput('filter.search', 'filter.search needs at least one word: letters, digits or Chinese characters');
  return query;
}
