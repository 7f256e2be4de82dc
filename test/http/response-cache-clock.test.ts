import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Database } from '../../src/db/client.js';
import { type CachedAnswer, ResponseCache } from '../../src/http/response-cache.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { givenPost } from '../support/posts.js';

const HOUR_MS = 3_600_000;
const answer: CachedAnswer = { headers: [['content-type', 'application/json']], body: { body: Buffer.from('{"data":{}}'), etag: '"e"' }, encoded: {}, keys: [] };

// The cache keeps no answer past the next scheduled publication. Which publication is next is
// judged by the server's clock, the one requests see posts by, not by the database's.
describe('the response cache and the clock', () => {
  let database: TestDatabase;
  let db: Database;
  let cache: ResponseCache | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database(database.url);
    await givenPost(db, { slug: 'soon', publishedAt: new Date(Date.now() + HOUR_MS) });
  });

  afterEach(async () => {
    await cache?.close();
    vi.useRealTimers();
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('keeps answers once the server’s clock has passed a post the database still calls scheduled', async () => {
    // The server's clock runs a day ahead of the database's: the post went live an hour ago.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 24 * HOUR_MS });
    cache = new ResponseCache({ db, logger: createLogger('silent'), ttlSeconds: 300, redisUrl: null });
    await cache.contentChanged();

    await (await cache.lookup('posts')).keep(answer);

    expect((await cache.lookup('posts')).answer).toEqual(answer);
  });

  it('forgets answers when a post goes live by the server’s clock, though the database calls it past', async () => {
    // The server's clock runs an hour behind the database's: for the server, 'late' is still to come.
    const late = Date.now() - HOUR_MS;
    await givenPost(db, { slug: 'late', publishedAt: new Date(late) });
    vi.useFakeTimers({ toFake: ['Date'], now: late - 300 });
    cache = new ResponseCache({ db, logger: createLogger('silent'), ttlSeconds: 300, redisUrl: null });
    await cache.contentChanged();
    await (await cache.lookup('posts')).keep(answer);
    expect((await cache.lookup('posts')).answer).toEqual(answer);

    vi.setSystemTime(late + 1);

    await expect.poll(async () => (await cache!.lookup('posts')).answer, { timeout: 3_000 }).toBeNull();
  });
});
