import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseIdentityOf } from '../../src/db/queries/database-identity.js';
import { createLogger } from '../../src/logger.js';
import { MAX_PERSISTED_QUERY_LENGTH } from '../../src/http/persisted-queries.js';
import { RedisQueryStore } from '../../src/http/redis-query-store.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createFolioYoga } from '../../src/http/yoga.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';
import { findRedisServer, ThrowawayRedis } from '../support/redis-server.js';

// Automatic Persisted Queries, spoken by the real Apollo Client and its PersistedQueryLink
// against a real server: a client sends a query's hash alone, and the query once, when the
// server does not know the hash yet.
interface Sent {
  method: string;
  hashOnly: boolean;
  status: number;
}

const POSTS = gql`
  query Posts {
    posts {
      edges {
        node {
          slug
        }
      }
    }
  }
`;
const TAGS = gql`
  query Tags {
    tags {
      edges {
        node {
          slug
        }
      }
    }
  }
`;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** An Apollo Client with PersistedQueryLink that records each request it sends. */
function apolloClient(uri: string, { useGETForHashedQueries = false } = {}) {
  const sent: Sent[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = method === 'POST' ? (JSON.parse(String(init!.body)) as { query?: string; extensions?: unknown }) : null;
    const hasHash = method === 'GET' ? url.searchParams.has('extensions') : body?.extensions !== undefined;
    const hasQuery = method === 'GET' ? url.searchParams.has('query') : body?.query !== undefined;
    const response = await fetch(input, init);
    sent.push({ method, hashOnly: hasHash && !hasQuery, status: response.status });
    return response;
  };
  const client = new ApolloClient({
    link: ApolloLink.from([new PersistedQueryLink({ sha256, useGETForHashedQueries }), new HttpLink({ uri, fetch: recordingFetch })]),
    cache: new InMemoryCache(),
  });
  const read = async (query = POSTS) => (await client.query({ query, fetchPolicy: 'network-only' })).data;
  return { sent, read };
}

async function post(url: string, body: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const PUBLISHED = { posts: { edges: [{ node: { slug: 'kept' } }] } };

describe('persisted queries kept in memory', () => {
  let app: TestApp;
  let server: RunningServer;

  beforeAll(async () => {
    // With the response cache, as `npm start` serves.
    app = await TestApp.start({ responseCache: { ttlSeconds: 60 } });
    server = await app.listen();
    await givenPost(app.db, { slug: 'kept' });
  });

  afterAll(async () => {
    await server?.close();
    await app?.stop();
  });

  it('answers an unknown hash PersistedQueryNotFound, then keeps the query the client sends, then answers the hash alone', async () => {
    const { sent, read } = apolloClient(server.url);
    expect(await read()).toMatchObject(PUBLISHED);
    expect(sent).toEqual([
      { method: 'POST', hashOnly: true, status: 404 },
      { method: 'POST', hashOnly: false, status: 200 },
    ]);
    expect(await read()).toMatchObject(PUBLISHED);
    expect(sent[2]).toEqual({ method: 'POST', hashOnly: true, status: 200 });
    expect(sent).toHaveLength(3);
  });

  it('answers hashed queries sent with GET', async () => {
    const { sent, read } = apolloClient(server.url, { useGETForHashedQueries: true });
    expect(await read(TAGS)).toMatchObject({ tags: { edges: [] } });
    expect(sent).toEqual([
      { method: 'GET', hashOnly: true, status: 404 },
      { method: 'POST', hashOnly: false, status: 200 },
    ]);
    await read(TAGS);
    // A client that never sent the query gets it by its hash from the first request.
    const other = apolloClient(server.url, { useGETForHashedQueries: true });
    expect(await other.read(TAGS)).toMatchObject({ tags: { edges: [] } });
    expect([sent[2], ...other.sent]).toEqual([
      { method: 'GET', hashOnly: true, status: 200 },
      { method: 'GET', hashOnly: true, status: 200 },
    ]);
  });

  it('answers the format Apollo expects for an unknown hash', async () => {
    const answer = await post(server.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ unknown }') } } });
    expect(answer).toMatchObject({ status: 404, body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } });
  });

  it('refuses a hash that is not the query’s, saying which hash the query has', async () => {
    const query = '{ posts { totalCount } }';
    const answer = await post(server.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('something else') } } });
    expect(answer).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
    expect(answer.body.errors[0].message).toContain(`the query sent hashes to "${sha256(query)}"`);
    // Nothing was kept under the wrong hash.
    const again = await post(server.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('something else') } } });
    expect(again.status).toBe(404);
  });

  it('holds a persisted query to the same limits as any', async () => {
    const deep = `{ post(slug: "kept") { ${'previous { '.repeat(12)}slug${' }'.repeat(12)} } }`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(deep) } };
    const first = await post(server.url, { query: deep, extensions });
    expect(first.body).toMatchObject({ errors: [{ message: expect.stringContaining('depth'), extensions: { code: 'BAD_USER_INPUT' } }] });
    const byHash = await post(server.url, { extensions });
    expect(byHash.body).toEqual(first.body);
  });

  it('answers a query too long to keep, without keeping it', async () => {
    const long = `# ${'x'.repeat(MAX_PERSISTED_QUERY_LENGTH)}\n{ posts { totalCount } }`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(long) } };
    expect(await post(server.url, { query: long, extensions })).toMatchObject({ status: 200, body: { data: { posts: { totalCount: 1 } } } });
    expect(await post(server.url, { extensions })).toMatchObject({ status: 404 });
  });
});

