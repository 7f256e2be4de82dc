import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { type CachedServer, serveWithCache } from '../support/cached-server.js';
import { givenPost } from '../support/posts.js';
import { freePort } from '../support/test-server.js';

// Redis is an accelerator: with none listening where REDIS_URL points, every request is answered
// through GraphQL, and the log says so once. (test/faults/ kills a real Redis under load.)
describe('the response cache with Redis unreachable', () => {
  let app: TestApp;
  let server: CachedServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'info', base: undefined }, { write: (line: string) => void logLines.push(line) });
    app = await TestApp.start();
    server = await serveWithCache(app.db, { logger, ttlSeconds: 300, redisUrl: `redis://127.0.0.1:${await freePort()}` });
    await givenPost(app.db, { slug: 'still-here', title: 'Still here' });
  });

  afterAll(async () => {
    await server?.close();
    await app?.stop();
  });

  async function send(query: string, headers: Record<string, string> = {}) {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(2000),
    });
    return { status: response.status, body: await response.json() };
  }

  it('answers reads through GraphQL and writes at once, logging the outage once', async () => {
    for (let n = 0; n < 10; n += 1) {
      expect(await send(`{ posts { edges { node { title } } } }`)).toMatchObject({ status: 200, body: { data: { posts: { edges: [{ node: { title: 'Still here' } }] } } } });
    }
    const written = await send(`mutation { createPost(input: { title: "Written", markdown: "." }) { title } }`, await app.authorHeaders());
    expect(written).toMatchObject({ status: 200, body: { data: { createPost: { title: 'Written' } } } });

    const messages = logLines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(['Redis is unavailable; answering without the response cache until it is back']);
  });
});
