// The real server process sending a webhook, stopped while the receiver is still answering:
// killed, the delivery is sent again by whoever runs next; asked to stop, it finishes first.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { Database } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { WebhookDispatcher } from '../../src/webhooks/dispatcher.js';
import { createWebhook, deleteWebhook } from '../../src/webhooks/registry.js';
import { insertReleasedEvents } from '../support/content-events.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { until, WebhookReceiver } from '../support/webhook-receiver.js';
import { buildBundle, FolioProcess } from './folio-process.js';

let database: TestDatabase;
let db: Database;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  [database] = await Promise.all([createTestDatabase(), buildBundle()]);
  db = new Database(database.url, { maxConnections: 4 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

/** A receiver that holds every request until `answer` is called, and answers 200 from then on. */
async function heldReceiver() {
  let answered = false;
  const waiting: (() => void)[] = [];
  const receiver = await WebhookReceiver.start(() => (answered ? 200 : new Promise<number>((resolve) => waiting.push(() => resolve(200)))));
  cleanups.push(() => receiver.close());
  const answer = () => {
    answered = true;
    for (const resolve of waiting.splice(0)) resolve();
  };
  return { receiver, answer };
}

async function deliveryOf(webhookId: number) {
  return db.prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId } });
}

async function serverSending(url: string) {
  const hook = await createWebhook(db, { url, events: [] });
  cleanups.push(() => deleteWebhook(db, hook.id));
  await insertReleasedEvents(db, [{ type: 'post.published', subjectId: 1, slug: 'first-words' }]);
  const folio = await FolioProcess.start({ DATABASE_URL: database.url, SHUTDOWN_TIMEOUT: '10' });
  cleanups.push(() => folio.exit(0));
  return { hook, folio };
}

describe('a webhook delivery under way', () => {
  it('is sent again, with the same webhook-id, after the server sending it was killed', async () => {
    const { receiver, answer } = await heldReceiver();
    const { hook, folio } = await serverSending(receiver.url);
    await until('the server to send the event', () => receiver.requests.length === 1, 30_000);
    folio.signal('SIGKILL');
    await folio.exited;
    answer();

    const next = new WebhookDispatcher({ db, logger: createLogger('silent'), urlPatterns: readConfig({}).urlPatterns, pollIntervalMs: 50 });
    cleanups.push(() => next.stop());
    next.start();
    await until('the delivery', async () => (await deliveryOf(hook.id)).state === 'DELIVERED');
    const delivery = await deliveryOf(hook.id);
    // The attempt the killed server made was never recorded: its transaction died with it.
    expect(delivery).toMatchObject({ attempts: 1, lastStatus: 200 });
    expect(receiver.messageIds()).toEqual([`msg_${delivery.id}`, `msg_${delivery.id}`]);
  }, 120_000);

  it('is finished and recorded before the server stops on SIGTERM', async () => {
    const { receiver, answer } = await heldReceiver();
    const { hook, folio } = await serverSending(receiver.url);
    await until('the server to send the event', () => receiver.requests.length === 1, 30_000);
    folio.signal('SIGTERM');
    await until('the server to start shutting down', () => folio.stdout.some((line) => line.includes('SIGTERM received')));
    answer();

    expect(await folio.exit(15_000)).toMatchObject({ code: 0 });
    expect(await deliveryOf(hook.id)).toMatchObject({ state: 'DELIVERED', attempts: 1, lastStatus: 200 });
    expect(receiver.requests).toHaveLength(1);
  }, 120_000);
});
