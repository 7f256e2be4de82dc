import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { Database } from '../../src/db/client.js';
import { buildBundle, FolioProcess } from '../faults/folio-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { Balancer, BALANCERS, type BalancerKind, hasProgram } from '../support/load-balancer.js';
import { redisToShare, type SharedRedis } from '../support/redis-server.js';
import { makeScratchDir } from '../support/test-server.js';
import { until } from '../support/webhook-receiver.js';

// Three Folio processes over one database and one Redis, behind nginx and HAProxy run from
// deploy/'s configs: a write through one is in the very next read through every other, and a
// process stopped with SIGTERM under a read load drains without costing a request.

for (const kind of Object.keys(BALANCERS) as BalancerKind[]) {
  const installed = hasProgram(BALANCERS[kind]);

  it(`has ${kind} for the load balancer test, or is not in CI`, () => {
    // Locally the test is skipped with this message; in CI a missing balancer is a failure.
    if (!installed && process.env.CI) throw new Error(`${BALANCERS[kind]} is missing: apt-get install ${kind} to run test/flows/load-balancer.test.ts`);
    if (!installed) console.warn(`Skipping the ${kind} load balancer test: apt-get install ${kind} to run it`);
  });

  describe.runIf(installed)(`three Folio processes behind ${kind}`, () => balancedServers(kind));
}

function balancedServers(kind: BalancerKind): void {
  let database: TestDatabase;
  let redis: SharedRedis | undefined;
  let balancer: Balancer;
  let authorization: string;
  const servers: FolioProcess[] = [];
  const scratchDirs: string[] = [];

  beforeAll(async () => {
    await buildBundle();
    database = await createTestDatabase();
    redis = await redisToShare();
    const media = await makeScratchDir('folio-balanced-media-');
    scratchDirs.push(media);
    for (let i = 0; i < 3; i += 1) {
      servers.push(await FolioProcess.start({ DATABASE_URL: database.url, REDIS_URL: redis.url, RESPONSE_CACHE_TTL: '60', MEDIA_DIR: media }));
    }
    scratchDirs.push(await makeScratchDir(`folio-${kind}-`));
    balancer = await Balancer.start(
      kind,
      servers.map((server) => server.port),
      scratchDirs.at(-1)!,
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
    for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true });
  });

  const HOME = `/graphql?${new URLSearchParams({ query: '{ posts(first: 50) { edges { node { slug } } } }' })}`;

  async function homeSlugs(base: string): Promise<string[]> {
    const response = await fetch(`${base}${HOME}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { posts: { edges: { node: { slug: string } }[] } } };
    return body.data.posts.edges.map((edge) => edge.node.slug);
  }

  const origin = (server: FolioProcess) => `http://127.0.0.1:${server.port}`;

  it(`shows a write through one server in the very next read through each other, and through ${kind}`, async () => {
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
    // However slow the machine, a real load before, during and after the stop.
    await until('reads before the stop', () => answered >= 50, 20_000);
    const stopped = servers[0]!;
    stopped.signal('SIGTERM');
    const exit = await stopped.exit(15_000);
    const answeredBefore = answered;
    await until('reads after the stop', () => answered >= answeredBefore + 50, 20_000);
    reading = false;
    await Promise.all(readers);

    expect(exit).toMatchObject({ code: 0 });
    expect(failures).toEqual([]);
    // Every server took a share of the load.
    const answeredBy = await balancer.answeredBy();
    for (const server of servers) expect(answeredBy, `port ${server.port} answered`).toContain(server.port);
    servers.splice(0, 1);
  });
}
