import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { Database } from '../../src/db/client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { WebhookDispatcher, type WebhookDispatcherOptions } from '../../src/webhooks/dispatcher.js';
import { createWebhook, deleteWebhook } from '../../src/webhooks/registry.js';
import { insertReleasedEvents } from '../support/content-events.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type Responder, until, WebhookReceiver } from '../support/webhook-receiver.js';

// Real receivers on real ports, the queue in a real database. Each test adds its own webhooks and
// removes them after, so that events it records are sent to its own receivers only.
let database: TestDatabase;
let db: Database;
const cleanups: (() => Promise<unknown>)[] = [];
const { urlPatterns } = readConfig({});

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Database(database.url);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function receiver(respond?: Responder): Promise<WebhookReceiver> {
  const started = await WebhookReceiver.start(respond);
  cleanups.push(() => started.close());
  return started;
}

async function webhook(url: string, events: string[] = []): Promise<{ id: number; secret: string }> {
  const created = await createWebhook(db, { url, events });
  cleanups.push(() => deleteWebhook(db, created.id));
  return created;
}

function dispatcher(options: Partial<WebhookDispatcherOptions> = {}, on: Database = db): WebhookDispatcher {
  const started = new WebhookDispatcher({ db: on, logger: createLogger('silent'), urlPatterns, pollIntervalMs: 50, ...options });
  cleanups.push(() => started.stop());
  started.start();
  return started;
}

async function deliveriesOf(webhookId: number) {
  return db.prisma.webhookDelivery.findMany({ where: { webhookId }, orderBy: { eventSeq: 'asc' } });
}

