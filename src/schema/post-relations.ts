import { type RelatedRow, relatedPosts } from '../db/queries/relations.js';
import type { PostRowWithTags } from '../db/queries/rows.js';
import { builder } from './builder.js';
import { POST_TAGS_COST, RECORD_COST, relatedCost } from './cost.js';
import { badUserInput } from '../request/errors.js';
import { Post } from './post.js';
import { Tag } from './tag.js';

const MAX_RELATED = 20;

// Post's links to other records. Each loads through a DataLoader, so a page of posts costs one
// statement per link however many posts it holds.
builder.objectFields(Post, (t) => ({
  tags: t.field({
    type: [Tag],
    description: 'Ordered by name.',
    complexity: POST_TAGS_COST,
    // A listing that was asked for tags brings them along; other posts load theirs together.
    resolve: (post, _args, context) => (post as PostRowWithTags).tags ?? context.loaders.tagsOfPost.load(post.id),
  }),
  previous: t.field({
    type: Post,
    nullable: true,
    description: 'The next older published post; null for the oldest.',
    complexity: RECORD_COST,
    resolve: async (post, _args, context) => (await context.loaders.neighbours.load(post.id)).previous,
  }),
  next: t.field({
    type: Post,
    nullable: true,
    description: 'The next newer published post; null for the newest.',
    complexity: RECORD_COST,
    resolve: async (post, _args, context) => (await context.loaders.neighbours.load(post.id)).next,
  }),
  related: t.loadableList({
    type: Post,
    description: `Published posts sharing the most with this one, a rarer tag weighing more, then the newest; never the post itself. Chosen among each tag's most recent posts, so the cost does not grow with the site. first: 0-${MAX_RELATED}.`,
    // byPath: every post on one path shares the same `first`, so one statement serves them all.
    byPath: true,
    args: { first: t.arg.int({ defaultValue: 5 }) },
    complexity: ({ first }) => relatedCost(first ?? 5),
    load: async (postIds: number[], context, args) => {
      const related = new Map<number, RelatedRow[]>(postIds.map((id) => [id, []]));
      for (const row of await relatedPosts(context.db, context.visibility, postIds, args.first ?? 5)) {
        related.get(row.sourceId)!.push(row);
      }
      return postIds.map((id) => related.get(id)!);
    },
    resolve: (post, args) => {
      const first = args.first ?? 5;
      if (first < 0 || first > MAX_RELATED) {
        throw badUserInput('first', `related(first:) must be between 0 and ${MAX_RELATED} (got ${first})`);
      }
      return post.id;
    },
  }),
}));
