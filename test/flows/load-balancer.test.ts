import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { Database } from '../../src/db/client.js';
import { buildBundle, FolioProcess } from '../faults/folio-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { Balancer, hasProgram, NGINX } from '../support/load-balancer.js';
import { findRedisServer, ThrowawayRedis } from '../support/redis-server.js';
import { makeScratchDir } from '../support/test-server.js';

// Three Folio processes over one database and one Redis, behind nginx run from deploy/nginx.conf:
// a write through one is in the very next read through every other, and a process stopped with
// SIGTERM under a read load drains without costing a request.

const hasNginx = hasProgram(NGINX);

it('has nginx for the load balancer test, or is not in CI', () => {
  // Locally the test is skipped with this message; in CI a missing nginx is a failure.
  if (!hasNginx && process.env.CI) throw new Error(`${NGINX} is missing: apt-get install nginx to run test/flows/load-balancer.test.ts`);
  if (!hasNginx) console.warn('Skipping the load balancer test: apt-get install nginx to run it');
});

describe.runIf(hasNginx)('three Folio processes behind nginx', () => {
  let database: TestDatabase;
  let redis: ThrowawayRedis | undefined;
  let balancer: Balancer;
  let authorization: string;
  const servers: FolioProcess[] = [];

  beforeAll(async () => {
    await buildBundle();
    database = await createTestDatabase();
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      const binary = findRedisServer();
      if (!binary) throw new Error('Set REDIS_URL or install redis-server: the servers share their response cache through Redis');
      redis = await ThrowawayRedis.start(binary);
      redisUrl = redis.url;
    }
    const media = await makeScratchDir('folio-balanced-media-');
    for (let i = 0; i < 3; i += 1) {
      servers.push(await FolioProcess.start({ DATABASE_URL: database.url, REDIS_URL: redisUrl, RESPONSE_CACHE_TTL: '60', MEDIA_DIR: media }));
    }
    balancer = await Balancer.nginx(
      servers.map((server) => server.port),
      await makeScratchDir('folio-nginx-'),
    );
    const db = new Database(database.url);
    try {
      authorization = `Bearer ${await createToken(db, 'balanced')}`;
    } finally {
      await db.close();
    }
  });

  afterAll(async () => {
    await balancer?.stop();
    for (const server of servers) server.signal('SIGTERM');
    await Promise.all(servers.map((server) => server.exit(15_000)));
    await redis?.stop();
    await database?.drop();
  });

  const HOME = `/graphql?${new URLSearchParams({ query: '{ posts(first: 50) { edges { node { slug } } } }' })}`;

  async function homeSlugs(base: string): Promise<string[]> {
    const response = await fetch(`${base}${HOME}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { posts: { edges: { node: { slug: string } }[] } } };
    return body.data.posts.edges.map((edge) => edge.node.slug);
  }

  const origin = (server: FolioProcess) => `http://127.0.0.1:${server.port}`;

  it('shows a write through one server in the very next read through each other, and through nginx', async () => {
    for (let round = 0; round < 3; round += 1) {
      // Every server and the balancer have the home page kept in the shared cache.
      for (const base of [...servers.map(origin), balancer.url]) await homeSlugs(base);
      const writer = servers[round]!;
      const slug = `balanced-${round}`;
      const response = await fetch(writer.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: `mutation { createPost(input: { title: "Balanced ${round}", slug: "${slug}", markdown: "Hi", status: PUBLISHED }) { id } }` }),
      });
      expect(await response.json()).toMatchObject({ data: { createPost: { id: expect.any(String) } } });
      for (const base of [...servers.filter((server) => server !== writer).map(origin), balancer.url]) {
        expect(await homeSlugs(base), `the read through ${base} after the write through port ${writer.port}`).toContain(slug);
      }
    }
  });

  it('drains a server stopped with SIGTERM under a read load without a failed request', async () => {
    const failures: string[] = [];
    let answered = 0;
    let reading = true;
    let query = 0;
    const reader = async () => {
      while (reading) {
        // Distinct queries, so each is answered by running GraphQL, not only from the cache.
        const address = `${balancer.url}/graphql?${new URLSearchParams({ query: `{ posts(first: 5) { edges { node { slug } } } q${query++}: __typename }` })}`;
        try {
          const response = await fetch(address);
          const body = await response.text();
          if (response.status === 200 && body.includes('"slug"')) answered += 1;
          else failures.push(`${response.status}: ${body.slice(0, 200)}`);
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    const readers = Array.from({ length: 16 }, reader);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stopped = servers[0]!;
    const answeredBefore = answered;
    stopped.signal('SIGTERM');
    const exit = await stopped.exit(15_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    reading = false;
    await Promise.all(readers);

    expect(exit).toMatchObject({ code: 0 });
    expect(failures).toEqual([]);
    expect(answeredBefore).toBeGreaterThan(30);
    expect(answered - answeredBefore).toBeGreaterThan(20);
    // Every server took a share of the load.
    const tried = await balancer.upstreamsTried();
    for (const server of servers) expect(tried.some((addresses) => addresses.includes(`127.0.0.1:${server.port}`)), `port ${server.port} answered`).toBe(true);
    servers.splice(0, 1);
  });
});
