import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAnswer } from '../../src/delivery/route-answer.js';
import { graphQLCacheKey } from '../../src/http/cached-answers.js';
import { CorsPolicy } from '../../src/http/cors.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createFolioYoga } from '../../src/http/yoga.js';
import { createLogger } from '../../src/logger.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';
import { type RawAnswer, rawRequest } from '../support/raw-http.js';

// What a CDN in front of Folio sees: caching headers, validators, keys to purge by, compression
// and CORS, over a real socket.
const HTTP_CACHING = { maxAge: 10, sMaxAge: 600, staleWhileRevalidate: 30 };
const PUBLIC = 'public, max-age=10, s-maxage=600, stale-while-revalidate=30';

let app: TestApp;
let server: RunningServer;
let author: Record<string, string>;
const routeCalls: string[] = [];

const feed: RouteAnswer = { status: 200, contentType: 'application/rss+xml; charset=utf-8', body: `<rss>${'<item>entry</item>'.repeat(200)}</rss>`, keys: ['posts', 'post-1'] };

beforeAll(async () => {
  app = await TestApp.start({ responseCache: { ttlSeconds: 300 } });
  author = await app.authorHeaders();
  const markdown = 'Words that compress well, said again and again. '.repeat(40);
  await givenPost(app.db, { slug: 'cdn-first', title: 'First', markdown, tags: ['cdn'], publishedAt: new Date('2024-01-01T00:00:00Z') });
  await givenPost(app.db, { slug: 'cdn-second', title: 'Second', markdown, tags: ['cdn', 'other'], publishedAt: new Date('2024-01-02T00:00:00Z') });
  server = await listen(app.yoga, 0, '127.0.0.1', {
    responseCache: app.responseCache,
    db: app.db,
    httpCaching: HTTP_CACHING,
    routes: [
      async (path) => {
        routeCalls.push(path);
        if (path === '/feed.xml') return feed;
        if (path === '/gone.xml') return { status: 404, contentType: 'text/plain', body: 'gone', keys: [] };
        return null;
      },
    ],
  });
});

afterAll(async () => {
  await server?.close();
  await app?.stop();
});

const origin = () => server.url.replace('/graphql', '');

function getQuery(query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>, method = 'GET'): Promise<RawAnswer> {
  const search = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
  return rawRequest(`${server.url}?${search}`, { method, headers });
}

const json = (answer: RawAnswer) => JSON.parse(answer.body.toString('utf8'));
const surrogateKeys = (answer: RawAnswer) => String(answer.headers['surrogate-key']).split(' ');
const postId = async (slug: string) => (await app.db.prisma.post.findFirstOrThrow({ where: { slug } })).id;

describe('anonymous GET queries', () => {
  const query = '{ posts { edges { node { slug title } } } }';

  it('are cached, with public Cache-Control and a strong ETag', async () => {
    const first = await getQuery(query);
    expect(first.status).toBe(200);
    expect(json(first)).toMatchObject({ data: { posts: { edges: [{ node: { slug: 'cdn-second' } }, { node: { slug: 'cdn-first' } }] } } });
    expect(first.headers['cache-control']).toBe(PUBLIC);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    const { count } = await app.countStatements(async () => {
      const again = await getQuery(query);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.body.equals(first.body)).toBe(true);
    });
    expect(count).toBe(0);
  });

  it('answer 304 to a matching If-None-Match, weak or strong, or *', async () => {
    const { headers } = await getQuery(query);
    for (const ifNoneMatch of [headers.etag!, `W/${headers.etag}`, `"other", ${headers.etag}`, '*']) {
      const answer = await getQuery(query, { 'if-none-match': ifNoneMatch });
      expect(answer.status, ifNoneMatch).toBe(304);
      expect(answer.body.length).toBe(0);
      expect(answer.headers).toMatchObject({ etag: headers.etag, 'cache-control': PUBLIC });
    }
    expect((await getQuery(query, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answer HEAD with the headers of GET and no body', async () => {
    const get = await getQuery(query);
    const head = await getQuery(query, {}, undefined, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers).toMatchObject({ etag: get.headers.etag, 'content-length': String(get.body.length), 'cache-control': PUBLIC });
  });

  it('replay like a CDN: 304 until a change touches the answer, then 200 with a new ETag', async () => {
    const page = '{ post(slug: "cdn-first") { title } }';
    const { headers } = await getQuery(page);
    expect((await getQuery(page, { 'if-none-match': headers.etag! })).status).toBe(304);

    const id = (await app.data(`{ post(slug: "cdn-first") { id } }`)).post.id;
    await app.data(`mutation($id: ID!) { updatePost(id: $id, input: { title: "First, renamed" }) { id } }`, { id }, author);
    const changed = await getQuery(page, { 'if-none-match': headers.etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(headers.etag);
    expect(json(changed)).toMatchObject({ data: { post: { title: 'First, renamed' } } });

    // A change elsewhere forgets every kept answer, but the answer made again has the same bytes.
    await app.data(`mutation { createPost(input: { title: "Elsewhere", markdown: ".", status: DRAFT }) { id } }`, {}, author);
    const { count } = await app.countStatements(async () => expect((await getQuery(page, { 'if-none-match': changed.headers.etag! })).status).toBe(304));
    expect(count).toBeGreaterThan(0);
  });

  it('vary on the token headers, so no shared cache hands an anonymous answer to a token holder', async () => {
    const answer = await getQuery(query);
    expect(String(answer.headers.vary).toLowerCase().split(/\s*,\s*/)).toEqual(expect.arrayContaining(['authorization', 'x-preview-token']));
  });

  it('refuse variables or extensions that are not JSON objects, saying what to send', async () => {
    for (const [name, value] of [['variables', '{bad'], ['extensions', '{bad'], ['variables', '[1]'], ['variables', '"text"']]) {
      const search = new URLSearchParams({ query: '{ site { title } }', [name!]: value! });
      for (const headers of [{}, author]) {
        const answer = await rawRequest(`${server.url}?${search}`, { headers });
        expect(answer.status).toBe(400);
        expect(json(answer)).toMatchObject({
          errors: [{ message: expect.stringContaining(`The ${name} parameter must be a JSON object`), extensions: { code: 'BAD_USER_INPUT' } }],
        });
      }
    }
  });

  it('go through the cache for a persisted query named by its hash, and reach GraphQL on a miss', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } });
    const answer = await rawRequest(`${server.url}?${new URLSearchParams({ extensions })}`);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(json(answer)).toMatchObject({ errors: [expect.anything()] });
  });

  it('are never cached with a token or a preview token, and say so', async () => {
    const id = Buffer.from(`Post:${await postId('cdn-first')}`).toString('base64');
    const preview = await app.data(`mutation($id: ID!) { createPreview(postId: $id) { token } }`, { id }, author);
    const token: string = preview.createPreview.token;
    for (const [headers, variables] of [[author, undefined], [{ 'x-preview-token': token }, undefined], [{}, { previewToken: token }]] as const) {
      await getQuery(query, headers, variables);
      const { count } = await app.countStatements(async () => {
        const answer = await getQuery(query, headers, variables);
        expect(answer.status).toBe(200);
        expect(answer.headers['cache-control']).toBe('private, no-store');
      });
      expect(count, JSON.stringify(headers)).toBeGreaterThan(0);
    }
  });
});

