import { encodeGlobalID } from '@pothos/plugin-relay';
import { listWebhookDeliveries, listWebhooks, type WebhookDeliveryRow, type WebhookRow, webhookById } from '../db/queries/webhooks.js';
import { WebhookDeliveryState } from '../db/generated/prisma/enums.js';
import { ClientError } from '../request/errors.js';
import { EVENT_TYPES, type EventType } from '../webhooks/event-types.js';
import { createWebhook, deleteWebhook } from '../webhooks/registry.js';
import { requireRole } from './authoring.js';
import { builder } from './builder.js';
import { pageCost } from './cost.js';
import { tupleCursor } from './cursor.js';
import { rowId } from './ids.js';
import { connectionFromRows, pageWindow } from './pagination.js';

// Webhooks and their delivery log: an ADMIN's tools. Webhooks are not nodes: only these fields
// read them, each after checking the role.

const PURPOSE = 'Managing webhooks';

const WebhookEventEnum = builder.enumType('WebhookEvent', {
  description: 'A change to content that webhooks are sent, named in payloads as its value in lowercase with a dot: POST_PUBLISHED is post.published.',
  values: Object.fromEntries(EVENT_TYPES.map((type) => [type.replace('.', '_').toUpperCase(), { value: type }])),
});

const WebhookDeliveryStateEnum = builder.enumType(WebhookDeliveryState, {
  name: 'WebhookDeliveryState',
  description: 'PENDING: not answered with a 2xx yet, tried again at nextAttemptAt. FAILED: given up a day after the first attempt.',
});

const Webhook = builder.objectRef<WebhookRow>('Webhook').implement({
  description: 'An address sent a signed POST (Standard Webhooks) for each change to content; see README, Webhooks.',
  fields: (t) => ({
    id: t.id({ resolve: (webhook) => encodeGlobalID('Webhook', webhook.id) }),
    url: t.string({ resolve: (webhook) => webhook.url }),
    events: t.field({
      type: [WebhookEventEnum],
      description: 'The events it is sent; empty: every event.',
      // Written only through createWebhook, which takes these types alone.
      resolve: (webhook) => webhook.events as EventType[],
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (webhook) => webhook.createdAt }),
  }),
});

const CreatedWebhook = builder.objectRef<{ webhook: WebhookRow; secret: string }>('CreatedWebhook').implement({
  fields: (t) => ({
    webhook: t.field({ type: Webhook, resolve: (created) => created.webhook }),
    secret: t.string({
      description: 'The signing secret (whsec_...), for verifying requests. Shown only in this answer: store it now.',
      resolve: (created) => created.secret,
    }),
  }),
});

const WebhookDelivery = builder.objectRef<WebhookDeliveryRow>('WebhookDelivery').implement({
  description: 'One event for one webhook, and how sending it went.',
  fields: (t) => ({
    id: t.id({ description: 'Sent as the webhook-id header: msg_ and this number.', resolve: (delivery) => `msg_${delivery.id}` }),
    webhookId: t.id({ resolve: (delivery) => encodeGlobalID('Webhook', delivery.webhookId) }),
    event: t.field({ type: WebhookEventEnum, resolve: (delivery) => delivery.eventType as EventType }),
    payload: t.string({ description: 'The JSON body, exactly as sent.', resolve: (delivery) => delivery.payload }),
    state: t.field({ type: WebhookDeliveryStateEnum, resolve: (delivery) => delivery.state }),
    attempts: t.int({ resolve: (delivery) => delivery.attempts }),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it is tried next; null once DELIVERED or FAILED.',
      resolve: (delivery) => (delivery.state === 'PENDING' ? delivery.nextAttemptAt : null),
    }),
    lastStatus: t.int({ nullable: true, description: 'The HTTP status of the last answer; null when it got none.', resolve: (delivery) => delivery.lastStatus }),
    lastError: t.string({ nullable: true, description: 'Why the last attempt failed.', resolve: (delivery) => delivery.lastError }),
    createdAt: t.field({ type: 'DateTime', resolve: (delivery) => delivery.createdAt }),
    firstAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (delivery) => delivery.firstAttemptAt }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, resolve: (delivery) => delivery.deliveredAt }),
    failedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was given up.', resolve: (delivery) => delivery.failedAt }),
  }),
});

