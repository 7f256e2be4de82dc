import { publishedPostCounts } from '../db/queries/relations.js';
import { tagBySlug } from '../db/queries/lookups.js';
import type { TagRow } from '../db/queries/rows.js';
import { countTags, listTags, type TagListRow, type TagOrder, tagSortKey } from '../db/queries/tags.js';
import type { RequestContext } from '../request/context.js';
import { builder } from './builder.js';
import { pageCost, RECORD_COST } from './cost.js';
import { rowId } from './ids.js';
import { type CursorFormat, tupleCursor } from './cursor.js';
import { type ConnectionArgs, type CountedConnection, keysetConnection } from './pagination.js';
import { Post, PostConnection } from './post.js';
import { resolvePostConnection } from './post-connection.js';
import { PostOrderEnum, postListFilter } from './post-filter.js';

export const TagOrderEnum = builder.enumType('TagOrder', {
  values: {
    POPULAR: { description: 'Most published posts first, then by name.' },
    NAME: { description: 'By name.' },
  } as const,
});

// Like Post, a Tag is a row of `tagRow`, however it is reached.
export const Tag = builder.node(builder.objectRef<TagRow>('Tag'), {
  id: { resolve: (tag) => tag.id },
  loadMany: (ids, context) => ids.map((id) => context.loaders.tag.load(rowId(id))),
  fields: (t) => ({
    slug: t.string({ resolve: (tag) => tag.slug }),
    name: t.string({ resolve: (tag) => tag.name }),
    description: t.string({ nullable: true, resolve: (tag) => tag.description }),
    postCount: t.loadable({
      type: 'Int',
      description: 'Published posts with this tag: exactly what `posts` pages through.',
      load: async (tagIds: number[], context) => {
        const counts = new Map(
          (await publishedPostCounts(context.db, context.visibility, tagIds)).map((row) => [row.tagId, row.count]),
        );
        return tagIds.map((id) => counts.get(id) ?? 0);
      },
      resolve: (tag) => tag.id,
    }),
  }),
});

// Tag.posts is added apart from the type, as Post's fields refer back to Tag.
builder.objectFields(Tag, (t) => ({
    posts: t.connection(
      {
        type: Post,
        description: 'The published posts with this tag.',
        complexity: pageCost,
        args: { orderBy: t.arg({ type: PostOrderEnum, defaultValue: 'NEWEST' }) },
        resolve: (tag, args, context, info) => {
          const order = args.orderBy ?? 'NEWEST';
          const filter = { ...postListFilter(null, order, context), tagId: tag.id };
          return resolvePostConnection(context, args, filter, order, info);
        },
      },
      PostConnection,
    ),
}));

const tagCursors: Record<TagOrder, CursorFormat> = {
  POPULAR: tupleCursor('POPULAR', ['int', 'string', 'int']),
  NAME: tupleCursor('NAME', ['string', 'int']),
};

type TagConnectionResult = CountedConnection<TagListRow>;

export const TagConnection = builder.connectionObject(
  {
    type: Tag,
    name: 'TagConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many tags there are, across all pages.',
        resolve: (connection) => (connection as unknown as TagConnectionResult).countAll(),
      }),
    }),
  },
  { name: 'TagEdge' },
);

function resolveTagConnection({ db, visibility }: RequestContext, args: ConnectionArgs, order: TagOrder): Promise<TagConnectionResult> {
  return keysetConnection(
    args,
    tagCursors[order],
    async (window, limit) => ({ rows: await listTags(db, { visibility, order, window, limit }), total: null }),
    (row) => tagSortKey(order, row),
    () => countTags(db, visibility),
  );
}

builder.queryFields((t) => ({
  tag: t.field({
    type: Tag,
    nullable: true,
    description: 'A tag by its slug; null when there is none, or (without a token) when none of its posts is published yet.',
    complexity: RECORD_COST,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => tagBySlug(context.db, context.visibility, args.slug),
  }),
  tags: t.connection(
    {
      type: Tag,
      description:
        'All tags, the most used first by default; pages of 20, at most 100. Without a token, only tags with a published post.',
      complexity: pageCost,
      args: { orderBy: t.arg({ type: TagOrderEnum, defaultValue: 'POPULAR' }) },
      resolve: (_root, args, context) => resolveTagConnection(context, args, args.orderBy ?? 'POPULAR'),
    },
    TagConnection,
  ),
}));
