// SIGTERM to the real server process, with requests in every state: answered and idle,
// arriving, half-sent, slow, and a write waiting on the database.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { Database } from '../../src/db/client.js';
import { Prisma } from '../../src/db/generated/prisma/client.js';
import { openEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort, makeScratchDir } from '../support/test-server.js';
import { ask, waitFor } from './support.js';
import { buildBundle, FolioProcess, graphqlPost, openConnection } from './folio-process.js';

const SHUTDOWN_TIMEOUT_S = 3;
// Beyond the deadline, closing the database connections may take up to a few seconds more.
const EXIT_BOUND_MS = SHUTDOWN_TIMEOUT_S * 1000 + 3_000;

let database: TestDatabase;
let db: Database;
let authorization: string;

beforeAll(async () => {
  [database] = await Promise.all([createTestDatabase(), buildBundle()]);
  db = new Database(database.url, { maxConnections: 2 });
  authorization = `Bearer ${await createToken(db, 'shutdown')}`;
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const CREATE = 'mutation($title: String!) { createPost(input: { title: $title, markdown: "Written during a shutdown." }) { id title } }';

function createPost(url: string, title: string) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: CREATE, variables: { title } }),
  }).then(
    async (response) => ({ status: response.status, body: (await response.json()) as { data?: { createPost: { title: string } } } }),
    (error: unknown) => ({ status: 'no answer' as const, body: String(error) }),
  );
}

async function postsTitled(title: string): Promise<number> {
  const rows = await db.rows<{ count: number }>(Prisma.sql`SELECT count(*)::int AS count FROM posts WHERE title = ${title}`);
  return rows[0]!.count;
}

