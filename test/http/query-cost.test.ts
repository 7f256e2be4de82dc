import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// The cost of a query is the number of records its answer may hold, page sizes multiplied down
// the tree, counted with the request's variables before anything runs.
let app: TestApp;
let postId: string;

beforeAll(async () => {
  app = await TestApp.start();
  await givenPost(app.db, { slug: 'first', tags: ['git', 'linux'] });
  await givenPost(app.db, { slug: 'second', tags: ['git'] });
  const { post } = await app.data(`{ post(slug: "first") { id } }`);
  postId = post.id;
});

afterAll(() => app?.stop());

const TAGS_BY_POSTS = `query($n: Int) { tags(first: $n) { edges { node { posts(first: $n) { edges { node { id } } } } } } }`;

// Aliases of a page of posts, each post's tags, and each tag's page of posts with their bodies.
const aliasedBodies = (aliases: number, size: string) =>
  `query${size === '$n' ? '($n: Int)' : ''} { ${Array.from(
    { length: aliases },
    (_, i) => `a${i}: posts(first: ${size}) { edges { node { tags { posts(first: ${size}) { edges { node { html markdown } } } } } } }`,
  ).join(' ')} }`;

/** The answer to a query that must be refused before it runs: no data, one error, no SQL sent. */
async function refusalOf(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  let result: GraphQLResponse = {};
  const { count, statements } = await app.countStatements(async () => {
    result = await app.query(query, variables, headers);
  });
  expect(count, `a refused query sends no SQL, but sent:\n${statements.join('\n')}`).toBe(0);
  expect(result.data ?? null).toBeNull();
  expect(result.errors, JSON.stringify(result.errors)).toHaveLength(1);
  return result;
}

