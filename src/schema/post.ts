import type { Heading } from '../content/markdown.js';
import { postBySlug } from '../db/queries/lookups.js';
import type { PostRow } from '../db/queries/rows.js';
import { builder } from './builder.js';
import { BODY_FIELD_COST, pageCost, RECORD_COST } from './cost.js';
import { rowId } from './ids.js';
import { type PostConnectionResult, resolvePostConnection } from './post-connection.js';
import { PostFilter, postListFilter, PostOrderEnum, PostStatusEnum } from './post-filter.js';

export const HeadingType = builder.objectRef<Heading>('Heading').implement({
  description: 'A heading of the post body, for a table of contents.',
  fields: (t) => ({
    level: t.exposeInt('level', { description: '1-6, as in h1-h6.' }),
    text: t.exposeString('text'),
    anchor: t.exposeString('anchor', { description: 'The id of the heading in `html`.' }),
  }),
});

// A Post is a row of db/queries/rows.ts `postRow`, however it is reached: a list, a lookup,
// node(id), a relation or a mutation's answer. Only the body loads apart, when asked for.
export const Post = builder.node(builder.objectRef<PostRow>('Post'), {
  id: { resolve: (post) => post.id },
  loadMany: (ids, context) => ids.map((id) => context.loaders.post.load(rowId(id))),
  fields: (t) => ({
    slug: t.string({ resolve: (post) => post.slug }),
    title: t.string({ resolve: (post) => post.title }),
    excerpt: t.string({
      description:
        'Plain text on one line, at most 200 characters, ending in … when cut: the start of the author’s summary, or else of the body.',
      resolve: (post) => post.excerpt,
    }),
    markdown: t.string({
      description: 'The Markdown source.',
      complexity: BODY_FIELD_COST,
      resolve: async (post, _args, context) => (await context.loaders.postBody.load(post.id)).markdown,
    }),
    html: t.string({
      description: 'The body rendered to HTML and sanitized: no scripts, event handlers or javascript: URLs.',
      complexity: BODY_FIELD_COST,
      resolve: async (post, _args, context) => (await context.loaders.postBody.load(post.id)).html,
    }),
    headings: t.field({
      type: [HeadingType],
      description: 'h1-h6 in document order.',
      complexity: BODY_FIELD_COST,
      resolve: async (post, _args, context) => (await context.loaders.postBody.load(post.id)).headings as unknown as Heading[],
    }),
    wordCount: t.int({
      description: 'Words of the body; each CJK character counts as one word.',
      resolve: (post) => post.wordCount,
    }),
    readingMinutes: t.int({
      description: 'ceil(CJK characters / 500 + other words / 230), at least 1.',
      resolve: (post) => post.readingMinutes,
    }),
    status: t.field({
      type: PostStatusEnum,
      description: 'PUBLISHED with a publishedAt in the future means scheduled.',
      resolve: (post) => post.status,
    }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Null only for drafts that were never published.',
      resolve: (post) => post.publishedAt,
    }),
    updatedAt: t.field({ type: 'DateTime', resolve: (post) => post.updatedAt }),
  }),
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
    description: 'A post by its slug; null when there is none (or it is not visible to this request).',
    complexity: RECORD_COST,
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const post = await postBySlug(context.db, context.visibility, args.slug);
      // A post page shows the body: it came with the post, so html and headings need no statement.
      if (post) context.loaders.postBody.prime(post.id, post);
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
      resolve: (_root, args, context, info) => {
        const order = args.orderBy ?? 'NEWEST';
        return resolvePostConnection(context, args, postListFilter(args.filter, order, context), order, info);
      },
    },
    PostConnection,
  ),
}));
