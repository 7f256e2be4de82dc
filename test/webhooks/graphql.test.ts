import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { TestApp } from '../support/app.js';

// The admin API of webhooks, through GraphQL against a real database.
let app: TestApp;
let admin: Record<string, string>;
let editor: Record<string, string>;

beforeAll(async () => {
  app = await TestApp.start();
  admin = { authorization: `Bearer ${await createToken(app.db, 'admin')}` };
  editor = { authorization: `Bearer ${await createToken(app.db, 'editor', { role: 'EDITOR' })}` };
});

afterAll(() => app?.stop());

const CREATE = 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url events createdAt } } }';
const LIST = '{ webhooks { id url events } }';
const DELIVERIES = `query($webhookId: ID, $state: WebhookDeliveryState, $first: Int, $after: String) {
  webhookDeliveries(webhookId: $webhookId, state: $state, first: $first, after: $after) {
    edges { cursor node { id webhookId event state attempts lastStatus lastError payload nextAttemptAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('webhooks through GraphQL', () => {
  it('creates a webhook, showing its secret once, lists it and deletes it', async () => {
    const { createWebhook } = await app.data(CREATE, { input: { url: 'https://example.com/hooks', events: ['POST_PUBLISHED', 'TAG_DELETED'] } }, admin);
    expect(createWebhook).toMatchObject({
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
      webhook: { url: 'https://example.com/hooks', events: ['POST_PUBLISHED', 'TAG_DELETED'] },
    });
    const stored = await app.db.prisma.webhook.findFirstOrThrow({ where: { url: 'https://example.com/hooks' } });
    expect(stored).toMatchObject({ secret: createWebhook.secret, events: ['post.published', 'tag.deleted'] });

    const listed = await app.data(LIST, {}, admin);
    expect(listed.webhooks).toEqual([{ id: createWebhook.webhook.id, url: 'https://example.com/hooks', events: ['POST_PUBLISHED', 'TAG_DELETED'] }]);
    expect(JSON.stringify(listed)).not.toContain(createWebhook.secret);

    expect(await app.data('mutation($id: ID!) { deleteWebhook(id: $id) }', { id: createWebhook.webhook.id }, admin)).toEqual({
      deleteWebhook: createWebhook.webhook.id,
    });
    expect((await app.data(LIST, {}, admin)).webhooks).toEqual([]);
    const again = await app.query('mutation($id: ID!) { deleteWebhook(id: $id) }', { id: createWebhook.webhook.id }, admin);
    expect(again).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('refuses a url that is not http or https, and events that do not exist', async () => {
    const ftp = await app.query(CREATE, { input: { url: 'ftp://example.com/hooks' } }, admin);
    expect(ftp).toMatchObject({ errors: [{ message: 'url must start with http:// or https:// (got "ftp:")', extensions: { code: 'BAD_USER_INPUT', field: 'url' } }] });
    const relative = await app.query(CREATE, { input: { url: '/hooks' } }, admin);
    expect(relative).toMatchObject({ errors: [{ message: expect.stringContaining('url must be an absolute http or https URL'), extensions: { code: 'BAD_USER_INPUT' } }] });
    const event = await app.query(CREATE, { input: { url: 'https://example.com/', events: ['POST_LIKED'] } }, admin);
    expect(event).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(await app.db.prisma.webhook.count()).toBe(0);
  });

  it('pages through the delivery log, newest first, of one webhook and one state', async () => {
    const hook = await app.db.prisma.webhook.create({ data: { url: 'https://example.com/a', secret: 'whsec_AAAA' } });
    const other = await app.db.prisma.webhook.create({ data: { url: 'https://example.com/b', secret: 'whsec_AAAA' } });
    const delivery = (webhookId: number, eventId: number, state: 'PENDING' | 'DELIVERED' | 'FAILED') =>
      app.db.prisma.webhookDelivery.create({
        data: { webhookId, eventId, eventSeq: eventId, eventType: 'post.updated', payload: `{"n":${eventId}}`, state, attempts: 1, lastStatus: 500 },
      });
    const failedFirst = await delivery(hook.id, 1, 'FAILED');
    await delivery(hook.id, 2, 'DELIVERED');
    const failedSecond = await delivery(hook.id, 3, 'FAILED');
    await delivery(other.id, 3, 'FAILED');
    const pending = await delivery(hook.id, 4, 'PENDING');
    const webhookId = Buffer.from(`Webhook:${hook.id}`).toString('base64');

    const first = await app.data(DELIVERIES, { webhookId, state: 'FAILED', first: 1 }, admin);
    expect(first.webhookDeliveries).toMatchObject({
      edges: [{ node: { id: `msg_${failedSecond.id}`, webhookId, event: 'POST_UPDATED', state: 'FAILED', attempts: 1, lastStatus: 500, payload: '{"n":3}', nextAttemptAt: null } }],
      pageInfo: { hasNextPage: true },
    });
    const second = await app.data(DELIVERIES, { webhookId, state: 'FAILED', first: 1, after: first.webhookDeliveries.pageInfo.endCursor }, admin);
    expect(second.webhookDeliveries).toMatchObject({ edges: [{ node: { id: `msg_${failedFirst.id}` } }], pageInfo: { hasNextPage: false } });

    const all = await app.data(DELIVERIES, {}, admin);
    expect(all.webhookDeliveries.edges).toHaveLength(5);
    expect(all.webhookDeliveries.edges[0]).toMatchObject({ node: { id: `msg_${pending.id}`, state: 'PENDING', nextAttemptAt: expect.any(String) } });

    const wrongKind = await app.query(DELIVERIES, { webhookId: Buffer.from(`Post:${hook.id}`).toString('base64') }, admin);
    expect(wrongKind).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND', argument: 'webhookId' } }] });
  });

  it('shows webhooks and deliveries to ADMIN tokens only', async () => {
    for (const query of [LIST, DELIVERIES]) {
      const refused = await app.query(query, {}, editor);
      expect(refused).toMatchObject({ errors: [{ message: 'Managing webhooks takes the ADMIN role; this token is an EDITOR', extensions: { code: 'FORBIDDEN' } }] });
      expect(await app.query(query, {})).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });
});
