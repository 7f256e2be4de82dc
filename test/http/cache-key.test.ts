import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/http/cache-key.js';
import type { RunningServer } from '../../src/http/server.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

const body = (request: Record<string, unknown>) => ({ body: JSON.stringify(request) });

describe('the response cache key', () => {
  it('is the same however the query is spelled: comments, whitespace, commas', () => {
    const plain = cacheKey(body({ query: '{ posts { totalCount } }' }), '');
    expect(plain).not.toBeNull();
    for (const query of ['{posts{totalCount}}', '# 1\n{ posts { totalCount } } # 2', '{\n  posts ,{ totalCount, }\n}\n', 'query { posts { totalCount } }']) {
      expect(cacheKey(body({ query }), ''), query).toBe(plain);
    }
  });

  it('is the same whatever the order of the variables', () => {
    const query = 'query($a: Int, $b: Int) { posts(first: $a, last: $b) { totalCount } }';
    expect(cacheKey(body({ query, variables: { a: 1, b: 2 } }), '')).toBe(cacheKey(body({ variables: { b: 2, a: 1 }, query }), ''));
  });

  it('differs for what changes the answer: variables, operation, extensions, Origin', () => {
    const query = 'query One($n: Int) { posts(first: $n) { totalCount } } query Two { tags { totalCount } }';
    const keys = [
      cacheKey(body({ query, variables: { n: 1 }, operationName: 'One' }), ''),
      cacheKey(body({ query, variables: { n: 2 }, operationName: 'One' }), ''),
      cacheKey(body({ query, operationName: 'Two' }), ''),
      cacheKey(body({ query, operationName: 'Two', extensions: { x: 1 } }), ''),
      cacheKey(body({ query, operationName: 'Two' }), 'https://blog.example'),
      cacheKey(body({ query: '{ posts { totalCount } } { "a" }' }), ''),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keys a GET by the same request as a POST, and a persisted query by its hash and variables', () => {
    const query = 'query($n: Int) { posts(first: $n) { totalCount } }';
    const search = (params: Record<string, string>) => ({ search: new URLSearchParams(params).toString() });
    expect(cacheKey(search({ query, variables: '{"n":1}' }), '')).toBe(cacheKey(body({ query, variables: { n: 1 } }), ''));
    const persisted = (hash: string, n: number) => search({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }), variables: JSON.stringify({ n }) });
    expect(cacheKey(persisted('abc', 1), '')).not.toBeNull();
    expect(cacheKey(persisted('abc', 1), '')).toBe(cacheKey(persisted('abc', 1), ''));
    expect(new Set([cacheKey(persisted('abc', 1), ''), cacheKey(persisted('abc', 2), ''), cacheKey(persisted('abd', 1), '')]).size).toBe(3);
    expect(cacheKey(search({ variables: '{}' }), '')).toBeNull();
  });

  it('is null for a request with a preview token among its variables', () => {
    expect(cacheKey(body({ query: '{ posts { totalCount } }', variables: { previewToken: 'x' } }), '')).toBeNull();
  });

  it('is null for a body that is not one GraphQL request', () => {
    for (const wrong of ['not json', '[{"query":"{ posts { totalCount } }"}]', '{"query":"{ posts { "}', '{"query":1}', '{"query":"{ a }","variables":[1]}', '{"query":"{ a }","operationName":2}']) {
      expect(cacheKey({ body: wrong }, ''), wrong).toBeNull();
    }
  });
});

describe('the response cache over HTTP', () => {
  let app: TestApp;
  let server: RunningServer;

  beforeAll(async () => {
    app = await TestApp.start({ responseCache: { ttlSeconds: 300 } });
    server = await app.listen();
    await givenPost(app.db, { slug: 'one' });
  });

  afterAll(async () => {
    await server?.close();
    await app?.stop();
  });

  const post = (query: string) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  it('answers a query from the cache when only its comments or whitespace differ', async () => {
    const first = await (await post('{ posts { totalCount } }')).json();
    const { count } = await app.countStatements(async () => {
      for (let n = 0; n < 3; n += 1) expect(await (await post(`# ${n}\n{posts{ totalCount }}`)).json()).toEqual(first);
    });
    expect(count).toBe(0);
  });

  it('answers bodies that are not one GraphQL request through GraphQL, with its error', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ posts { "}' });
    expect((await response.json()).errors[0].message).toMatch(/Syntax Error/);
  });
});
