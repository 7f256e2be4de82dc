import type { Database } from '../db/client.js';
import { invalid } from '../editing/errors.js';
import { EVENT_TYPES, isEventType } from './event-types.js';
import { generateSecret } from './signature.js';

// Adding and removing webhooks, for the admin API and `npm run webhook`.

const MAX_URL_LENGTH = 2_000;

export interface WebhookInput {
  url: string;
  /** Event types to send; empty: all. */
  events: readonly string[];
}

/**
 * Adds a webhook and answers its id and secret (the only time the secret is shown). It is sent
 * the events released from now on, not those before it.
 */
export async function createWebhook(db: Database, input: WebhookInput): Promise<{ id: number; secret: string }> {
  const url = checkUrl(input.url);
  const events = checkEvents(input.events);
  const secret = generateSecret();
  const { _max } = await db.prisma.contentEvent.aggregate({ _max: { seq: true } });
  const webhook = await db.prisma.webhook.create({ data: { url, secret, events, fannedOutSeq: _max.seq ?? 0n }, select: { id: true } });
  return { id: webhook.id, secret };
}

/** Removes a webhook and its delivery log; false when there was none. */
export async function deleteWebhook(db: Database, id: number): Promise<boolean> {
  const { count } = await db.prisma.webhook.deleteMany({ where: { id } });
  return count > 0;
}

function checkUrl(raw: string): string {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('url', `url must be an absolute http or https URL, e.g. https://example.com/hooks/folio (got "${value.slice(0, 100)}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('url', `url must start with http:// or https:// (got "${url.protocol}")`);
  }
  if (value.length > MAX_URL_LENGTH) throw invalid('url', `url may be at most ${MAX_URL_LENGTH} characters (got ${value.length})`);
  return url.href;
}

function checkEvents(events: readonly string[]): string[] {
  const unknown = events.filter((event) => !isEventType(event));
  if (unknown.length) {
    throw invalid('events', `Unknown event type ${unknown.map((event) => `"${event}"`).join(', ')}; the types are ${EVENT_TYPES.join(', ')}`);
  }
  return [...new Set(events)];
}
