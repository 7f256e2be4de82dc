import { contentBySlug } from '../db/queries/lookups.js';
import type { PostRow } from '../db/queries/rows.js';
import { builder } from './builder.js';
import { ContentNode } from './content-node.js';
import { pageCost, RECORD_COST } from './cost.js';
import { rowId } from './ids.js';
import { selectsPath } from './selection.js';
import { siteOf } from './site.js';
import { type PostConnectionResult, resolvePostConnection } from './post-connection.js';
import { PostFilter, postListFilter, PostOrderEnum } from './post-filter.js';

// A Post is a row of db/queries/rows.ts `postRow`, however it is reached: a list, a lookup,
// node(id), a relation or a mutation's answer. Only the body loads apart, when asked for.
export const Post = builder.node(builder.objectRef<PostRow>('Post'), {
  id: { resolve: (post) => post.id },
  loadMany: (ids, context) =>
    ids.map(async (id) => {
      const row = await context.loaders.post.load(rowId(id));
      // A page's id does not name a post.
      return row?.kind === 'POST' ? row : null;
    }),
  // Its fields are ContentNode's (content-node.ts); post-relations.ts adds its links to other posts.
  interfaces: [ContentNode],
  isTypeOf: (row) => (row as PostRow).kind === 'POST',
  fields: () => ({}),
});

export const PostConnection = builder.connectionObject(
  {
    type: Post,
    name: 'PostConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many posts match, across all pages.',
        resolve: (connection) => (connection as unknown as PostConnectionResult).countAll(),
      }),
    }),
  },
  { name: 'PostEdge' },
);

builder.queryFields((t) => ({
  post: t.field({
    type: Post,
    nullable: true,
    description:
      'A post by its slug, or by a slug it had before (then its `slug` differs: redirect to it); null when there is none (or it is not visible to this request). Never a page.',
    complexity: RECORD_COST,
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (_root, args, context, info) => {
      const neighbours = selectsPath(info, ['previous']) || selectsPath(info, ['next']);
      const found = await contentBySlug(context.db, context.visibility, 'POST', args.slug, { tags: selectsPath(info, ['tags']), neighbours });
      if (!found) return null;
      // A post page shows the body, and usually its tags and neighbours: they came with the post,
      // so those fields need no statement of their own.
      const { previous, next, ...post } = found;
      context.loaders.postBody.prime(post.id, post);
      if (neighbours) context.loaders.neighbours.prime(post.id, { previous: previous ?? null, next: next ?? null });
      return post;
    },
  }),
  posts: t.connection(
    {
      type: Post,
      description: 'Published posts, filtered and ordered; pages of 20 by default, at most 100.',
      complexity: pageCost,
      args: {
        filter: t.arg({ type: PostFilter }),
        orderBy: t.arg({ type: PostOrderEnum, defaultValue: 'NEWEST' }),
      },
      resolve: async (_root, args, context, info) => {
        const order = args.orderBy ?? 'NEWEST';
        // Only a year or month filter needs the site's time zone.
        const timeZone = args.filter?.year != null ? (await siteOf(context)).timeZone : 'UTC';
        return resolvePostConnection(context, args, postListFilter(args.filter, order, context, timeZone), order, info);
      },
    },
    PostConnection,
  ),
}));
