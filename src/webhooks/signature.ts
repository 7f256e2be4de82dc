import { createHmac, randomBytes } from 'node:crypto';

// Standard Webhooks (https://www.standardwebhooks.com): the secret is `whsec_` and the base64 of
// the key; each request carries its id, its time in seconds and `v1,` with the base64
// HMAC-SHA256 of "id.timestamp.body", so a receiver can check it came from us, unchanged, lately.

const SECRET_PREFIX = 'whsec_';

/** A new secret: 24 random bytes (192 bits), as Standard Webhooks libraries write them. */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

export function signatureHeaders(secret: string, messageId: string, body: string, at: Date): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000).toString();
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  const signature = createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

/** The `webhook-id` of a delivery: the same on every attempt, so a receiver can drop repeats. */
export function messageId(deliveryId: number): string {
  return `msg_${deliveryId}`;
}
