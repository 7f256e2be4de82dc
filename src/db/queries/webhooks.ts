import { Prisma } from '../generated/prisma/client.js';
import type { WebhookDeliveryState } from '../generated/prisma/enums.js';
import type { Database } from '../client.js';
import { type KeysetOrdering, type KeysetWindow, keysetConditions, keysetOrderBy } from './keyset.js';

// Reads of the webhooks and their delivery log, for the admin API and the CLI. The secret is
// never read back: it is shown once, when the webhook is created.

export interface WebhookRow {
  id: number;
  url: string;
  events: string[];
  createdAt: Date;
}

export interface WebhookDeliveryRow {
  id: number;
  webhookId: number;
  eventId: string;
  eventType: string;
  payload: string;
  state: WebhookDeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  firstAttemptAt: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

export function listWebhooks(db: Database): Promise<WebhookRow[]> {
  return db.rows<WebhookRow>(Prisma.sql`SELECT id, url, events, created_at AS "createdAt" FROM webhooks ORDER BY id`);
}

export async function webhookById(db: Database, id: number): Promise<WebhookRow | null> {
  const [row] = await db.rows<WebhookRow>(Prisma.sql`SELECT id, url, events, created_at AS "createdAt" FROM webhooks WHERE id = ${id}`);
  return row ?? null;
}

export interface DeliveryFilter {
  webhookId?: number;
  state?: WebhookDeliveryState;
}

const NEWEST: KeysetOrdering = { columns: [Prisma.sql`d.id`], direction: 'DESC' };

/** The delivery log, newest first, a keyset page of it. */
export function listWebhookDeliveries(
  db: Database,
  request: { filter: DeliveryFilter; window: KeysetWindow; limit: number },
): Promise<WebhookDeliveryRow[]> {
  const { webhookId, state } = request.filter;
  const conditions = [
    ...(webhookId === undefined ? [] : [Prisma.sql`d.webhook_id = ${webhookId}`]),
    ...(state === undefined ? [] : [Prisma.sql`d.state = ${state}::"WebhookDeliveryState"`]),
    ...keysetConditions(NEWEST, request.window),
  ];
  return db.rows<WebhookDeliveryRow>(Prisma.sql`
    SELECT d.id, d.webhook_id AS "webhookId", d.event_id::text AS "eventId", d.event_type AS "eventType", d.payload, d.state,
           d.attempts, d.next_attempt_at AS "nextAttemptAt", d.last_status AS "lastStatus", d.last_error AS "lastError",
           d.created_at AS "createdAt", d.first_attempt_at AS "firstAttemptAt", d.delivered_at AS "deliveredAt", d.failed_at AS "failedAt"
    FROM webhook_deliveries d
    ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty}
    ORDER BY ${keysetOrderBy(NEWEST, request.window)}
    LIMIT ${request.limit}`);
}
