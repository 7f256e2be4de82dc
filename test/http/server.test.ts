import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// The HTTP layer over a real socket: what in-process tests through yoga.fetch cannot show.
let app: TestApp;
let server: RunningServer;

beforeAll(async () => {
  app = await TestApp.start();
  await givenPost(app.db, { slug: 'over-the-wire', tags: ['git'] });
  server = await listen(app.yoga, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await app?.stop();
});

describe('the HTTP server', () => {
  it('answers a query over the socket with a request id', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ posts(first: 3) { totalCount edges { node { slug tags { slug } } } } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      data: { posts: { totalCount: 1, edges: [{ node: { slug: 'over-the-wire', tags: [{ slug: 'git' }] } }] } },
      extensions: { cost: { requested: 63, limit: 20_000 } },
    });
  });

  it('allows cross-origin requests from browsers', async () => {
    const response = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://blog.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses an oversized body before reading it', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ posts { totalCount } } # ${'x'.repeat(5_000_000)}` }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers a body of unannounced length, counting it as it arrives', async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(server.url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      request.on('error', reject);
      request.write('{"query":"{ __typename }"}'); // written in chunks: no Content-Length
      request.end();
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('answers a body that is not JSON with a client error', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].message).toMatch(/JSON/i);
  });

  it('reports health', async () => {
    const response = await fetch(server.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
  });

  it('shuts down while a client holds a keep-alive connection', async () => {
    const own = await listen(app.yoga, 0, '127.0.0.1');
    await fetch(own.url, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'keep-alive' }, body: '{"query":"{ __typename }"}' });
    await expect(own.close()).resolves.toBeUndefined();
  });
});
