import { countPosts, listPosts, type PostListFilter, type PostListRow, type PostOrder, postSortKey } from '../db/queries/posts.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../request/context.js';
import { type CursorFormat, tupleCursor } from './cursor.js';
import { type ConnectionArgs, type CountedConnection, keysetConnection } from './pagination.js';
import { selectsPath } from './selection.js';

const postCursors: Record<PostOrder, CursorFormat> = {
  NEWEST: tupleCursor('NEWEST', ['date', 'int']),
  OLDEST: tupleCursor('OLDEST', ['date', 'int']),
  RELEVANCE: tupleCursor('RELEVANCE', ['float', 'date', 'int']),
  UPDATED: tupleCursor('UPDATED', ['date', 'int']),
};

export type PostConnectionResult = CountedConnection<PostListRow>;

/** One page of posts, with totalCount and the posts' tags when the query asks for them, in one statement. */
export function resolvePostConnection(
  context: RequestContext,
  args: ConnectionArgs,
  filter: PostListFilter,
  order: PostOrder,
  info: GraphQLResolveInfo,
): Promise<PostConnectionResult> {
  const { db, visibility } = context;
  const withTotal = selectsPath(info, ['totalCount']);
  const withTags = selectsPath(info, ['edges', 'node', 'tags']);
  return keysetConnection(
    args,
    postCursors[order],
    (window, limit) => {
      const { tagId, searchQuery, ...rest } = filter;
      // A tag's posts load with those of every other tag on the same path of the query.
      if (tagId !== undefined && searchQuery === undefined) {
        return context.loaders.postsOfTag({ filter: rest, order, window, limit, withTotal, withTags }).load(tagId);
      }
      return listPosts(db, { visibility, filter, order, window, limit, withTotal, withTags });
    },
    (row) => postSortKey(order, row),
    () => countPosts(db, visibility, filter),
  );
}