/** Holds a lock that makes inserts into posts wait (reads go on), until released. */
async function blockInserts(): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE posts IN SHARE MODE');
  return {
    async release() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

async function waitForBlockedWrite(): Promise<void> {
  await waitFor(
    async () =>
      (await db.rows<{ waiting: number }>(
        Prisma.sql`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      ))[0]!.waiting > 0,
    10_000,
    'the write to wait on the lock',
  );
}

describe('on SIGTERM', () => {
  it('answers every request it has, cuts off a half-sent body at the deadline, and exits in time', async () => {
    const folio = await FolioProcess.start({ DATABASE_URL: database.url, SHUTDOWN_TIMEOUT: String(SHUTDOWN_TIMEOUT_S) });
    const query = graphqlPost(JSON.stringify({ query: '{ posts(first: 1) { totalCount } }' }));

    // A write in progress: it waits on a lock until after the signal.
    const blocker = await blockInserts();
    const write = createPost(folio.url, 'In flight at SIGTERM');
    await waitForBlockedWrite();

    // A keep-alive connection that has been answered and sits idle.
    const idle = await openConnection(folio.port);
    idle.socket.write(`GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`);
    await waitFor(() => idle.socket.bytesRead > 0, 5_000, 'the answer on the idle connection');
    // Requests arriving just before the signal: sent, and connected but not yet sent.
    const sentBefore = await Promise.all(Array.from({ length: 10 }, () => openConnection(folio.port)));
    const sentAfter = await Promise.all(Array.from({ length: 10 }, () => openConnection(folio.port)));
    for (const { socket } of sentBefore) socket.write(query.head + query.body);
    // A slow body, finished after the signal; and one that stops halfway for good.
    const slow = await openConnection(folio.port);
    slow.socket.write(query.head + query.body.slice(0, 10));
    const halfSent = await openConnection(folio.port);
    halfSent.socket.write(query.head + query.body.slice(0, 10));
    // A balancer's readiness check, on a connection it opened before the signal.
    const readiness = await openConnection(folio.port);

    const signalledAt = folio.signal('SIGTERM');
    await sleep(100);
    for (const { socket } of sentAfter) socket.write(query.head + query.body);
    readiness.socket.write(`GET /ready HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`);
    await sleep(200);
    slow.socket.write(query.body.slice(10));
    await sleep(200);
    await blocker.release();

    const exit = await folio.exit(EXIT_BOUND_MS + 5_000);
    expect(exit).not.toBe('still running');
    if (exit === 'still running') return;

    // The write completed and was answered, once.
    expect(await write).toMatchObject({ status: 200, body: { data: { createPost: { title: 'In flight at SIGTERM' } } } });
    expect(await postsTitled('In flight at SIGTERM')).toBe(1);

    // Each was answered, and then the server closed its connection cleanly, never reset.
    const exchanges = await Promise.all([...sentBefore, ...sentAfter, slow].map((exchange) => exchange.finished));
    const endings = exchanges.map(({ ending, response }) => `${ending}/${response.split('\r\n')[0] || 'nothing'}`);
    for (const { response, ending } of exchanges) {
      expect(ending, `how each connection ended: ${endings.join(', ')}`).toBe('closed');
      expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(response).toContain('"totalCount"');
    }
    // Those answered while draining say so, so a client or balancer sends nothing more on them.
    for (const { response } of exchanges.slice(sentBefore.length)) expect(response).toMatch(/\r\nconnection: close\r\n/i);
    // Not ready from the moment shutdown began, so a balancer checking /ready sends nothing new.
    expect((await readiness.finished).response).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n[^]*"The server is shutting down"/);
    expect((await idle.finished).ending).toBe('closed');
    // The half-sent request was given until the deadline, then let go.
    expect((await halfSent.finished).response).toBe('');

    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(EXIT_BOUND_MS);
    expect(folio.stderr).toBe('');
    const log = folio.logEntries();
    expect(log.map((entry) => entry.msg)).toContain('Folio stopped');
    expect(log.filter((entry) => Number(entry.level) >= 50)).toEqual([]);
  });

  it('leaves no trace of a write still waiting on the database at the deadline', async () => {
    const folio = await FolioProcess.start({ DATABASE_URL: database.url, SHUTDOWN_TIMEOUT: '1' });
    const blocker = await blockInserts();
    const write = createPost(folio.url, 'Cut off at the deadline');
    await waitForBlockedWrite();

    folio.signal('SIGTERM');
    const exit = await folio.exit(EXIT_BOUND_MS + 5_000);
    await blocker.release();

    expect(exit).toMatchObject({ code: 0 });
    expect((await write).status).toBe('no answer');
    // Its transaction never committed: a client that retries creates the post once.
    await sleep(200);
    expect(await postsTitled('Cut off at the deadline')).toBe(0);
  });

  it('stops the embedded PostgreSQL server, even after it was restarted under the running server', async () => {
    const scratchDir = await makeScratchDir('folio-shutdown-');
    const dataDir = join(scratchDir, 'data');
    const port = await freePort();
    try {
      const folio = await FolioProcess.start({ FOLIO_DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(port), SHUTDOWN_TIMEOUT: '2' });
      // Someone else restarts the server.
      const other = await openEmbeddedPostgres({ dataDir, port, database: 'folio' });
      await other.stop();
      const restarted = await openEmbeddedPostgres({ dataDir, port, database: 'folio' });
      // How soon Folio serves again is database-outage.test.ts's concern; here it only has to.
      await waitFor(async () => (await ask(folio.url, '{ posts(first: 1) { totalCount } }')).status === 200, 15_000, 'Folio to serve again');
      await restarted.release();
      expect(await postmasterRunning(dataDir)).toBe(true);

      folio.signal('SIGTERM');
      const exit = await folio.exit(EXIT_BOUND_MS + 5_000);
      expect(exit).toMatchObject({ code: 0 });
      expect(await postmasterRunning(dataDir)).toBe(false);
    } finally {
      await stopLeftoverPostmaster(dataDir);
      await rm(scratchDir, { recursive: true, force: true });
    }
  }, 60_000);
});

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : Number(text.split('\n')[0]);
}

async function postmasterRunning(dataDir: string): Promise<boolean> {
  const pid = await postmasterPid(dataDir);
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A failed test must not leave a server behind.
async function stopLeftoverPostmaster(dataDir: string): Promise<void> {
  const pid = await postmasterPid(dataDir);
  if (pid !== undefined && (await postmasterRunning(dataDir))) process.kill(pid, 'SIGQUIT');
}
