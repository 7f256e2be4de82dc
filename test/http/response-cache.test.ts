import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { redisKeyPrefix } from '../../src/http/response-cache.js';
import { createFolioYoga } from '../../src/http/yoga.js';
import { createLogger } from '../../src/logger.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// The response cache must never serve what a change replaced: each mutation is followed at
// once by reads that were cached before it. REDIS_URL runs the same checks on a shared Redis.
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
  let author: Record<string, string>;

  beforeAll(async () => {
    app = await TestApp.start({ responseCache: { ttlSeconds: 300, ...(redisUrl ? { redisUrl } : {}) } });
    author = await app.authorHeaders();
    await givenPost(app.db, { slug: 'first', title: 'First', tags: ['shared'], publishedAt: new Date('2024-01-01T00:00:00Z') });
  });

  afterAll(async () => {
    if (redisUrl) await removeKeys(redisUrl, redisKeyPrefix(app.db));
    await app?.stop();
  });

  async function readAll() {
    return Object.fromEntries(await Promise.all(Object.entries(READS).map(async ([key, query]) => [key, await app.data(query)])));
  }

  /** What every read answers from the database: the same API over the same database, without a cache. */
  async function readAllUncached() {
    const uncached = createFolioYoga({ db: app.db, logger: createLogger('silent') });
    const read = async (query: string) => {
      const response = await uncached.fetch('http://folio.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return ((await response.json()) as { data: unknown }).data;
    };
    return Object.fromEntries(await Promise.all(Object.entries(READS).map(async ([key, query]) => [key, await read(query)])));
  }

  it('answers a repeated anonymous query without touching the database', async () => {
    await app.data(READS.list);
    const { count } = await app.countStatements(() => app.data(READS.list));
    expect(count).toBe(0);
  });

  it('does not cache requests made with a token', async () => {
    await app.data(READS.list, {}, author);
    const { count } = await app.countStatements(() => app.data(READS.list, {}, author));
    expect(count).toBeGreaterThan(0);
  });

  const mutations: [string, () => Promise<unknown>][] = [
    ['createPost', () => app.data(`mutation { createPost(input: { title: "Zebra", slug: "fresh", markdown: "zebra", tags: ["shared"], status: PUBLISHED, publishedAt: "2024-02-01T00:00:00Z" }) { id } }`, {}, author)],
    ['updatePost', async () => {
      const id = await postId('fresh');
      return app.data(`mutation($id: ID!) { updatePost(id: $id, input: { title: "Zebra, renamed", tags: ["other"] }) { id } }`, { id }, author);
    }],
    ['unpublishPost', async () => app.data(`mutation($id: ID!) { unpublishPost(id: $id) { id } }`, { id: await postId('fresh') }, author)],
    ['publishPost', async () => app.data(`mutation($id: ID!) { publishPost(id: $id) { id } }`, { id: await postId('fresh') }, author)],
    ['upsertTag', () => app.data(`mutation { upsertTag(input: { slug: "shared", name: "Shared, renamed" }) { id } }`, {}, author)],
    ['deleteTag', async () => {
      const { tag } = await app.data(`{ tag(slug: "other") { id } }`, {}, author);
      return app.data(`mutation($id: ID!) { deleteTag(id: $id) }`, { id: tag.id }, author);
    }],
    ['deletePost', async () => app.data(`mutation($id: ID!) { deletePost(id: $id) }`, { id: await postId('fresh') }, author)],
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
    const before = await app.data(`{ posts(first: 1) { edges { node { slug } } } }`);
    expect(before.posts.edges[0]?.node.slug).not.toBe('later');
    await new Promise((resolve) => setTimeout(resolve, 1400));
    const after = await app.data(`{ posts(first: 1) { edges { node { slug } } } }`);
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
