import { Prisma } from './generated/prisma/client.js';
import type { Database } from './client.js';

// The statements that move content events to webhooks. Both steps lock rows with
// FOR UPDATE SKIP LOCKED, so every server may run them at once: each webhook is fanned out by one
// server at a time, and each delivery is sent by one server at a time.

/** A released content event, as fan-out reads it. */
export interface ReleasedEvent {
  id: bigint;
  seq: bigint;
  type: string;
  subjectId: number;
  slug: string;
  previousSlug: string | null;
  tagIds: number[];
  dueAt: Date;
}

/** Makes the JSON body sent for `event`, given the slugs of the tags it names. */
export type DescribeEvent = (event: ReleasedEvent, tagSlugs: ReadonlyMap<number, string>) => string;

interface LaggingWebhook {
  id: number;
  events: string[];
  fannedOutSeq: bigint;
}

/**
 * Takes one webhook that has released events after its cursor and no other server is fanning
 * out, turns up to `batchSize` of those events (the ones its filter takes) into deliveries due at
 * `now`, and advances its cursor past all of them, in one transaction. Answers how many
 * deliveries it made, or null when no webhook was behind.
 */
export async function fanOutNextWebhook(db: Database, describe: DescribeEvent, now: Date, batchSize: number): Promise<number | null> {
  return db.prisma.$transaction(async (tx) => {
    const [webhook] = await tx.$queryRaw<LaggingWebhook[]>`
      SELECT id, events, fanned_out_seq AS "fannedOutSeq" FROM webhooks
      WHERE fanned_out_seq < (SELECT coalesce(max(seq), 0) FROM content_events)
      ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`;
    if (!webhook) return null;
    const events = await tx.$queryRaw<ReleasedEvent[]>`
      SELECT id, seq, type, subject_id AS "subjectId", slug, previous_slug AS "previousSlug", tag_ids AS "tagIds", due_at AS "dueAt"
      FROM content_events WHERE seq > ${webhook.fannedOutSeq} ORDER BY seq LIMIT ${batchSize}`;
    const wanted = events.filter((event) => webhook.events.length === 0 || webhook.events.includes(event.type));
    const tagIds = [...new Set(wanted.flatMap((event) => event.tagIds))];
    const tags = tagIds.length
      ? await tx.$queryRaw<{ id: number; slug: string }[]>`SELECT id, slug FROM tags WHERE id = ANY(${tagIds}::int[])`
      : [];
    const tagSlugs = new Map(tags.map((tag) => [tag.id, tag.slug]));
    if (wanted.length) {
      // The unique (webhook_id, event_id) makes a second fan-out of the same event a no-op.
      await tx.$executeRaw`
        INSERT INTO webhook_deliveries (webhook_id, event_id, event_seq, event_type, payload, next_attempt_at, created_at)
        SELECT ${webhook.id}, e.id, e.seq, e.type, e.payload, ${now}, ${now}
        FROM unnest(${wanted.map((event) => event.id)}::bigint[], ${wanted.map((event) => event.seq)}::bigint[],
                    ${wanted.map((event) => event.type)}::text[], ${wanted.map((event) => describe(event, tagSlugs))}::text[])
          AS e(id, seq, type, payload)
        ON CONFLICT (webhook_id, event_id) DO NOTHING`;
    }
    await tx.$executeRaw`UPDATE webhooks SET fanned_out_seq = ${events.at(-1)!.seq} WHERE id = ${webhook.id}`;
    return wanted.length;
  });
}

/** A delivery due now, with what sending it needs. */
export interface DueDelivery {
  id: number;
  url: string;
  secret: string;
  payload: string;
  attempts: number;
  firstAttemptAt: Date | null;
}

/** How an attempt went, and so what the delivery becomes. */
export interface AttemptRecord {
  state: 'PENDING' | 'DELIVERED' | 'FAILED';
  attemptedAt: Date;
  status: number | null;
  error: string | null;
  nextAttemptAt: Date;
}

/**
 * Locks one PENDING delivery due at `now` that no other server holds, calls `attempt` with it
 * and stores what it answers, in one transaction: the row stays locked while it is sent, and a
 * crash before the commit leaves it PENDING and due. Answers false when none was due.
 */
export async function attemptDueDelivery(
  db: Database,
  now: Date,
  attempt: (delivery: DueDelivery) => Promise<AttemptRecord>,
  timeoutMs: number,
): Promise<boolean> {
  return db.prisma.$transaction(
    async (tx) => {
      const [delivery] = await tx.$queryRaw<DueDelivery[]>`
        SELECT d.id, w.url, w.secret, d.payload, d.attempts, d.first_attempt_at AS "firstAttemptAt"
        FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.state = 'PENDING' AND d.next_attempt_at <= ${now}
        ORDER BY d.next_attempt_at, d.id LIMIT 1 FOR UPDATE OF d SKIP LOCKED`;
      if (!delivery) return false;
      const record = await attempt(delivery);
      const at = record.attemptedAt;
      await tx.$executeRaw`
        UPDATE webhook_deliveries SET
          state = ${record.state}::"WebhookDeliveryState", attempts = attempts + 1, last_status = ${record.status},
          last_error = ${record.error}, next_attempt_at = ${record.nextAttemptAt}, first_attempt_at = coalesce(first_attempt_at, ${at}),
          delivered_at = ${record.state === 'DELIVERED' ? at : null}, failed_at = ${record.state === 'FAILED' ? at : null}
        WHERE id = ${delivery.id}`;
      return true;
    },
    // The row stays locked for the whole attempt, so the transaction must outlive its timeout.
    { timeout: timeoutMs + 5_000 },
  );
}

/** When the next PENDING delivery falls due; null when none is pending. */
export async function nextDeliveryDue(db: Database): Promise<Date | null> {
  const [row] = await db.rows<{ due: Date | null }>(
    Prisma.sql`SELECT min(next_attempt_at) AS due FROM webhook_deliveries WHERE state = 'PENDING'`,
  );
  return row?.due ?? null;
}
