import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// orderBy: UPDATED lists the most recently changed posts first, for "recently updated" lists.
let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
  // Published in one order, updated in another, two of them at the same instant.
  const updated = {
    first: '2024-06-03T00:00:00Z',
    second: '2024-06-01T00:00:00Z',
    third: '2024-06-02T00:00:00Z',
    fourth: '2024-06-02T00:00:00Z',
  };
  for (const [slug, at] of Object.entries(updated)) await givenPost(app.db, { slug, tags: ['shared'], updatedAt: new Date(at) });
  await givenPost(app.db, { slug: 'draft', status: 'DRAFT', publishedAt: null, updatedAt: new Date('2024-07-01T00:00:00Z') });
});

afterAll(() => app?.stop());

const PAGE = `query($after: String, $first: Int) {
  posts(orderBy: UPDATED, first: $first, after: $after) { totalCount edges { node { slug updatedAt } } pageInfo { hasNextPage endCursor } }
}`;

describe('orderBy: UPDATED', () => {
  it('lists published posts newest updatedAt first, ties by id, through keyset pages', async () => {
    const slugs: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { posts }: { posts: any } = await app.data(PAGE, { first: 1, after });
      expect(posts.totalCount).toBe(4);
      slugs.push(...posts.edges.map((edge: any) => edge.node.slug));
      if (!posts.pageInfo.hasNextPage) break;
      after = posts.pageInfo.endCursor;
    }
    expect(slugs).toEqual(['first', 'fourth', 'third', 'second']);
  });

  it('orders a tag’s posts and a search the same way', async () => {
    const data = await app.data(`{
      tag(slug: "shared") { posts(orderBy: UPDATED) { edges { node { slug } } } }
      search: posts(orderBy: UPDATED, filter: { search: "Body" }) { edges { node { slug } } }
    }`);
    expect(data.tag.posts.edges.map((edge: any) => edge.node.slug)).toEqual(['first', 'fourth', 'third', 'second']);
    expect(data.search.edges.map((edge: any) => edge.node.slug)).toEqual(['first', 'fourth', 'third', 'second']);
  });

  it('refuses a cursor of another order', async () => {
    const { posts } = await app.data(`{ posts(first: 1) { pageInfo { endCursor } } }`);
    const result = await app.query(PAGE, { first: 1, after: posts.pageInfo.endCursor });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
