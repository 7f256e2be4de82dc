import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printedSchema } from '../../src/schema/print.js';

describe('schema.graphql', () => {
  it('is what the builder prints (run `npm run schema:print` after changing the schema)', async () => {
    const committed = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printedSchema());
  });

  it('holds every type and field of the public contract', () => {
    const sdl = printedSchema();
    for (const fragment of [
      'interface Node', 'node(id: ID!): Node', 'nodes(ids: [ID!]!): [Node]!', 'post(slug: String!): Post',
      'posts(', 'filter: PostFilter', 'orderBy: PostOrder = NEWEST', 'tag(slug: String!): Tag', 'orderBy: TagOrder = POPULAR',
      'archive: [ArchiveYear!]!', 'enum PostOrder', 'RELEVANCE', 'enum TagOrder', 'POPULAR', 'input PostFilter',
      'input TagMatch', 'publishedAfter: DateTime', 'status: [PostStatus!]', 'excerpt: String!', 'markdown: String!',
      'html: String!', 'headings: [Heading!]!', 'wordCount: Int!', 'readingMinutes: Int!', 'status: PostStatus!',
      'publishedAt: DateTime', 'updatedAt: DateTime!', 'tags: [Tag!]!', 'previous: Post', 'next: Post',
      'related(first: Int = 5): [Post!]!', 'type Heading', 'anchor: String!', 'postCount: Int!', 'description: String',
      'edges: [PostEdge!]!', 'pageInfo: PageInfo!', 'totalCount: Int!', 'cursor: String!', 'node: Post!',
      'edges: [TagEdge!]!', 'node: Tag!', 'type ArchiveYear', 'months: [ArchiveMonth!]!', 'type ArchiveMonth',
      'month: Int!', 'hasNextPage: Boolean!', 'hasPreviousPage: Boolean!', 'startCursor: String', 'endCursor: String',
      'scalar DateTime',
    ]) {
      expect(sdl, `schema.graphql lacks "${fragment}"`).toContain(fragment);
    }
  });
});
