import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { insertPosts } from '../support/posts.js';

// The guard against N+1 queries: a page with every relation costs the same number of SQL
// statements whether it holds 5 posts or 50.
let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
  await insertPosts(
    app.db,
    Array.from({ length: 60 }, (_, i) => ({
      slug: `budget-${i}`,
      title: `Budget ${i}`,
      publishedAt: new Date(Date.UTC(2024, 0, 1 + (i % 20))),
      tags: [`tag-${i % 7}`, `tag-${(i * 3) % 11}`, 'common'],
    })),
  );
});

afterAll(() => app?.stop());

const FULL_PAGE = `query($first: Int!) {
  posts(first: $first) {
    totalCount
    edges { node {
      title excerpt publishedAt html headings { anchor }
      tags { slug name postCount }
      previous { slug tags { slug } }
      next { slug }
      related(first: 3) { slug tags { slug } }
    } }
  }
}`;

async function statementsFor(query: string, variables: Record<string, unknown>) {
  const { count, statements } = await app.countStatements(() => app.data(query, variables));
  return { count, statements };
}

describe('SQL statements per request', () => {
  // the page with its count, bodies, tags, neighbours, related, tag counts, and the tags of the
  // neighbours and related posts one level down: those two share a batch when their parents
  // arrive in the same tick, so a request costs 7 or 8 statements.
  const FULL_PAGE_BOUND = 8;

  it.each([5, 50])('stays within the same bound for a page of %i', async (first) => {
    const { count, statements } = await statementsFor(FULL_PAGE, { first });
    expect(count, statements.join('\n\n')).toBeLessThanOrEqual(FULL_PAGE_BOUND);
  });

  it('answers the home page (20 posts with tags and totalCount) in 1 statement: the page, its count and its tags', async () => {
    const home = await statementsFor(`{ posts(first: 20) { totalCount edges { node { title excerpt publishedAt tags { slug name } } } } }`, {});
    expect(home.count, home.statements.join('\n\n')).toBe(1);
  });

  it.each([5, 50])('answers a tag page of %i posts in a bounded number too', async (first) => {
    const query = `query($first: Int!) { tag(slug: "common") { name postCount posts(first: $first) { totalCount edges { node { slug tags { slug } } } } } }`;
    // tag, postCount, the page with its count, tags
    const { count, statements } = await statementsFor(query, { first });
    expect(count, statements.join('\n\n')).toBeLessThanOrEqual(4);
  });

  const POST_PAGE = `query($slug: String!) {
    post(slug: $slug) { title html tags { slug name } previous { slug publishedAt } next { slug publishedAt } related(first: 3) { slug } }
  }`;

  it('answers a post page in 2 statements: the post with its body, tags and neighbours, then its related posts', async () => {
    const { count, statements } = await statementsFor(POST_PAGE, { slug: 'budget-30' });
    expect(count, statements.join('\n\n')).toBe(2);
  });

  it('answers a post page with the same tags and neighbours as a list of posts loads', async () => {
    const { post } = await app.data(POST_PAGE, { slug: 'budget-30' });
    const { posts } = await app.data(`{ posts(first: 100) { edges { node {
      slug tags { slug name } previous { slug publishedAt } next { slug publishedAt } } } } }`);
    const listed = posts.edges.find((edge: any) => edge.node.slug === 'budget-30').node;
    expect(post.previous).not.toBeNull();
    expect(post.next).not.toBeNull();
    expect({ slug: 'budget-30', tags: post.tags, previous: post.previous, next: post.next }).toEqual(listed);
  });

  const TAGS_WITH_POSTS = `query($tags: Int!, $order: PostOrder!, $last: Int) {
    tags(first: $tags, orderBy: NAME) { edges { node { slug posts(last: $last, orderBy: $order) {
      totalCount pageInfo { hasPreviousPage startCursor } edges { node { slug tags { slug } } }
    } } } }
  }`;

  it.each([2, 12])('answers %i tags with their posts in 2 statements: the tags, then every tag\'s page with its count and tags', async (tags) => {
    const { count, statements } = await statementsFor(TAGS_WITH_POSTS, { tags, order: 'NEWEST', last: 30 });
    expect(count, statements.join('\n\n')).toBe(2);
  });

  it.each(['NEWEST', 'OLDEST'])('pages each tag\'s posts, %s, as a query for that tag alone does', async (order) => {
    const { tags } = await app.data(TAGS_WITH_POSTS, { tags: 12, order, last: 4 });
    expect(tags.edges).toHaveLength(12);
    for (const { node } of tags.edges) {
      const alone = await app.data(
        `query($slug: String!, $order: PostOrder!) { posts(filter: { tags: { any: [$slug] } }, orderBy: $order, last: 4) {
          totalCount pageInfo { hasPreviousPage startCursor } edges { node { slug tags { slug } } } } }`,
        { slug: node.slug, order },
      );
      expect(node.posts, node.slug).toEqual(alone.posts);
    }
  });
});