describe('the webhook dispatcher', () => {
  it('sends each event once, signed, with the paths and cache keys it touches', async () => {
    const tag = await db.prisma.tag.create({ data: { slug: 'rust', name: 'Rust' } });
    const hooks = await receiver();
    const { id, secret } = await webhook(hooks.url);
    // One at a time, so that they arrive in the order of the events.
    const running = dispatcher({ concurrency: 1 });
    await insertReleasedEvents(db, [
      { type: 'post.published', subjectId: 12, slug: 'hello', tagIds: [tag.id] },
      { type: 'page.updated', subjectId: 5, slug: 'about-me', previousSlug: 'about' },
    ]);
    running.wake();
    await until('two deliveries', async () => (await deliveriesOf(id)).every((row) => row.state === 'DELIVERED') && hooks.requests.length === 2);

    const verifier = new Webhook(secret);
    const payloads = hooks.requests.map((request) => verifier.verify(request.body, request.headers as Record<string, string>));
    expect(payloads).toEqual([
      {
        type: 'post.published',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        data: {
          id: Buffer.from('Post:12').toString('base64'),
          kind: 'post',
          slug: 'hello',
          previousSlug: null,
          paths: ['/posts/hello', '/tags/rust', '/', '/feed.xml'],
          keys: ['post-12', `tag-${tag.id}`, 'posts', 'tags'],
        },
      },
      {
        type: 'page.updated',
        timestamp: expect.any(String),
        data: {
          id: Buffer.from('Page:5').toString('base64'),
          kind: 'page',
          slug: 'about-me',
          previousSlug: 'about',
          paths: ['/about-me', '/about'],
          keys: ['page-5', 'pages'],
        },
      },
    ]);
    const rows = await deliveriesOf(id);
    expect(hooks.messageIds()).toEqual(rows.map((row) => `msg_${row.id}`));
    expect(rows).toMatchObject([
      { state: 'DELIVERED', attempts: 1, lastStatus: 204, lastError: null, payload: hooks.requests[0]!.body },
      { state: 'DELIVERED', attempts: 1, lastStatus: 204, lastError: null, payload: hooks.requests[1]!.body },
    ]);
    expect(() => new Webhook(secret).verify(hooks.requests[0]!.body.replace('hello', 'hellO'), hooks.requests[0]!.headers as Record<string, string>)).toThrow();
  });

  it('sends a webhook only the types it asked for, and only events released after it was added', async () => {
    await insertReleasedEvents(db, [{ type: 'post.deleted', subjectId: 1, slug: 'before' }]);
    const all = await receiver();
    const deletions = await receiver();
    const allHook = await webhook(all.url);
    const deletionsHook = await webhook(deletions.url, ['post.deleted', 'tag.deleted']);
    dispatcher({ concurrency: 1 });
    await insertReleasedEvents(db, [
      { type: 'post.published', subjectId: 2, slug: 'kept' },
      { type: 'post.deleted', subjectId: 3, slug: 'gone' },
      { type: 'tag.deleted', subjectId: 4, slug: 'old-tag' },
    ]);
    await until('every delivery', () => all.requests.length === 3 && deletions.requests.length === 2);
    const types = (received: WebhookReceiver) => received.requests.map((request) => JSON.parse(request.body).type);
    expect(types(all)).toEqual(['post.published', 'post.deleted', 'tag.deleted']);
    expect(types(deletions)).toEqual(['post.deleted', 'tag.deleted']);
    const deleted = await deliveriesOf(deletionsHook.id);
    expect(JSON.parse(deleted[1]!.payload).data).toMatchObject({ kind: 'tag', paths: ['/tags/old-tag'], keys: ['tag-4', 'tags'] });
    expect(await db.prisma.webhook.findUniqueOrThrow({ where: { id: deletionsHook.id } })).toMatchObject({
      fannedOutSeq: (await db.prisma.webhook.findUniqueOrThrow({ where: { id: allHook.id } })).fannedOutSeq,
    });
  });

  it('tries again after a failure, with the same webhook-id, until the receiver answers 2xx', async () => {
    const hooks = await receiver((_request, received) => (received.length === 1 ? 500 : 200));
    const { id, secret } = await webhook(hooks.url);
    dispatcher({ retry: { delaysMs: [30], windowMs: 60_000 } });
    await insertReleasedEvents(db, [{ type: 'tag.created', subjectId: 9, slug: 'go' }]);
    await until('the second attempt to be recorded', async () => (await deliveriesOf(id))[0]?.state === 'DELIVERED');

    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ attempts: 2, lastStatus: 200, lastError: null });
    expect(hooks.messageIds()).toEqual([`msg_${row!.id}`, `msg_${row!.id}`]);
    for (const request of hooks.requests) new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
  });

  it('tries again later and later, and gives up a day after the first attempt, saying why', async () => {
    const hooks = await receiver(() => 503);
    const { id } = await webhook(hooks.url);
    const start = Date.now();
    let elapsed = 0;
    const running = dispatcher({ clock: () => new Date(start + elapsed) });
    await insertReleasedEvents(db, [{ type: 'post.updated', subjectId: 7, slug: 'retry-me' }]);
    const attempted = async (attempts: number) => {
      running.wake();
      await until(`attempt ${attempts}`, async () => (await deliveriesOf(id))[0]?.attempts === attempts);
      return (await deliveriesOf(id))[0]!;
    };
    const delayAfter = (row: { nextAttemptAt: Date }) => row.nextAttemptAt.getTime() - (start + elapsed);

    const first = await attempted(1);
    expect(first).toMatchObject({ state: 'PENDING', lastStatus: 503, lastError: 'The receiver answered HTTP 503; it must answer 2xx' });
    expect(delayAfter(first)).toBeGreaterThanOrEqual(4_500);
    expect(delayAfter(first)).toBeLessThanOrEqual(5_500);
    elapsed = 6_000;
    const second = await attempted(2);
    expect(second.state).toBe('PENDING');
    expect(delayAfter(second)).toBeGreaterThanOrEqual(27_000);
    expect(delayAfter(second)).toBeLessThanOrEqual(33_000);
    elapsed = 23 * 3_600_000;
    expect((await attempted(3)).state).toBe('PENDING');
    elapsed = 24 * 3_600_000;
    const last = await attempted(4);
    expect(last).toMatchObject({ state: 'FAILED', lastStatus: 503, deliveredAt: null, failedAt: new Date(start + elapsed), firstAttemptAt: new Date(start) });
    expect(hooks.requests).toHaveLength(4);
    expect(new Set(hooks.messageIds())).toEqual(new Set([`msg_${last.id}`]));
  });

  it('records a receiver that cannot be reached as a failed attempt, and goes on', async () => {
    const gone = await receiver();
    await gone.close();
    const { id } = await webhook(gone.url);
    dispatcher({ retry: { delaysMs: [60_000], windowMs: 3_600_000 } });
    await insertReleasedEvents(db, [{ type: 'post.published', subjectId: 8, slug: 'nobody-home' }]);
    await until('the first attempt', async () => (await deliveriesOf(id))[0]?.attempts === 1);
    expect((await deliveriesOf(id))[0]).toMatchObject({ state: 'PENDING', lastStatus: null, lastError: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('sends each event once when two servers share the database', async () => {
    const hooks = await receiver(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 200;
    });
    const { id } = await webhook(hooks.url);
    const second = new Database(database.url);
    cleanups.push(() => second.close());
    const first = dispatcher();
    const other = dispatcher({}, second);
    for (let batch = 0; batch < 6; batch += 1) {
      await insertReleasedEvents(
        db,
        Array.from({ length: 5 }, (_, index) => ({ type: 'post.updated', subjectId: batch * 5 + index + 1, slug: `p-${batch}-${index}` })),
      );
      first.wake();
      other.wake();
    }
    await until('30 deliveries', async () => (await db.prisma.webhookDelivery.count({ where: { webhookId: id, state: 'DELIVERED' } })) === 30);

    const rows = await deliveriesOf(id);
    expect(rows).toHaveLength(30);
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
    expect(hooks.messageIds().sort()).toEqual(rows.map((row) => `msg_${row.id}`).sort());
  });

  it('leaves what it did not send to the next dispatcher when stopped mid-way', async () => {
    // The third request is held until the dispatcher is asked to stop, so it stops mid-way.
    let letThrough = () => {};
    const gate = new Promise<void>((resolve) => (letThrough = resolve));
    const hooks = await receiver(async (_request, received) => {
      if (received.length >= 3) await gate;
      return 200;
    });
    const { id } = await webhook(hooks.url);
    const first = dispatcher({ concurrency: 1 });
    await insertReleasedEvents(
      db,
      Array.from({ length: 20 }, (_, index) => ({ type: 'post.published', subjectId: index + 1, slug: `post-${index}` })),
    );
    first.wake();
    await until('the third delivery', () => hooks.requests.length === 3);
    const stopped = first.stop();
    letThrough();
    await stopped;
    const rows = await deliveriesOf(id);
    expect(rows.filter((row) => row.state === 'DELIVERED')).toHaveLength(3);
    expect(rows.filter((row) => row.state === 'PENDING' && row.attempts === 0)).toHaveLength(17);

    dispatcher({ concurrency: 2 });
    await until('every delivery', async () => (await db.prisma.webhookDelivery.count({ where: { webhookId: id, state: 'DELIVERED' } })) === 20);
    expect(hooks.messageIds()).toHaveLength(20);
    expect(new Set(hooks.messageIds()).size).toBe(20);
  });

  it('keeps going, and says so once, while the database is away', async () => {
    const said: string[] = [];
    const logger = { warn: (message: string) => said.push(message), error: () => said.push('error'), info: (message: string) => said.push(message) };
    const away = new Database('postgresql://postgres@127.0.0.1:1/folio');
    cleanups.push(() => away.close());
    const running = dispatcher({ logger: logger as unknown as Logger, pollIntervalMs: 10 }, away);
    await until('the warning', () => said.length > 0);
    running.wake();
    running.wake();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(said).toEqual(['Webhook deliveries paused: the database cannot be reached; trying again every 5 s']);
  });
});
