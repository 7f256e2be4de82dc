import { contentBySlug } from '../db/queries/lookups.js';
import { countPages, listPages, pageSortKey } from '../db/queries/pages.js';
import type { PostRow } from '../db/queries/rows.js';
import { builder } from './builder.js';
import { ContentNode } from './content-node.js';
import { pageCost, RECORD_COST } from './cost.js';
import { tupleCursor } from './cursor.js';
import { rowId } from './ids.js';
import { type CountedConnection, keysetConnection } from './pagination.js';
import { PostStatusEnum, statusesFrom } from './post-filter.js';

// A Page is a row of `posts` of kind PAGE: About, Now, Uses. It has ContentNode's fields and no
// links to other posts: no tags, neighbours or related posts, and it is in no list of posts.
export const Page = builder.node(builder.objectRef<PostRow>('Page'), {
  description: 'A standalone page (About, Now, Uses): written and published like a post, but never listed among posts.',
  id: { resolve: (page) => page.id },
  loadMany: (ids, context) => ids.map(async (id) => ofKindPage(await context.loaders.post.load(rowId(id)))),
  interfaces: [ContentNode],
  isTypeOf: (row) => (row as PostRow).kind === 'PAGE',
  fields: () => ({}),
});

/** The row if it is a page: a post's id does not name a page. */
export function ofKindPage(row: PostRow | null): PostRow | null {
  return row?.kind === 'PAGE' ? row : null;
}

const pageCursor = tupleCursor('TITLE', ['string', 'int'], 'field');

type PageConnectionResult = CountedConnection<PostRow>;

export const PageConnection = builder.connectionObject(
  {
    type: Page,
    name: 'PageConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many pages there are, across all pages of the list.',
        resolve: (connection) => (connection as unknown as PageConnectionResult).countAll(),
      }),
    }),
  },
  { name: 'PageEdge' },
);

builder.queryFields((t) => ({
  page: t.field({
    type: Page,
    nullable: true,
    description:
      'A page by its slug, or by a slug it had before (then its `slug` differs: redirect to it); null when there is none (or it is not visible to this request). Never a post.',
    complexity: RECORD_COST,
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const page = await contentBySlug(context.db, context.visibility, 'PAGE', args.slug);
      if (page) context.loaders.postBody.prime(page.id, page);
      return page;
    },
  }),
  pages: t.connection(
    {
      type: Page,
      description: 'Pages by title (A-Z, compared by code point), for a site’s menu; pages of 20 by default, at most 100.',
      complexity: pageCost,
      args: { status: t.arg({ type: [PostStatusEnum], description: 'Default PUBLISHED; other statuses (drafts) need a token.' }) },
      resolve: (_root, args, context): Promise<PageConnectionResult> => {
        const { db, visibility } = context;
        const statuses = statusesFrom(args.status, context, 'status');
        return keysetConnection(
          args,
          pageCursor,
          async (window, limit) => ({ rows: await listPages(db, { visibility, statuses, window, limit }), total: null }),
          pageSortKey,
          () => countPages(db, visibility, statuses),
        );
      },
    },
    PageConnection,
  ),
}));
