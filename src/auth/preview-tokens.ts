import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a preview token grants: a look at one post or page, until it expires. */
export interface PreviewGrant {
  postId: number;
  expiresAt: Date;
}

export type PreviewCheck =
  | ({ valid: true } & PreviewGrant)
  | { valid: false; reason: 'malformed' | 'signature' }
  | { valid: false; reason: 'expired'; expiredAt: Date };

// Far longer than any token made here (about 90 characters), short enough to refuse a flood unread.
const MAX_TOKEN_LENGTH = 256;
const TOKEN_PATTERN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;
// The key signs other things too (webhooks); what is signed names its purpose, so that no other
// signature made with the key passes for a preview token.
const PURPOSE = 'folio-preview.';

/** `<payload>.<signature>`, both base64url: the payload `{ postId, exp }` (exp in seconds), the signature HMAC-SHA256. */
export function signPreviewToken({ postId, expiresAt }: PreviewGrant, signingKey: string): string {
  const payload = Buffer.from(JSON.stringify({ postId, exp: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
  return `${payload}.${signature(payload, signingKey).toString('base64url')}`;
}

/** Whether `token` was signed with `signingKey` and is still good at `now`, and for which post. */
export function checkPreviewToken(token: string, signingKey: string, now: Date): PreviewCheck {
  const parts = token.length <= MAX_TOKEN_LENGTH ? TOKEN_PATTERN.exec(token) : null;
  if (!parts) return { valid: false, reason: 'malformed' };
  const [, payload, signed] = parts as unknown as [string, string, string];
  if (!timingSafeEqual(Buffer.from(signed, 'base64url'), signature(payload, signingKey))) return { valid: false, reason: 'signature' };
  const grant = grantOf(payload);
  if (!grant) return { valid: false, reason: 'malformed' };
  if (grant.expiresAt <= now) return { valid: false, reason: 'expired', expiredAt: grant.expiresAt };
  return { valid: true, ...grant };
}

function signature(payload: string, signingKey: string): Buffer {
  return createHmac('sha256', signingKey).update(PURPOSE + payload).digest();
}

// Only reached with a good signature, so the payload is one this module wrote; checked all the same.
function grantOf(payload: string): PreviewGrant | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const { postId, exp } = (value ?? {}) as { postId?: unknown; exp?: unknown };
  if (!Number.isSafeInteger(postId) || !Number.isSafeInteger(exp)) return null;
  return { postId: postId as number, expiresAt: new Date((exp as number) * 1000) };
}
