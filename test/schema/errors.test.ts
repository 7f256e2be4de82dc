import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

let app: TestApp;
let newestCursor: string;

beforeAll(async () => {
  app = await TestApp.start();
  await givenPost(app.db, { slug: 'only', tags: ['git'] });
  const { posts } = await app.data(`{ posts(first: 1) { edges { cursor } } }`);
  newestCursor = posts.edges[0].cursor;
});

afterAll(() => app?.stop());

async function errorOf(query: string, variables: Record<string, unknown> = {}) {
  const result = await app.query(query, variables);
  expect(result.errors, `expected an error from ${query}`).toBeDefined();
  return result.errors![0]!;
}

describe('bad input gets BAD_USER_INPUT with a message saying what to change', () => {
  it.each([
    ['first over 100', '{ posts(first: 101) { totalCount } }', /between 0 and 100/],
    ['negative last', '{ posts(last: -1) { totalCount } }', /between 0 and 100/],
    ['first and last together', '{ posts(first: 5, last: 5) { totalCount } }', /not both/],
    ['a cursor that is not one', '{ posts(after: "bm90IGEgY3Vyc29y") { totalCount } }', /not a valid cursor/],
    ['a cursor with bad characters', '{ posts(after: "%%%") { totalCount } }', /not a valid cursor/],
    ['month without year', '{ posts(filter: { month: 5 }) { totalCount } }', /needs filter.year/],
    ['month 13', '{ posts(filter: { year: 2024, month: 13 }) { totalCount } }', /from 1 to 12/],
    ['year 0', '{ posts(filter: { year: 0 }) { totalCount } }', /from 1 to 9999/],
    ['RELEVANCE without search', '{ posts(orderBy: RELEVANCE) { totalCount } }', /needs filter.search/],
    ['a search of punctuation', '{ posts(filter: { search: "!!!" }) { totalCount } }', /at least one word/],
    ['a search too long', `{ posts(filter: { search: "${'a '.repeat(150)}" }) { totalCount } }`, /limited to 200 characters/],
    ['too many tags', `{ posts(filter: { tags: { any: [${Array.from({ length: 21 }, (_, i) => `"t${i}"`).join(',')}] } }) { totalCount } }`, /at most 20/],
    ['related(first: 21)', '{ post(slug: "only") { related(first: 21) { slug } } }', /between 0 and 20/],
    ['tags(first: 500)', '{ tags(first: 500) { totalCount } }', /between 0 and 100/],
  ])('%s', async (_name, query, message) => {
    const error = await errorOf(query);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });

  it('refuses a cursor from another ordering', async () => {
    const error = await errorOf(`query($after: String) { posts(orderBy: OLDEST, after: $after) { totalCount } }`, { after: newestCursor });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/cursor for orderBy: NEWEST/);
  });

  it('refuses a post cursor in the tag list', async () => {
    const error = await errorOf(`query($after: String) { tags(after: $after) { totalCount } }`, { after: newestCursor });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an invalid date in a variable', async () => {
    const error = await errorOf(`query($after: DateTime) { posts(filter: { publishedAfter: $after }) { totalCount } }`, { after: 'last tuesday' });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/got invalid value "last tuesday".*DateTime/);
  });

  it('refuses a variable of the wrong type', async () => {
    const error = await errorOf(`query($first: Int) { posts(first: $first) { totalCount } }`, { first: 'ten' });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/Int cannot represent/);
  });
});

describe('malformed requests', () => {
  it('answers a syntax error with a code and the location', async () => {
    const error = await errorOf('{ posts(first: 5 { totalCount } }');
    expect(error.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(error.message).toMatch(/Syntax Error/);
  });

  it('answers an unknown field with a code and a suggestion', async () => {
    const error = await errorOf('{ posts { totalCont } }');
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/Did you mean "totalCount"/);
  });

  it('refuses a malformed global id and finds nothing for a well-formed unknown one', async () => {
    const error = await errorOf(`{ node(id: "not-base64!") { id } }`);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/is not an id from this API/);
    const unknown = Buffer.from('Post:999999').toString('base64');
    const notANumber = Buffer.from('Post:abc').toString('base64');
    expect(await app.data(`{ a: node(id: "${unknown}") { id } b: node(id: "${notANumber}") { id } }`)).toEqual({ a: null, b: null });
  });

  it.each([
    ['nested deeper than the limit', `{ posts { edges { node { ${'related { '.repeat(10)}slug${' }'.repeat(10)} } } } }`, /depth limit of 12/],
    ['with too many aliases', `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: posts { totalCount }`).join(' ')} }`, /Aliases limit of 30/],
    ['that would cost too much', '{ posts(first: 100) { edges { node { related(first: 20) { related(first: 20) { related(first: 20) { slug } } } } } } }', /costs \d+, more than the limit of 20000/],
  ])('refuses queries %s, before running them', async (_name, query, message) => {
    const error = await errorOf(query);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/Syntax Error/);
  });
});

describe('unexpected failures', () => {
  it('are masked: a code and a request id, no SQL or stack', async () => {
    const broken = await TestApp.start();
    await givenPost(broken.db, { slug: 'x', tags: ['git'] });
    await broken.db.prisma.$executeRawUnsafe('DROP TABLE post_tags');
    const result = await broken.query('{ posts { edges { node { slug tags { slug } } } } }');
    await broken.stop();
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(result)).not.toMatch(/post_tags|SELECT|at .*\.ts/);
  });
});
