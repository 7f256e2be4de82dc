import { type AuthorRow, authorBySlug, authorSortKey, countAuthors, listAuthors, publishedPostCountsOfAuthors } from '../db/queries/authors.js';
import { builder } from './builder.js';
import { SocialLink, type SocialLinkShape } from './social-link.js';
import { pageCost, RECORD_COST, SOCIAL_LINKS_COST } from './cost.js';
import { tupleCursor } from './cursor.js';
import { rowId } from './ids.js';
import { type CountedConnection, keysetConnection } from './pagination.js';
import { Post, PostConnection } from './post.js';
import { resolvePostConnection } from './post-connection.js';
import { PostOrderEnum, postListFilter } from './post-filter.js';

// Like Post and Tag, an Author is a row of its row shape (db/queries/authors.ts), however it is reached.
// `avatar` is added with the other images records point at, in image-uses.ts.
export const Author = builder.node(builder.objectRef<AuthorRow>('Author'), {
  id: { resolve: (author) => author.id },
  loadMany: (ids, context) => ids.map((id) => context.loaders.author.load(rowId(id))),
  fields: (t) => ({
    slug: t.string({ resolve: (author) => author.slug }),
    name: t.string({ resolve: (author) => author.name }),
    bio: t.string({ nullable: true, resolve: (author) => author.bio }),
    website: t.string({ nullable: true, resolve: (author) => author.website }),
    socialLinks: t.field({
      type: [SocialLink],
      description: 'In the order the author gave them.',
      complexity: SOCIAL_LINKS_COST,
      resolve: (author) => author.socialLinks as unknown as SocialLinkShape[],
    }),
    postCount: t.loadable({
      type: 'Int',
      description: 'Published posts by this author: exactly what `posts` pages through.',
      load: async (authorIds: number[], context) => {
        const counts = new Map(
          (await publishedPostCountsOfAuthors(context.db, context.visibility, authorIds)).map((row) => [row.authorId, row.count]),
        );
        return authorIds.map((id) => counts.get(id) ?? 0);
      },
      resolve: (author) => author.id,
    }),
    posts: t.connection(
      {
        type: Post,
        description: 'The published posts by this author, co-written ones included.',
        complexity: pageCost,
        args: { orderBy: t.arg({ type: PostOrderEnum, defaultValue: 'NEWEST' }) },
        resolve: (author, args, context, info) => {
          const order = args.orderBy ?? 'NEWEST';
          const filter = { ...postListFilter(null, order, context), authorId: author.id };
          return resolvePostConnection(context, args, filter, order, info);
        },
      },
      PostConnection,
    ),
  }),
});

const authorCursor = tupleCursor('NAME', ['string', 'int'], 'field');

export const AuthorConnection = builder.connectionObject(
  {
    type: Author,
    name: 'AuthorConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many authors there are, across all pages.',
        resolve: (connection) => (connection as unknown as CountedConnection<AuthorRow>).countAll(),
      }),
    }),
  },
  { name: 'AuthorEdge' },
);

builder.queryFields((t) => ({
  author: t.field({
    type: Author,
    nullable: true,
    description: 'An author by their slug; null when there is none.',
    complexity: RECORD_COST,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => authorBySlug(context.db, args.slug),
  }),
  authors: t.connection(
    {
      type: Author,
      description: 'Every author, by name; pages of 20, at most 100.',
      complexity: pageCost,
      resolve: (_root, args, { db }) =>
        keysetConnection(
          args,
          authorCursor,
          async (window, limit) => ({ rows: await listAuthors(db, { window, limit }), total: null }),
          authorSortKey,
          () => countAuthors(db),
        ),
    },
    AuthorConnection,
  ),
}));
