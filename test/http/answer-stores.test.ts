import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/client.js';
import { readDatabaseIdentity } from '../../src/db/queries/database-identity.js';
import { redisKeyPrefix } from '../../src/http/redis-client.js';
import { encodedRepresentations, representationOf } from '../../src/http/representations.js';
import { type CachedAnswer, ResponseCache } from '../../src/http/response-cache.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// A kept answer comes back whole from either store: headers, keys, and the body in every coding
// with its entity tag. REDIS_URL runs the same check on a shared Redis.
const stores = [['in memory', null], ...(process.env.REDIS_URL ? [['in Redis', process.env.REDIS_URL] as const] : [])] as const;

describe.each(stores)('an answer kept %s', (_name, redisUrl) => {
  let database: TestDatabase;
  let db: Database;
  let cache: ResponseCache;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database(database.url);
    cache = new ResponseCache({ db, logger: createLogger('silent'), ttlSeconds: 60, redisUrl });
  });

  afterAll(async () => {
    await cache?.close();
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${redisKeyPrefix((await readDatabaseIdentity(db)).databaseId)}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
    await db?.close();
    await database?.drop();
  });

  it('comes back with its codings, tags and keys', async () => {
    const body = Buffer.from(JSON.stringify({ data: { posts: Array.from({ length: 100 }, (_, n) => ({ slug: `post-${n}` })) } }));
    const answer: CachedAnswer = {
      headers: [['content-type', 'application/json; charset=utf-8']],
      body: representationOf(body),
      encoded: await encodedRepresentations(body),
      keys: ['posts', 'post-1'],
    };
    expect(Object.keys(answer.encoded).sort()).toEqual(['br', 'gzip']);
    // Redis takes a moment to connect; until then the cache steps aside and keeps nothing.
    let kept: CachedAnswer | null = null;
    for (let attempt = 0; attempt < 50 && !kept; attempt += 1) {
      await (await cache.lookup('stores')).keep(answer);
      kept = (await cache.lookup('stores')).answer;
      if (!kept) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(kept).toEqual(answer);
  });
});
