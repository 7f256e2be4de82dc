// The database is allowed to go away: connections killed while idle or busy, and the whole
// server stopped and started under load. Folio runs in this process over a PostgreSQL server of
// the test's own, so an uncaught error fails the run and stopping the database harms no one.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenPost } from '../support/posts.js';
import { ask, InProcessFolio, load, type Outcome, OwnPostgres, READ_QUERY, waitFor } from './support.js';

let postgres: OwnPostgres;
let folio: InProcessFolio;

beforeAll(async () => {
  postgres = await OwnPostgres.start();
  folio = await InProcessFolio.start(postgres.url);
  await givenPost(folio.db, { slug: 'still-here', tags: ['faults'] });
});

afterAll(async () => {
  await folio?.stop();
  await postgres?.close();
});

const ready = () => fetch(folio.url.replace('/graphql', '/ready'));

/** Folio's connections, as PostgreSQL lists them (the test's own administrator connection excluded). */
function folioBackends(where: string): Promise<{ pid: number }[]> {
  return postgres.sql(`SELECT pid FROM pg_stat_activity WHERE datname = 'folio' AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND ${where}`);
}

describe('when the database drops connections', () => {
  it('loses no request when idle connections are killed', async () => {
    // A server that has only served anonymous reads: those go through pg alone, never Prisma.
    const reader = await InProcessFolio.start(postgres.url);
    try {
      await Promise.all(Array.from({ length: 8 }, () => ask(reader.url, READ_QUERY)));
      const idle = await folioBackends(`state = 'idle'`);
      expect(idle.length).toBeGreaterThan(0);
      await postgres.sql('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [idle.map((row) => row.pid)]);
      await sleep(200);

      const outcomes = await Promise.all(Array.from({ length: 8 }, () => ask(reader.url, READ_QUERY)));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(8).fill(200));
    } finally {
      await reader.stop();
    }
  });

  it('fails only the requests whose connection was killed mid-query, with SERVICE_UNAVAILABLE', async () => {
    const start = folio.log.length;
    // A lock holds the queries in progress, so that their connections are busy when killed.
    const blocker = await openLockHolder();
    const inFlight = Array.from({ length: 3 }, () => ask(folio.url, READ_QUERY));
    await waitFor(async () => (await folioBackends(`wait_event_type = 'Lock'`)).length === 3, 5_000, 'three queries waiting on the lock');
    const busy = await folioBackends(`wait_event_type = 'Lock'`);
    await postgres.sql('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [busy.map((row) => row.pid)]);
    await blocker.release();

    const outcomes = await Promise.all(inFlight);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(outcome.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(outcome.body)).not.toMatch(/terminating|57P01|\s{2,}at /);
    }
    const after = await Promise.all(Array.from({ length: 5 }, () => ask(folio.url, READ_QUERY)));
    expect(after.map((outcome) => outcome.status)).toEqual(Array(5).fill(200));
    expect(folio.linesFrom(start, 50)).toEqual([]);
  });
});

describe('when the database stops and starts again under load', () => {
  it('answers 503 at once while it is down, logs the outage once, and serves within 2 s of its return', async () => {
    const logStart = folio.log.length;
    const traffic = load(folio.url, { concurrency: 4 });
    await waitFor(() => traffic.outcomes.filter((o) => o.status === 200).length >= 10, 10_000, 'the load to be served');

    await postgres.stop();
    const stoppedAt = Date.now();
    await waitFor(() => traffic.outcomes.some((o) => o.startedAt > stoppedAt && o.status === 503), 5_000, 'a 503');
    const health = await fetch(folio.url.replace('/graphql', '/health'));
    const readiness = await ready();
    await sleep(1_000);

    await postgres.restart();
    const restartedAt = Date.now();
    const recoveryMs = await waitFor(
      () => traffic.outcomes.some((o) => o.startedAt >= restartedAt && o.status === 200),
      5_000,
      'a request served after the restart',
    );
    await sleep(300);
    const outcomes = await traffic.stop();

    expect(health.status).toBe(200);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: 'not ready', problems: ['The database is unreachable'] });
    expect((await ready()).status).toBe(200);

    // Every request got an answer: served, or refused as unavailable; never a broken connection.
    const during = outcomes.filter((o) => o.startedAt > stoppedAt && o.startedAt < restartedAt);
    expect(outcomes.filter((o) => o.status !== 200 && o.status !== 503)).toEqual([]);
    expect(outcomes.filter((o) => o.status === 503 && o.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(during.length).toBeGreaterThan(10);
    // Refused at once, not after a connection attempt's timeout.
    expect(Math.max(...during.map((o) => o.ms))).toBeLessThan(2_000);
    expect(recoveryMs).toBeLessThan(2_000);
    const lastOutcomes = outcomes.filter((o) => o.startedAt > restartedAt + recoveryMs);
    expect(lastOutcomes.every((o) => o.status === 200)).toBe(true);

    // One line when it went down and one when it came back, however many requests were refused.
    const lines = folio.linesFrom(logStart, 40).map((entry) => entry.msg);
    expect(lines).toEqual(['database unreachable; answering requests with SERVICE_UNAVAILABLE']);
    expect(folio.linesFrom(logStart, 30).filter((entry) => entry.msg === 'database reachable again')).toHaveLength(1);
  });
});

describe('when the database hangs', () => {
  it('says so while it hangs, refuses new requests with 503, and serves again once it answers', async () => {
    const logStart = folio.log.length;
    await postgres.freeze();
    let inFlight: Promise<Outcome>[] = [];
    try {
      // More requests than the pool has connections: those waiting for one give up, and the
      // health probe then finds the server frozen.
      inFlight = Array.from({ length: 12 }, () => ask(folio.url, READ_QUERY));
      await waitFor(() => folio.linesFrom(logStart, 50).length > 0, 10_000, 'the outage to be logged while the server hangs');
      const refused = await ask(folio.url, READ_QUERY);
      expect(refused).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(refused.ms).toBeLessThan(1_000);
    } finally {
      await postgres.thaw();
    }
    // Those that held a connection are answered once the server answers; none is left hanging.
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.filter((o) => o.status !== 200 && o.status !== 503)).toEqual([]);
    await waitFor(async () => (await ask(folio.url, READ_QUERY)).status === 200, 5_000, 'a request served after the thaw');
    expect(folio.linesFrom(logStart, 50).map((entry) => entry.msg)).toEqual(['database unreachable; answering requests with SERVICE_UNAVAILABLE']);
  });
});

/** Holds a lock that makes reads of posts wait, until released. */
async function openLockHolder(): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE posts IN ACCESS EXCLUSIVE MODE');
  return {
    async release() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}
