import { countPosts, listPosts, type PostListFilter, type PostListRow, type PostOrder, postSortKey } from '../db/queries/posts.js';
import type { RequestContext } from '../http/context.js';
import { type CursorFormat, tupleCursor } from './cursor.js';
import { type Connection, type ConnectionArgs, connectionFromRows, pageWindow } from './pagination.js';

const postCursors: Record<PostOrder, CursorFormat> = {
  NEWEST: tupleCursor('NEWEST', ['date', 'int']),
  OLDEST: tupleCursor('OLDEST', ['date', 'int']),
  RELEVANCE: tupleCursor('RELEVANCE', ['float', 'date', 'int']),
};

export interface PostConnectionResult extends Connection<PostListRow> {
  /** Counts every post the filter matches; only called when totalCount is asked for. */
  countAll: () => Promise<number>;
}

/** One page of posts: the page itself costs one statement, totalCount one more. */
export async function resolvePostConnection(
  context: RequestContext,
  args: ConnectionArgs,
  filter: PostListFilter,
  order: PostOrder,
): Promise<PostConnectionResult> {
  const cursor = postCursors[order];
  const window = pageWindow(args, cursor);
  const rows = await listPosts(context.db, {
    visibility: context.visibility,
    filter,
    order,
    window,
    limit: window.size + 1,
  });
  return {
    ...connectionFromRows(rows, window, cursor, (row) => postSortKey(order, row)),
    countAll: () => countPosts(context.db, context.visibility, filter),
  };
}