const WebhookDeliveryConnection = builder.connectionObject(
  { type: WebhookDelivery, name: 'WebhookDeliveryConnection' },
  { name: 'WebhookDeliveryEdge' },
);

const deliveryCursor = tupleCursor('NEWEST', ['int'], 'field');

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'An http or https URL that answers a POST with a 2xx.' }),
    events: t.field({ type: [WebhookEventEnum], description: 'The events to send; left out or empty: every event.' }),
  }),
});

/** The webhook row an id names: NOT_FOUND for an id of something else, or of a deleted webhook. */
function webhookRowId(id: { typename: string; id: string }, argument: string): number {
  if (id.typename !== 'Webhook') {
    throw new ClientError('NOT_FOUND', `There is no webhook with this id; pass a Webhook's id (see the webhooks query)`, { argument });
  }
  return rowId(id.id);
}

function noWebhook(argument: string): ClientError {
  return new ClientError('NOT_FOUND', 'There is no webhook with this id (it may have been deleted)', { argument });
}

builder.queryFields((t) => ({
  webhooks: t.field({
    type: [Webhook],
    description: 'Every webhook, oldest first. Needs an ADMIN token.',
    resolve: (_root, _args, context) => {
      requireRole(context, 'ADMIN', PURPOSE);
      return listWebhooks(context.db);
    },
  }),
  webhookDeliveries: t.connection(
    {
      type: WebhookDelivery,
      description: 'The delivery log, newest first, of one webhook or all; pages of 20, at most 100. Needs an ADMIN token.',
      complexity: pageCost,
      args: {
        webhookId: t.arg.globalID({ description: 'Only this webhook’s deliveries.' }),
        state: t.arg({ type: WebhookDeliveryStateEnum, description: 'Only deliveries in this state, e.g. FAILED.' }),
      },
      resolve: async (_root, args, context) => {
        requireRole(context, 'ADMIN', PURPOSE);
        const webhookId = args.webhookId ? webhookRowId(args.webhookId, 'webhookId') : undefined;
        if (webhookId !== undefined && !(await webhookById(context.db, webhookId))) throw noWebhook('webhookId');
        const window = pageWindow(args, deliveryCursor);
        const filter = { webhookId, state: args.state ?? undefined };
        const rows = await listWebhookDeliveries(context.db, { filter, window, limit: window.size + 1 });
        return connectionFromRows(rows, window, deliveryCursor, (row) => [row.id]);
      },
    },
    WebhookDeliveryConnection,
  ),
}));

builder.mutationFields((t) => ({
  createWebhook: t.field({
    type: CreatedWebhook,
    description: 'Adds a webhook, sent the events from now on. The answer holds its signing secret, shown this once.',
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      requireRole(context, 'ADMIN', PURPOSE);
      const { id, secret } = await createWebhook(context.db, { url: input.url, events: input.events ?? [] });
      const webhook = await webhookById(context.db, id);
      if (!webhook) throw noWebhook('input');
      return { webhook, secret };
    },
  }),
  deleteWebhook: t.id({
    description: 'Removes a webhook and its delivery log; nothing more is sent to it. Returns its id.',
    args: { id: t.arg.globalID({ required: true }) },
    resolve: async (_root, { id }, context) => {
      requireRole(context, 'ADMIN', PURPOSE);
      if (!(await deleteWebhook(context.db, webhookRowId(id, 'id')))) throw noWebhook('id');
      return encodeGlobalID('Webhook', rowId(id.id));
    },
  }),
}));