describe('the cost of a query', () => {
  it.each([
    ['a default page of posts', `{ posts { edges { node { id title } } } }`, {}, 20],
    ['a page of posts with their tags and bodies', `{ posts(first: 5) { edges { node { html tags { slug } } } } }`, {}, 5 + 5 * (10 + 20)],
    ['a page sized by a variable', `query($n: Int) { posts(last: $n) { totalCount edges { node { id } } } }`, { n: 7 }, 7],
    ['a post page with related posts', `{ post(slug: "first") { markdown related { slug } } }`, {}, 1 + 10 + (10 + 5)],
    ['nodes(ids:)', `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, 'ids', 3],
    ['100 tags with 100 posts each', TAGS_BY_POSTS, { n: 100 }, 100 + 100 * 100],
  ])('is reported in extensions.cost: %s', async (_name, query, variables, requested) => {
    const result = await app.query(query, variables === 'ids' ? { ids: [postId, postId, postId] } : variables);
    expect(result.errors).toBeUndefined();
    expect((result as { extensions?: unknown }).extensions).toEqual({ cost: { requested, limit: 20_000 } });
  });

  it('admits a listing of 100 tags with 100 post ids each, as GitHub does', async () => {
    const result = await app.data(`{ tags(first: 100) { edges { node { posts(first: 100) { edges { node { id } } } } } } }`);
    expect(result.tags.edges.length).toBeGreaterThan(0);
  });
});

describe('queries over the budget', () => {
  it.each([
    ['page sizes given as variables', aliasedBodies(30, '$n'), { n: 100 }],
    ['page sizes written in the query', aliasedBodies(30, '100'), {}],
    ['one such alias', aliasedBodies(1, '$n'), { n: 100 }],
    ['100 tags with the bodies of 100 posts each', TAGS_BY_POSTS.replace('node { id }', 'node { html }'), { n: 100 }],
    ['three 100-tag listings', `query($n: Int) { a: tags(first: $n) { edges { node { posts(first: $n) { edges { node { id } } } } } } b: tags(first: $n) { edges { node { posts(first: $n) { edges { node { id } } } } } } }`, { n: 100 }],
    ['related posts of related posts', '{ posts(first: 100) { edges { node { related(first: 20) { related(first: 20) { slug } } } } } }', {}],
  ])('are refused before they run: %s', async (_name, query, variables) => {
    const result = await refusalOf(query, variables);
    const error = result.errors![0]!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^This query costs \d+, more than the limit of 20000: .* Ask for smaller pages/);
    const cost = error.extensions?.cost as { requested: number; limit: number };
    expect(cost.limit).toBe(20_000);
    expect(cost.requested).toBeGreaterThan(20_000);
    expect((result as { extensions?: unknown }).extensions).toEqual({ cost });
  });

  it('are refused before the token is even looked up', async () => {
    const headers = await app.authorHeaders();
    const result = await refusalOf(aliasedBodies(1, '$n'), { n: 100 }, headers);
    expect(result.errors![0]!.message).toMatch(/^This query costs 4202100, more than the limit of 20000/);
  });

  it('are measured with each request’s variables, not those the same query came with before', async () => {
    const query = aliasedBodies(30, '$n');
    const small = await app.query(query, { n: 1 });
    expect(small.errors).toBeUndefined();
    const large = await app.query(query, { n: 100 });
    expect(large.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(large.data ?? null).toBeNull();
    // Measured once per document and variables: the same requests again get the same answers.
    expect((await app.query(query, { n: 100 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const smallAgain = await app.query(query, { n: 1 });
    expect(smallAgain.errors).toBeUndefined();
    const costOf = (result: object) => (result as { extensions?: { cost?: unknown } }).extensions?.cost;
    expect(costOf(smallAgain)).toEqual(costOf(small));
    expect(costOf(small)).toMatchObject({ limit: 20_000 });
  });
});

describe('nodes(ids:)', () => {
  it('takes 100 ids', async () => {
    const { nodes } = await app.data(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(100).fill(postId) });
    expect(nodes).toHaveLength(100);
  });

  it('refuses 101 ids, saying how many it takes', async () => {
    const ids = Array.from({ length: 101 }, () => `"${postId}"`).join(', ');
    const result = await refusalOf(`{ nodes(ids: [${ids}]) { id } }`);
    expect(result.errors![0]).toMatchObject({
      message: 'nodes(ids:) takes at most 100 ids (got 101); ask for the rest in further queries',
      extensions: { code: 'BAD_USER_INPUT', argument: 'ids' },
    });
  });

  it('refuses 101 ids in a variable, saying which and how many lists take', async () => {
    const result = await refusalOf(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(101).fill(postId) });
    expect(result.errors![0]).toMatchObject({
      message: '$ids holds a list of 101 items; no list argument takes more than 100. Ask for the rest in further queries.',
      extensions: { code: 'BAD_USER_INPUT', variable: 'ids' },
    });
  });

  it('refuses any list in the variables longer than 100, wherever it is', async () => {
    const query = `query($filter: PostFilter) { posts(filter: $filter) { totalCount } }`;
    const result = await refusalOf(query, { filter: { tags: { any: Array.from({ length: 150 }, (_, i) => `tag-${i}`) } } });
    expect(result.errors![0]).toMatchObject({
      message: expect.stringMatching(/^\$filter holds a list of 150 items; no list argument takes more than 100/),
      extensions: { code: 'BAD_USER_INPUT', variable: 'filter' },
    });
  });

  it('refuses 200,000 ids promptly, without reading any', async () => {
    const started = Date.now();
    const result = await refusalOf(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Post { html markdown } } }`, {
      ids: Array(200_000).fill(postId),
    });
    // A generous deadline: reading 200,000 posts took many seconds.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.errors![0]!.message).toMatch(/^\$ids holds a list of 200000 items/);
  });

  it('refuses a malformed id among them as bad input', async () => {
    const result = await refusalOf(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [postId, 'not-an-id!'] });
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(/is not an id from this API/);
  });
});
