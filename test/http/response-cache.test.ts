import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatabaseIdentity } from '../../src/db/queries/database-identity.js';
import { redisKeyPrefix } from '../../src/http/redis-client.js';
import type { RunningServer } from '../../src/http/server.js';
import { type GraphQLResponse, TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// The response cache answers repeated anonymous queries without running GraphQL, and must never
// serve what a change replaced: each mutation is followed at once by reads that were cached
// before it. REDIS_URL runs the same checks on a shared Redis.
const caches = [
  ['in memory', undefined],
  ...(process.env.REDIS_URL ? [['in Redis', process.env.REDIS_URL] as const] : []),
] as const;

const READS = {
  list: `{ posts { totalCount edges { node { slug title excerpt tags { slug name } } } } }`,
  count: `{ posts { totalCount } }`,
  tag: `{ tag(slug: "shared") { name postCount posts { totalCount edges { node { slug } } } } }`,
  archive: `{ archive { year postCount months { month postCount } } }`,
  lookup: `{ post(slug: "fresh") { title } }`,
  search: `{ posts(filter: { search: "zebra" }) { totalCount } }`,
  tags: `{ tags(orderBy: NAME) { edges { node { slug name } } } }`,
};

describe.each(caches)('the response cache %s', (_name, redisUrl) => {
  let app: TestApp;
  let server: RunningServer;
  let author: Record<string, string>;

  beforeAll(async () => {
    app = await TestApp.start({ responseCache: { ttlSeconds: 300, ...(redisUrl ? { redisUrl } : {}) } });
    server = await app.listen();
    author = await app.authorHeaders();
    await givenPost(app.db, { slug: 'first', title: 'First', tags: ['shared'], publishedAt: new Date('2024-01-01T00:00:00Z') });
  });

  afterAll(async () => {
    await server?.close();
    if (redisUrl) await removeKeys(redisUrl, redisKeyPrefix((await readDatabaseIdentity(app.db)).databaseId));
    await app?.stop();
  });

  async function http(query: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  }

  async function data(query: string, headers: Record<string, string> = {}) {
    const body = (await (await http(query, headers)).json()) as GraphQLResponse;
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data as Record<string, any>;
  }

  /** Every read over the socket, through the cache. */
  async function readAll() {
    return Object.fromEntries(await Promise.all(Object.entries(READS).map(async ([key, query]) => [key, await data(query)])));
  }

  /** What every read answers from the database: the same API in-process, where no cache sits. */
  async function readAllUncached() {
    return Object.fromEntries(await Promise.all(Object.entries(READS).map(async ([key, query]) => [key, await app.data(query)])));
  }

  it('answers a repeated anonymous query without touching the database, headers and all', async () => {
    const first = await http(READS.list, { origin: 'https://blog.example' });
    const { count } = await app.countStatements(async () => {
      const again = await http(READS.list, { origin: 'https://blog.example' });
      expect(again.status).toBe(200);
      expect(again.headers.get('access-control-allow-origin')).toBe('*');
      expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
      expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
      expect(await again.text()).toBe(await first.text());
    });
    expect(count).toBe(0);
  });

  it('does not cache requests made with a token, nor answers with errors', async () => {
    await http(READS.list, author);
    expect((await app.countStatements(() => http(READS.list, author))).count).toBeGreaterThan(0);
    const partlyWrong = `{ posts { totalCount } node(id: "not-an-id!") { id } }`;
    await http(partlyWrong);
    expect((await app.countStatements(() => http(partlyWrong))).count).toBeGreaterThan(0);
  });

  const mutations: [string, () => Promise<unknown>][] = [
    ['createPost', () => data(`mutation { createPost(input: { title: "Zebra", slug: "fresh", markdown: "zebra", tags: ["shared"], status: PUBLISHED, publishedAt: "2024-02-01T00:00:00Z" }) { id } }`, author)],
    ['updatePost', async () => data(`mutation { updatePost(id: "${await postId('fresh')}", input: { title: "Zebra, renamed", tags: ["other"] }) { id } }`, author)],
    ['unpublishPost', async () => data(`mutation { unpublishPost(id: "${await postId('fresh')}") { id } }`, author)],
    ['publishPost', async () => data(`mutation { publishPost(id: "${await postId('fresh')}") { id } }`, author)],
    ['upsertTag', () => data(`mutation { upsertTag(input: { slug: "shared", name: "Shared, renamed" }) { id } }`, author)],
    ['deleteTag', async () => data(`mutation { deleteTag(id: "${(await app.data(`{ tag(slug: "other") { id } }`)).tag.id}") }`, author)],
    ['deletePost', async () => data(`mutation { deletePost(id: "${await postId('fresh')}") }`, author)],
  ];

  async function postId(slug: string): Promise<string> {
    return (await app.data(`query($slug: String!) { post(slug: $slug) { id } }`, { slug }, author)).post.id;
  }

  it.each(mutations)('serves fresh data right after %s', async (_mutation, mutate) => {
    await readAll(); // fill the cache
    const cachedBefore = await readAll();
    await mutate();
    const after = await readAll();
    expect(after).toEqual(await readAllUncached());
    expect(after).not.toEqual(cachedBefore);
  });

  it('lets a scheduled post appear on time, however long the cache would keep the page', async () => {
    await app.data(`mutation($at: DateTime) { createPost(input: { title: "Later", slug: "later", markdown: ".", status: PUBLISHED, publishedAt: $at }) { id } }`, {
      at: new Date(Date.now() + 1200).toISOString(),
    }, author);
    const before = await data(`{ posts(first: 1) { edges { node { slug } } } }`);
    expect(before.posts.edges[0]?.node.slug).not.toBe('later');
    await new Promise((resolve) => setTimeout(resolve, 1400));
    const after = await data(`{ posts(first: 1) { edges { node { slug } } } }`);
    expect(after.posts.edges[0].node.slug).toBe('later');
  });
});

async function removeKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
