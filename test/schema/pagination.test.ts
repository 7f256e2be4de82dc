import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { type BulkPost, insertPosts } from '../support/posts.js';

// 300 posts over only 12 distinct publishedAt values: ties everywhere, so order and cursors
// depend on the id tie-breaker.
const POSTS = 300;
const TIMESTAMPS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2023, i, 15, 12)));

let app: TestApp;
let expected: { id: number; slug: string; publishedAt: Date; tags: string[] }[];

beforeAll(async () => {
  app = await TestApp.start();
  const posts: BulkPost[] = Array.from({ length: POSTS }, (_, i) => ({
    slug: `walk-${i}`,
    title: `Walk ${i}`,
    publishedAt: TIMESTAMPS[(i * 7) % TIMESTAMPS.length]!,
    tags: [i % 3 === 0 ? 'fizz' : 'plain', ...(i % 5 === 0 ? ['buzz'] : [])],
  }));
  const ids = await insertPosts(app.db, posts);
  expected = posts.map((post, i) => ({ id: ids[i]!, slug: post.slug, publishedAt: post.publishedAt!, tags: post.tags! }));
});

afterAll(() => app?.stop());

const PAGE = `
  query Page($first: Int, $after: String, $last: Int, $before: String, $filter: PostFilter, $orderBy: PostOrder) {
    posts(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { cursor node { slug } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

interface Page {
  posts: {
    totalCount: number;
    edges: { cursor: string; node: { slug: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

async function walkForward(size: number, variables: Record<string, unknown> = {}) {
  const slugs: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let guard = 0; guard < 1000; guard++) {
    const { posts }: Page = await app.data<Page>(PAGE, { ...variables, first: size, after });
    totalCount = posts.totalCount;
    slugs.push(...posts.edges.map((edge) => edge.node.slug));
    expect(posts.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!posts.pageInfo.hasNextPage) return { slugs, totalCount };
    after = posts.pageInfo.endCursor;
  }
  throw new Error('forward walk did not end');
}

async function walkBackward(size: number, variables: Record<string, unknown> = {}) {
  const slugs: string[] = [];
  let before: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const { posts }: Page = await app.data<Page>(PAGE, { ...variables, last: size, before });
    slugs.unshift(...posts.edges.map((edge) => edge.node.slug));
    expect(posts.pageInfo.hasNextPage).toBe(before !== null);
    if (!posts.pageInfo.hasPreviousPage) return slugs;
    before = posts.pageInfo.startCursor;
  }
  throw new Error('backward walk did not end');
}

function newestFirst(posts: typeof expected) {
  return [...posts].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id).map((post) => post.slug);
}

describe('keyset pagination over posts with tied publishedAt', () => {
  it('visits every post exactly once, newest first, forward and backward alike', async () => {
    const forward = await walkForward(37);
    expect(forward.slugs).toEqual(newestFirst(expected));
    expect(new Set(forward.slugs).size).toBe(POSTS);
    expect(forward.totalCount).toBe(POSTS);
    expect(await walkBackward(37)).toEqual(forward.slugs);
  });

  it('walks OLDEST in exactly the reverse order', async () => {
    const forward = await walkForward(50, { orderBy: 'OLDEST' });
    expect(forward.slugs).toEqual(newestFirst(expected).reverse());
    expect(await walkBackward(23, { orderBy: 'OLDEST' })).toEqual(forward.slugs);
  });

  it('walks a filtered list with counts equal to what was walked', async () => {
    const filter = { tags: { any: ['fizz'], none: ['buzz'] } };
    const forward = await walkForward(16, { filter });
    const matching = expected.filter((post) => post.tags.includes('fizz') && !post.tags.includes('buzz'));
    expect(forward.slugs).toEqual(newestFirst(matching));
    expect(forward.totalCount).toBe(matching.length);
    expect(await walkBackward(16, { filter })).toEqual(forward.slugs);
  });

  it('defaults to pages of 20 and answers first: 0 with no edges', async () => {
    const { posts } = await app.data<Page>(PAGE, {});
    expect(posts.edges).toHaveLength(20);
    const empty = await app.data<Page>(PAGE, { first: 0 });
    expect(empty.posts.edges).toEqual([]);
    expect(empty.posts.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
  });

  it('returns the posts strictly between two cursors', async () => {
    const { posts } = await app.data<Page>(PAGE, { first: 10 });
    const between = await app.data<Page>(PAGE, { first: 100, after: posts.edges[2]!.cursor, before: posts.edges[7]!.cursor });
    expect(between.posts.edges.map((edge) => edge.node.slug)).toEqual(posts.edges.slice(3, 7).map((edge) => edge.node.slug));
  });
});