describe('POST answers', () => {
  it('come from the cache with an ETag but are not for shared caches to keep; mutations never are', async () => {
    const post = (query: string, headers: Record<string, string> = {}) =>
      rawRequest(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    const answer = await post('{ tags { edges { node { slug } } } }');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers.etag).toMatch(/^"/);
    const mutation = await post('mutation { upsertTag(input: { slug: "posted", name: "Posted" }) { slug } }', author);
    expect(json(mutation)).toMatchObject({ data: { upsertTag: { slug: 'posted' } } });
    expect(mutation.headers['cache-control']).toBe('private, no-store');
  });
});

describe('Surrogate-Key and Cache-Tag', () => {
  it('name the post and its tags on a post page', async () => {
    const id = await postId('cdn-second');
    const tags = await app.db.prisma.tag.findMany({ where: { slug: { in: ['cdn', 'other'] } } });
    const answer = await getQuery('{ post(slug: "cdn-second") { title tags { slug } } }');
    expect(surrogateKeys(answer).sort()).toEqual([`post-${id}`, ...tags.map((tag) => `tag-${tag.id}`)].sort());
    expect(String(answer.headers['cache-tag']).split(',').sort()).toEqual(surrogateKeys(answer).sort());
  });

  it('name the list and every post on it, and are sent again from the cache', async () => {
    const query = '{ posts(first: 10) { totalCount edges { node { slug } } } }';
    const ids = await Promise.all(['cdn-first', 'cdn-second'].map(postId));
    const first = await getQuery(query);
    expect(surrogateKeys(first)).toEqual(expect.arrayContaining(['posts', ...ids.map((id) => `post-${id}`)]));
    const again = await getQuery(query);
    expect(again.headers['surrogate-key']).toBe(first.headers['surrogate-key']);
  });

  it('name the tag and the list of posts on a tag page', async () => {
    const tag = await app.db.prisma.tag.findFirstOrThrow({ where: { slug: 'other' } });
    const answer = await getQuery('{ tag(slug: "other") { name postCount posts { edges { node { slug } } } } }');
    expect(surrogateKeys(answer)).toEqual(expect.arrayContaining([`tag-${tag.id}`, 'posts', `post-${await postId('cdn-second')}`]));
  });

  it('name the list a missing post, page, tag or author would join, so that its arrival purges the miss', async () => {
    const answer = await getQuery('{ post(slug: "not-yet") { title } page(slug: "not-yet") { title } tag(slug: "not-yet") { name } author(slug: "not-yet") { name } }');
    expect(json(answer)).toMatchObject({ data: { post: null, page: null, tag: null, author: null } });
    expect(surrogateKeys(answer).sort()).toEqual(['authors', 'pages', 'posts', 'tags']);
  });

  it('name nodes reached through node(id) by their own type', async () => {
    const { post } = await app.data(`{ post(slug: "cdn-first") { id } }`);
    const answer = await getQuery('query($id: ID!) { node(id: $id) { id } }', {}, { id: post.id });
    expect(surrogateKeys(answer)).toEqual([`post-${await postId('cdn-first')}`]);
  });
});

describe('compression', () => {
  const big = '{ posts { edges { node { slug title excerpt html } } } }';

  it('sends br or gzip by Accept-Encoding and its q-values, each with its own ETag', async () => {
    const plain = await getQuery(big);
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await getQuery(big, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gzip = await getQuery(big, { 'accept-encoding': 'br;q=0.5, gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
    expect((await getQuery(big, { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect((await getQuery(big, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! })).status).toBe(304);
  });

  it('compresses a kept answer once, in every coding, when it is kept', async () => {
    const query = '{ posts(first: 2) { edges { node { slug title excerpt html } } } }';
    const gzip = await getQuery(query, { 'accept-encoding': 'gzip' });
    const key = graphQLCacheKey(new CorsPolicy(null), {}, { search: new URLSearchParams({ query }).toString() });
    const kept = (await app.responseCache!.lookup(key!)).answer!;
    expect(Object.keys(kept.encoded).sort()).toEqual(['br', 'gzip']);
    expect(kept.encoded.gzip!.body.equals(gzip.body)).toBe(true);
    const br = await getQuery(query, { 'accept-encoding': 'br' });
    expect(br.body.equals(kept.encoded.br!.body)).toBe(true);
  });

  it('leaves small answers as they are', async () => {
    const answer = await getQuery('{ posts { totalCount } }', { 'accept-encoding': 'br' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toMatch(/Accept-Encoding/);
  });
});

describe('routes other than GraphQL', () => {
  it('are cached and sent with the same headers as a query', async () => {
    routeCalls.length = 0;
    const first = await rawRequest(`${origin()}/feed.xml`, { headers: { 'accept-encoding': 'gzip' } });
    expect(first.status).toBe(200);
    expect(first.headers).toMatchObject({ 'content-type': feed.contentType, 'cache-control': PUBLIC, 'content-encoding': 'gzip', 'surrogate-key': 'posts post-1' });
    expect(gunzipSync(first.body).toString()).toBe(feed.body);
    const again = await rawRequest(`${origin()}/feed.xml`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag! } });
    expect(again.status).toBe(304);
    const head = await rawRequest(`${origin()}/feed.xml`, { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, headers: { 'content-length': String(feed.body.length) } });
    expect(head.body.length).toBe(0);
    expect(routeCalls).toEqual(['/feed.xml']);
  });

  it('send an answer other than 200 without keeping it', async () => {
    routeCalls.length = 0;
    for (let n = 0; n < 2; n += 1) {
      const answer = await rawRequest(`${origin()}/gone.xml`);
      expect(answer).toMatchObject({ status: 404, headers: { 'cache-control': 'no-store' } });
      expect(answer.body.toString()).toBe('gone');
    }
    expect(routeCalls).toEqual(['/gone.xml', '/gone.xml']);
  });

  it('leave paths no route knows to GraphQL', async () => {
    expect((await rawRequest(`${origin()}/unknown`)).status).toBe(404);
  });
});

describe('CORS', () => {
  it('lets any origin in by default, without credentials or Vary: Origin', async () => {
    const answer = await getQuery('{ posts { totalCount } }', { origin: 'https://anywhere.example' });
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    expect(answer.headers.vary).not.toMatch(/Origin/);
  });

  describe('with CORS_ORIGINS', () => {
    let listed: RunningServer;

    beforeAll(async () => {
      const yoga = createFolioYoga({ db: app.db, logger: createLogger('silent'), corsOrigins: ['https://blog.example', 'https://www.blog.example'] });
      listed = await listen(yoga, 0, '127.0.0.1', { responseCache: app.responseCache, db: app.db, httpCaching: HTTP_CACHING });
    });

    afterAll(async () => {
      await listed?.close();
    });

    const get = (from: string) => rawRequest(`${listed.url}?${new URLSearchParams({ query: '{ tags { totalCount } }' })}`, { headers: { origin: from } });

    it('echoes only the listed origins, keeping answers apart by them', async () => {
      for (let n = 0; n < 2; n += 1) {
        const allowed = await get('https://blog.example');
        expect(allowed.headers['access-control-allow-origin']).toBe('https://blog.example');
        expect(allowed.headers.vary).toMatch(/Origin/);
        expect((await get('https://www.blog.example')).headers['access-control-allow-origin']).toBe('https://www.blog.example');
        const other = await get('https://evil.example');
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
        expect(other.headers.vary).toMatch(/Origin/);
      }
    });

    it('answers preflights for listed origins with how long to keep them', async () => {
      const preflight = (from: string) =>
        rawRequest(listed.url, { method: 'OPTIONS', headers: { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });
      const allowed = await preflight('https://blog.example');
      expect(allowed.status).toBe(204);
      expect(allowed.headers).toMatchObject({
        'access-control-allow-origin': 'https://blog.example',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-max-age': '86400',
      });
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
