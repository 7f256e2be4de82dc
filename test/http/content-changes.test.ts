import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/client.js';
import { Prisma } from '../../src/db/generated/prisma/client.js';
import { type FollowedChanges, followContentChanges } from '../../src/http/content-changes.js';
import { ResponseCache } from '../../src/http/response-cache.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createFolioYoga, type FolioYoga } from '../../src/http/yoga.js';
import { createLogger } from '../../src/logger.js';
import { importContent } from '../../src/transfer/import-content.js';
import { waitFor } from '../faults/support.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { scratchLibrary } from '../media/support.js';
import { givenPost } from '../support/posts.js';

// Two servers over one database, each with a response cache of its own (as without Redis): a
// change made anywhere (plain SQL, an import) makes both forget at once, through LISTEN/NOTIFY.
interface Server {
  db: Database;
  yoga: FolioYoga;
  cache: ResponseCache;
  http: RunningServer;
  changes: FollowedChanges;
}

let database: TestDatabase;
let servers: Server[] = [];
let writer: Database;

async function startServer(url: string): Promise<Server> {
  const logger = createLogger('silent');
  const db = new Database(url);
  const cache = new ResponseCache({ db, logger, ttlSeconds: 300, redisUrl: null });
  const changes = await followContentChanges({ databaseUrl: url, db, logger, forget: () => cache.contentChanged() });
  const yoga = createFolioYoga({ db, logger, contentChanged: () => cache.contentChanged() });
  const http = await listen(yoga, 0, '127.0.0.1', { responseCache: cache, db });
  return { db, yoga, cache, http, changes };
}

beforeAll(async () => {
  database = await createTestDatabase();
  writer = new Database(database.url);
  servers = [await startServer(database.url), await startServer(database.url)];
});

afterAll(async () => {
  for (const server of servers) {
    await server.http.close();
    await server.changes.close();
    await server.cache.close();
    await server.db.close();
  }
  await writer?.close();
  await database?.drop();
});

async function read(server: Server, query: string): Promise<Record<string, any>> {
  const response = await fetch(server.http.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return ((await response.json()) as { data: Record<string, any> }).data;
}

/** The same query run by GraphQL in-process, where no cache sits. */
async function readUncached(server: Server, query: string): Promise<Record<string, any>> {
  const response = await server.yoga.fetch('http://folio.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: Record<string, any> }).data;
}

/** Runs SQL with triggers off (as a replica applies it): no event, no notification. */
async function unnoticed(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(sql);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

const TITLE = `{ post(slug: "kept") { title } }`;

describe('every server forgets at once', () => {
  it('when plain SQL changes a post', async () => {
    await givenPost(writer, { slug: 'kept', title: 'Kept' });
    for (const server of servers) expect(await read(server, TITLE)).toEqual({ post: { title: 'Kept' } });

    // The answers are kept: a change no one is told of is not seen through the cache.
    await unnoticed(`UPDATE posts SET title = 'Unnoticed' WHERE slug = 'kept'`);
    for (const server of servers) {
      expect(await readUncached(server, TITLE)).toEqual({ post: { title: 'Unnoticed' } });
      expect(await read(server, TITLE)).toEqual({ post: { title: 'Kept' } });
    }

    await writer.rows(Prisma.sql`UPDATE posts SET title = 'Changed' WHERE slug = 'kept'`);
    for (const server of servers) {
      await waitFor(async () => (await read(server, TITLE)).post?.title === 'Changed', 5_000, 'the kept answer to change');
    }
  });

  it('when an import adds posts', async () => {
    const COUNT = `{ posts { totalCount } }`;
    const before = (await read(servers[1]!, COUNT)).posts.totalCount;
    await unnoticed(`UPDATE posts SET title = title`);
    expect(await read(servers[1]!, COUNT)).toEqual({ posts: { totalCount: before } });

    const summary = await importContent(writer, path.resolve('test/fixtures/hugo-site'), { media: await scratchLibrary() });
    expect(summary).toMatchObject({ failed: [] });
    const expected = (await readUncached(servers[1]!, COUNT)).posts.totalCount;
    expect(expected).toBeGreaterThan(before);
    for (const server of servers) {
      await waitFor(async () => (await read(server, COUNT)).posts.totalCount === expected, 5_000, 'the kept count to change');
    }
  });
});

describe('the event release', () => {
  it('releases a scheduled publication at its time, with no request asking', async () => {
    const due = new Date(Date.now() + 1_000);
    const { id } = await givenPost(writer, { slug: 'on-time', publishedAt: due });
    const released = () =>
      writer.rows<{ seq: string | null }>(Prisma.sql`SELECT seq::text AS seq FROM content_events WHERE subject_id = ${id} AND type = 'post.published'`);
    expect(await released()).toEqual([{ seq: null }]);
    await waitFor(async () => (await released())[0]?.seq != null, 10_000, 'the publication to be released');
    expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
  });
});
