import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/server.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';
import { rawRequest } from '../support/raw-http.js';

// What the response cache must keep apart, and what it must send per response, over a real socket.
let app: TestApp;
let server: RunningServer;

beforeAll(async () => {
  app = await TestApp.start({ responseCache: { ttlSeconds: 300 } });
  server = await app.listen();
  await givenPost(app.db, { slug: 'negotiated', title: 'Negotiated' });
});

afterAll(async () => {
  await server?.close();
  await app?.stop();
});

function post(query: string, headers: Record<string, string> = {}) {
  return rawRequest(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
}

describe('the response cache and content negotiation', () => {
  it('keeps an answer per negotiated media type, and says that it varies on Accept', async () => {
    const query = '{ posts { edges { node { slug } } } }';
    const strict = await post(query, { accept: 'application/graphql-response+json' });
    expect(strict.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    const plain = await post(query, { accept: 'application/json' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(plain.headers.vary?.toLowerCase().split(/\s*,\s*/)).toEqual(expect.arrayContaining(['accept', 'accept-encoding']));
    expect(JSON.parse(plain.body.toString())).toMatchObject({ data: { posts: { edges: [{ node: { slug: 'negotiated' } }] } } });
  });

  it('sends a multipart answer with a length or chunked, never both', async () => {
    const query = '{ post(slug: "negotiated") { title } }';
    for (let n = 0; n < 2; n += 1) {
      const answer = await post(query, { accept: 'multipart/mixed' });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^multipart\/mixed/);
      const names = answer.rawHeaders.map(([name]) => name.toLowerCase());
      expect(names.filter((name) => name === 'content-length' || name === 'transfer-encoding'), `request ${n + 1}`).toHaveLength(1);
      expect(answer.body.toString()).toContain('"title":"Negotiated"');
    }
  });
});

describe('request bodies without a Content-Length', () => {
  it('answers a chunked POST, through the cache when anonymous', async () => {
    const body = JSON.stringify({ query: '{ post(slug: "negotiated") { title } }' });
    const chunked = () => rawRequest(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, chunks: [body.slice(0, 10), body.slice(10)] });
    const first = await chunked();
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body.toString())).toMatchObject({ data: { post: { title: 'Negotiated' } } });
    const { count } = await app.countStatements(async () => expect((await chunked()).body.equals(first.body)).toBe(true));
    expect(count).toBe(0);
  });

  it('answers a chunked POST made with a token', async () => {
    const body = JSON.stringify({ query: '{ post(slug: "negotiated") { title } }' });
    const answer = await rawRequest(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await app.authorHeaders()) }, chunks: [body] });
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('private, no-store');
    expect(JSON.parse(answer.body.toString())).toMatchObject({ data: { post: { title: 'Negotiated' } } });
  });

  it('refuses a chunked body once it passes the limit, saying how large it may be', async () => {
    const piece = 'x'.repeat(64 * 1024);
    const chunks = ['{"query":"{ posts { totalCount } }", "padding": "', ...Array.from({ length: 80 }, () => piece), '"}'];
    const answer = await rawRequest(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, chunks });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ errors: [{ message: expect.stringMatching(/at most 4194304 bytes/), extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});
