import { PothosValidationError } from '@pothos/core';
import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { getNamedType, getNullableType, type GraphQLField, isLeafType, isListType } from 'graphql';
import { LIMITS } from '../editing/limits.js';
import { type ConnectionArgs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.js';

// What a query costs, counted from its shape and variables before it runs. Like GitHub's node
// limit, the cost is the number of records the answer may hold: page sizes multiply down the
// tree. A few fields cost more than the record they belong to; each says why below.

/** The most a query may cost: a page of 100 tags with 100 posts each (10,100) fits twice over. */
export const QUERY_COST_BUDGET = 20_000;

/** The most items any list argument takes, such as the ids of `nodes(ids:)`. */
export const MAX_LIST_ITEMS = 100;

/** Each of `size` records costs 1, and what is asked of each record costs `size` times. */
function records(size: number): FieldComplexityValue {
  return { field: size, multiplier: size };
}

/** A connection page: `first`, `last` or the default size, multiplied into what it holds. */
export function pageCost(args: ConnectionArgs): FieldComplexityValue {
  // Out-of-range sizes are refused by the connection itself, with a message that says so.
  const size = Math.min(Math.max(args.first ?? args.last ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE);
  return records(size);
}

/** One record, such as post(slug) or a post's next. */
export const RECORD_COST: FieldComplexityValue = 1;

/**
 * html, markdown and headings read the post's body, up to 1 MB of Markdown and its HTML, where
 * every other field comes with the row of the listing.
 */
export const BODY_FIELD_COST: FieldComplexityValue = 10;

/** A post's tags count as many as a post may have. */
export const POST_TAGS_COST = records(LIMITS.tagsPerPost);

/** A post's authors count as many as a post may have. */
export const POST_AUTHORS_COST = records(LIMITS.authorsPerPost);

/** An author's social links count as many as an author may have. */
export const SOCIAL_LINKS_COST = records(LIMITS.socialLinks);

/** How many years the archive holds is known only once it is read; it counts as 20. */
export const ARCHIVE_YEARS_COST = records(20);

export const ARCHIVE_MONTHS_COST = records(12);

/** A connection's edges hold the records the connection counted already. */
export const EDGES_COST: FieldComplexityValue = { field: 0, multiplier: 1 };

// Related posts rank up to 800 candidates per post, each scored from its tags (see
// relatedPosts): bounded, but more work than reading a page.
const RELATED_RANKING_COST = 10;

export function relatedCost(first: number): FieldComplexityValue {
  const size = Math.max(first, 0);
  return { field: RELATED_RANKING_COST + size, multiplier: size };
}

/** nodes(ids:) costs a record per id, and takes at most MAX_LIST_ITEMS of them. */
export function nodesCost(ids: readonly unknown[]): FieldComplexityValue {
  if (ids.length > MAX_LIST_ITEMS) throw tooManyIds(ids.length);
  return records(ids.length);
}

/**
 * Fields that declare no cost: a scalar is free (it comes with its record), an object is part
 * of its parent's record, and a list without a size counts as a default page.
 */
export function defaultFieldCost(_args: unknown, _context: unknown, field: Pick<GraphQLField<unknown, unknown>, 'type'>): FieldComplexityValue {
  if (isLeafType(getNamedType(field.type))) return 0;
  if (isListType(getNullableType(field.type))) return records(DEFAULT_PAGE_SIZE);
  return { field: 0, multiplier: 1 };
}

// Thrown while measuring, before any id is looked up; the complexity plugin reports errors of
// this class as refusals of the query.
function tooManyIds(count: number): PothosValidationError {
  return new PothosValidationError(
    `nodes(ids:) takes at most ${MAX_LIST_ITEMS} ids (got ${count}); ask for the rest in further queries`,
    { extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } },
  );
}
