import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// Input that PostgreSQL cannot take (a NUL character, a number or date outside its types) is
// refused as bad input naming what to change, instead of failing in the database.

let app: TestApp;
let author: Record<string, string>;
let postId: string;

beforeAll(async () => {
  app = await TestApp.start();
  author = await app.authorHeaders();
  await givenPost(app.db, { slug: 'only', tags: ['git'] });
  postId = (await app.data(`{ post(slug: "only") { id } }`)).post.id;
});

afterAll(() => app?.stop());

const NUL = '\u0000';

async function errorOf(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const result = await app.query(query, variables, headers);
  expect(result.errors, `expected an error from ${query}`).toBeDefined();
  return result.errors![0]!;
}

function cursor(...values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

describe('a NUL character anywhere in a string', () => {
  it.each([
    ['post(slug)', 'query($s: String!) { post(slug: $s) { id } }', { s: `a${NUL}b` }, '$s'],
    ['tag(slug)', 'query($s: String!) { tag(slug: $s) { id } }', { s: NUL }, '$s'],
    ['a tag filter', 'query($f: PostFilter) { posts(filter: $f) { totalCount } }', { f: { tags: { any: ['git', `x${NUL}`] } } }, '$f.tags.any[1]'],
    ['a search', 'query($f: PostFilter) { posts(filter: $f) { totalCount } }', { f: { search: `rust${NUL}` } }, '$f.search'],
  ])('in %s (a variable) is BAD_USER_INPUT naming the variable', async (_name, query, variables, where) => {
    const error = await errorOf(query, variables);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(`${where} contains a NUL character (\\u0000), which cannot be stored or searched; remove it`);
  });

  it.each([
    ['post(slug)', '{ post(slug: "a\\u0000") { id } }', 'slug'],
    ['a tag filter', '{ posts(filter: { tags: { none: ["\\u0000"] } }) { totalCount } }', 'filter.tags.none'],
    ['a search', '{ posts(filter: { search: "x\\u0000" }) { totalCount } }', 'filter.search'],
    ['a variable default', 'query($s: String = "\\u0000") { tag(slug: $s) { id } }', '$s'],
  ])('in %s (a literal) is BAD_USER_INPUT naming the argument', async (_name, query, where) => {
    const error = await errorOf(query);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(new RegExp(`^${where.replace(/[.$[\]]/g, '\\$&')} contains a NUL character`));
  });

  it.each([
    ['title', { title: `T${NUL}`, markdown: 'body' }],
    ['markdown', { title: 'T', markdown: `body${NUL}` }],
    ['excerpt', { title: 'T', markdown: 'body', excerpt: `${NUL}` }],
  ])('in createPost %s is BAD_USER_INPUT and writes nothing', async (field, input) => {
    const before = await app.db.prisma.post.count();
    const error = await errorOf(`mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`, { input }, author);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(new RegExp(`^\\$input\\.${field} contains a NUL character`));
    expect(await app.db.prisma.post.count()).toBe(before);
  });

  it('in upsertTag name is BAD_USER_INPUT', async () => {
    const error = await errorOf(`mutation { upsertTag(input: { slug: "t", name: "a\\u0000" }) { id } }`, {}, author);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^input\.name contains a NUL character/);
  });

  it('leaves other control characters and text alone', async () => {
    const { createPost } = await app.data(
      `mutation($input: CreatePostInput!) { createPost(input: $input) { title markdown } }`,
      { input: { title: 'Tab\there', markdown: 'A\u0001B 闭包 🎉' } },
      author,
    );
    expect(createPost).toEqual({ title: 'Tab\there', markdown: 'A\u0001B 闭包 🎉' });
  });
});

describe('a cursor holding a value out of the database range', () => {
  it.each([
    ['an id of 2147483648', 'posts(after: $c)', cursor('NEWEST', '2024-01-01T00:00:00.000Z', 2147483648)],
    ['an id of -2147483649', 'posts(before: $c)', cursor('NEWEST', '2024-01-01T00:00:00.000Z', -2147483649)],
    ['a date in year -271821', 'posts(after: $c)', cursor('NEWEST', '-271821-04-20T00:00:00.000Z', 1)],
    ['a date in year 275760', 'posts(after: $c)', cursor('NEWEST', '+275760-09-13T00:00:00.000Z', 1)],
    ['a score of 1e300', 'posts(orderBy: RELEVANCE, filter: { search: "post" }, after: $c)', cursor('RELEVANCE', 1e300, '2024-01-01T00:00:00.000Z', 1)],
    ['a score of 1e-300', 'posts(orderBy: RELEVANCE, filter: { search: "post" }, after: $c)', cursor('RELEVANCE', 1e-300, '2024-01-01T00:00:00.000Z', 1)],
    ['a post count of 1e12', 'tags(after: $c)', cursor('POPULAR', 1e12, 'git', 1)],
    ['a NUL in a name', 'tags(orderBy: NAME, after: $c)', cursor('NAME', `g${NUL}`, 1)],
  ])('%s is BAD_USER_INPUT', async (_name, field, value) => {
    const error = await errorOf(`query($c: String) { ${field} { totalCount } }`, { c: value });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/is not a valid cursor/);
  });

  it('still accepts the cursors the API hands out', async () => {
    const { posts } = await app.data(`{ posts(orderBy: RELEVANCE, filter: { search: "post" }, first: 1) { edges { cursor } } }`);
    const next = await app.data(`query($c: String) { posts(orderBy: RELEVANCE, filter: { search: "post" }, after: $c) { totalCount } }`, {
      c: posts.edges[0].cursor,
    });
    expect(next.posts.totalCount).toBe(1);
  });
});

describe('global ids', () => {
  const encoded = (raw: string) => Buffer.from(raw).toString('base64');

  it('resolve in their canonical form', async () => {
    expect(await app.data(`{ node(id: "${postId}") { id } }`)).toEqual({ node: { id: postId } });
    expect(Buffer.from(postId, 'base64').toString()).toMatch(/^Post:[1-9][0-9]*$/);
  });

  it.each([
    ['a space before the number', 'Post: ID'],
    ['a leading zero', 'Post:0ID'],
    ['a plus sign', 'Post:+ID'],
    ['an exponent', 'Post:IDe0'],
    ['a trailing space', 'Post:ID '],
  ])('with %s do not resolve', async (_name, raw) => {
    const rowId = Buffer.from(postId, 'base64').toString().split(':')[1]!;
    const id = encoded(raw.replace('ID', rowId));
    const result = await app.query(`{ node(id: "${id}") { id } }`);
    expect(result.data?.node ?? null).toBeNull();
    if (result.errors) expect(result.errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('in mutations that are not canonical are BAD_USER_INPUT or NOT_FOUND, never another post', async () => {
    const rowId = Buffer.from(postId, 'base64').toString().split(':')[1]!;
    const error = await errorOf(`mutation { unpublishPost(id: "${encoded(`Post:0${rowId}`)}") { id } }`, {}, author);
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(error.extensions?.code);
    expect((await app.data(`{ post(slug: "only") { status } }`)).post.status).toBe('PUBLISHED');
  });
});