const redisServer = findRedisServer();

describe.runIf(redisServer)('persisted queries shared through Redis', () => {
  let redis: ThrowawayRedis;
  let app: TestApp;
  let servers: RunningServer[];
  let stores: RedisQueryStore[];
  let logLines: string[];

  beforeAll(async () => {
    redis = await ThrowawayRedis.start(redisServer!);
    app = await TestApp.start();
    await givenPost(app.db, { slug: 'kept' });
  });

  afterAll(async () => {
    await redis?.stop();
    await app?.stop();
  });

  beforeEach(async () => {
    logLines = [];
    const logger = pino({ level: 'info', base: undefined }, { write: (line: string) => void logLines.push(line) });
    const { databaseId } = await databaseIdentityOf(app.db);
    stores = await Promise.all([0, 1].map(() => RedisQueryStore.open({ url: redis.url, databaseId, logger })));
    servers = await Promise.all(
      stores.map((persistedQueryStore) =>
        listen(createFolioYoga({ db: app.db, logger: createLogger('silent'), persistedQueryStore }), 0, '127.0.0.1', { db: app.db }),
      ),
    );
  });

  afterEach(async () => {
    if (!redis.running) await redis.restart();
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(stores.map((store) => store.close()));
  });

  it('lets every server of the database answer a query one of them was sent', async () => {
    const first = apolloClient(servers[0]!.url);
    expect(await first.read()).toMatchObject(PUBLISHED);
    expect(first.sent.map((sent) => sent.status)).toEqual([404, 200]);
    const second = apolloClient(servers[1]!.url);
    expect(await second.read()).toMatchObject(PUBLISHED);
    expect(second.sent).toEqual([{ method: 'POST', hashOnly: true, status: 200 }]);
  });

  it('answers every query while Redis is down, the client sending it whole, and logs the outage once', async () => {
    await redis.kill();
    for (const server of servers) {
      for (let n = 0; n < 5; n += 1) {
        const client = apolloClient(server.url);
        expect(await client.read(TAGS)).toMatchObject({ tags: { edges: [] } });
        expect(client.sent.map((sent) => sent.status)).toEqual([404, 200]);
      }
    }
    const messages = logLines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual([
      'Redis is unavailable; clients send persisted queries whole until it is back',
      'Redis is unavailable; clients send persisted queries whole until it is back',
    ]);
  });
});
