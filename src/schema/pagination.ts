import type { CursorFormat, CursorKey } from './cursor.js';
import { badUserInput } from '../request/errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * A keyset page: up to `size` rows strictly between the `after` and `before` keys, taken from
 * the start of that range, or from its end when `fromEnd` (paging backward with `last`).
 */
export interface PageWindow {
  size: number;
  fromEnd: boolean;
  after: CursorKey | null;
  before: CursorKey | null;
}

export function pageWindow(args: ConnectionArgs, cursor: CursorFormat): PageWindow {
  const { first, last } = args;
  if (first != null && last != null) {
    throw badUserInput('first', 'Pass either `first` (page forward) or `last` (page backward), not both');
  }
  checkPageSize('first', first);
  checkPageSize('last', last);
  return {
    size: first ?? last ?? DEFAULT_PAGE_SIZE,
    fromEnd: last != null,
    after: args.after == null ? null : cursor.decode(args.after, 'after'),
    before: args.before == null ? null : cursor.decode(args.before, 'before'),
  };
}

function checkPageSize(argument: 'first' | 'last', value: number | null | undefined): void {
  if (value == null) return;
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(argument, `\`${argument}\` must be between 0 and ${MAX_PAGE_SIZE} (got ${value}); page through larger lists with cursors`);
  }
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Builds the connection from rows fetched in the window's reading direction, one more than the
 * page size so that the extra row tells whether more lie beyond the page.
 */
export function connectionFromRows<Row>(
  rows: Row[],
  window: PageWindow,
  cursor: CursorFormat,
  keyOf: (row: Row) => CursorKey,
): Connection<Row> {
  const hasMore = rows.length > window.size;
  const page = rows.slice(0, window.size);
  if (window.fromEnd) page.reverse();
  const edges = page.map((node) => ({ cursor: cursor.encode(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      // Relay's rule: the far side of a cursor counts as "more" once the client holds that cursor.
      hasNextPage: window.fromEnd ? window.before != null : hasMore,
      hasPreviousPage: window.fromEnd ? hasMore : window.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A connection whose totalCount is counted only when a client asks for it. */
export interface CountedConnection<Node> extends Connection<Node> {
  countAll: () => Promise<number>;
}

/**
 * Resolves a connection page by keyset: `read` gets the window and how many rows to read (one
 * more than the page), in the window's reading direction, and may bring the total along;
 * otherwise `countAll` counts when asked.
 */
export async function keysetConnection<Row>(
  args: ConnectionArgs,
  cursor: CursorFormat,
  read: (window: PageWindow, limit: number) => Promise<{ rows: Row[]; total: number | null }>,
  keyOf: (row: Row) => CursorKey,
  countAll: () => Promise<number>,
): Promise<CountedConnection<Row>> {
  const window = pageWindow(args, cursor);
  const { rows, total } = await read(window, window.size + 1);
  return {
    ...connectionFromRows(rows, window, cursor, keyOf),
    countAll: total === null ? countAll : () => Promise.resolve(total),
  };
}
