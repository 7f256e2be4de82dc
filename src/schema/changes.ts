import { encodeGlobalID } from '@pothos/plugin-relay';
import { type ChangeRow, latestChanges, releaseDueEvents } from '../db/queries/content-events.js';
import type { PostRow, TagRow } from '../db/queries/rows.js';
import type { RequestContext } from '../request/context.js';
import { badUserInput } from '../request/errors.js';
import { builder } from './builder.js';
import { pageCost } from './cost.js';
import { tupleCursor } from './cursor.js';
import { Page } from './page.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.js';
import { Post } from './post.js';
import { Tag } from './tag.js';

// The change feed: what changed in posts, pages and tags since a cursor, for incremental static
// builds. It reads the released events of the outbox (db/queries/content-events.ts), each
// subject at its latest change, and tells each reader only what that reader may see.

type ChangeKind = 'POST' | 'PAGE' | 'TAG';
type ChangeType = 'CREATED' | 'UPDATED' | 'DELETED';

interface ChangeEdgeShape {
  cursor: string;
  kind: ChangeKind;
  subjectId: string;
  slug: string | null;
  previousSlug: string | null;
  change: ChangeType;
  changedAt: Date;
  node: PostRow | TagRow | null;
}

interface ChangeConnectionShape {
  edges: ChangeEdgeShape[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const ChangeKindEnum = builder.enumType('ChangeKind', {
  values: {
    POST: { description: 'A post.' },
    PAGE: { description: 'A standalone page.' },
    TAG: { description: 'A tag.' },
  } as const,
});

const ChangeTypeEnum = builder.enumType('ChangeType', {
  values: {
    CREATED: { description: 'It appeared: created visible, published, or its scheduled time came; or a tag was created.' },
    UPDATED: { description: 'It was there and changed (its content, slug, tags, authors or former slugs).' },
    DELETED: { description: 'It is gone for this reader: deleted, unpublished, or not visible to this request now.' },
  } as const,
});

const ChangedContent = builder.unionType('ChangedContent', {
  description: 'What a change is about, as it is now.',
  types: [Post, Page, Tag],
  resolveType: (value) => ('kind' in value ? (value.kind === 'PAGE' ? Page : Post) : Tag),
});

const ChangeEdge = builder.objectRef<ChangeEdgeShape>('ChangeEdge').implement({
  description: 'One changed post, page or tag, at its latest change after the cursor.',
  fields: (t) => ({
    cursor: t.string({ resolve: (edge) => edge.cursor }),
    kind: t.field({ type: ChangeKindEnum, resolve: (edge) => edge.kind }),
    subjectId: t.id({
      description: 'The `id` of what changed (its Post, Page or Tag id), also after it was deleted.',
      resolve: (edge) => edge.subjectId,
    }),
    slug: t.string({
      nullable: true,
      description: 'Its slug as readers saw it; null for a tag this request may not see (so an unpublished tag is not named).',
      resolve: (edge) => edge.slug,
    }),
    previousSlug: t.string({
      nullable: true,
      description: 'The slug it had before, when this change renamed it: redirect from there.',
      resolve: (edge) => edge.previousSlug,
    }),
    change: t.field({ type: ChangeTypeEnum, resolve: (edge) => edge.change }),
    changedAt: t.field({
      type: 'DateTime',
      description: 'When the change happened for readers; for a scheduled publication, its time.',
      resolve: (edge) => edge.changedAt,
    }),
    node: t.field({
      type: ChangedContent,
      nullable: true,
      description: 'The post, page or tag as it is now; null when DELETED.',
      resolve: (edge) => edge.node,
    }),
  }),
});

const ChangeConnection = builder.objectRef<ChangeConnectionShape>('ChangeConnection').implement({
  description: 'Changes in seq order; page with `after: pageInfo.endCursor` until hasNextPage is false, and keep endCursor for next time.',
  fields: (t) => ({
    edges: t.field({ type: [ChangeEdge], resolve: (connection) => connection.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (connection) => connection.pageInfo }),
  }),
});

// A cursor names a change's position: its event's seq (a bigint, carried as decimal text) and its
// part (0 for the event's own subject, a tag's id for a tag page its post was on).
const changeCursor = tupleCursor('CHANGES', ['string', 'int'], 'field');
const SEQ = /^(0|[1-9][0-9]{0,17})$/;

function position(after: string | null | undefined): { seq: string; part: number } {
  if (after == null) return { seq: '0', part: 0 };
  const [seq, part] = changeCursor.decode(after, 'after') as [string, number];
  if (!SEQ.test(seq) || !Number.isSafeInteger(part) || part < 0) {
    throw badUserInput('after', '`after` is not a valid cursor; pass a cursor returned by `changes` (pageInfo.endCursor or an edge\'s cursor)');
  }
  return { seq, part };
}

builder.queryFields((t) => ({
  changes: t.field({
    type: ChangeConnection,
    description:
      'Posts, pages and tags created, updated or deleted since `after` (from the beginning without it), each once, at its latest change, ' +
      'oldest first; pages of 20 by default, at most 100. For incremental static builds: keep pageInfo.endCursor and ask again from it. ' +
      'Without a token, a post that is not visible now is DELETED and nothing of a draft is shown.',
    complexity: pageCost,
    args: {
      after: t.arg.string({ description: 'An edge\'s cursor or pageInfo.endCursor from an earlier answer.' }),
      first: t.arg.int({ description: 'How many changes, 0 to 100; 20 by default.' }),
    },
    resolve: async (_root, args, context): Promise<ChangeConnectionShape> => {
      const size = args.first ?? DEFAULT_PAGE_SIZE;
      if (size < 0 || size > MAX_PAGE_SIZE) {
        const why = `\`first\` must be between 0 and ${MAX_PAGE_SIZE} (got ${size}); page through larger lists with cursors`;
        throw badUserInput('first', why);
      }
      const after = position(args.after);
      // A change committed just before this request is due now: released here, it is seen at once.
      await releaseDueEvents(context.db);
      const rows = await latestChanges(context.db, after, size + 1);
      const edges = await Promise.all(rows.slice(0, size).map((row) => edgeOf(row, context)));
      return {
        edges,
        pageInfo: {
          hasNextPage: rows.length > size,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
          // With no new changes the reader keeps its place.
          endCursor: edges.at(-1)?.cursor ?? (args.after != null ? changeCursor.encode([after.seq, after.part]) : null),
        },
      };
    },
  }),
}));

async function edgeOf(row: ChangeRow, context: RequestContext): Promise<ChangeEdgeShape> {
  const kind: ChangeKind = row.subjectKind ?? 'TAG';
  const [, action] = row.type.split('.') as [string, string];
  const gone = action === 'deleted' || action === 'unpublished';
  // Through the request's loaders, so with its visibility: what this reader may not see now is gone for it.
  const node = gone
    ? null
    : kind === 'TAG'
      ? await context.loaders.tag.load(row.subjectId)
      : ofKind(await context.loaders.post.load(row.subjectId), kind);
  const change: ChangeType = !node ? 'DELETED' : action === 'published' || action === 'created' ? 'CREATED' : 'UPDATED';
  // Post events are written only while readers can see the post, so their slugs were public; a
  // tag may never have been.
  const hidden = kind === 'TAG' && !node && !context.visibility.authenticated;
  return {
    cursor: changeCursor.encode([row.seq, row.part]),
    kind,
    subjectId: encodeGlobalID(kind === 'TAG' ? 'Tag' : kind === 'PAGE' ? 'Page' : 'Post', row.subjectId),
    slug: hidden ? null : row.slug,
    previousSlug: hidden ? null : row.previousSlug,
    change,
    changedAt: row.dueAt,
    node,
  };
}

function ofKind(row: PostRow | null, kind: ChangeKind): PostRow | null {
  return row?.kind === kind ? row : null;
}
