import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPreviewToken, signPreviewToken } from '../../src/auth/preview-tokens.js';

const KEY = 'a signing key';
const NOW = new Date('2026-01-01T12:00:00Z');
const LATER = new Date('2026-01-01T13:00:00Z');

function signedPayload(payload: string, text = `folio-preview.${payload}`): string {
  return `${payload}.${createHmac('sha256', KEY).update(text).digest('base64url')}`;
}

describe('preview tokens', () => {
  it('name their post and expiry, URL-safe, and are good until they expire', () => {
    const token = signPreviewToken({ postId: 42, expiresAt: LATER }, KEY);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(checkPreviewToken(token, KEY, NOW)).toEqual({ valid: true, postId: 42, expiresAt: LATER });
    expect(checkPreviewToken(token, KEY, new Date(LATER.getTime() - 1))).toMatchObject({ valid: true });
    expect(checkPreviewToken(token, KEY, LATER)).toEqual({ valid: false, reason: 'expired', expiredAt: LATER });
  });

  it('are refused when signed with another key, or for another purpose', () => {
    expect(checkPreviewToken(signPreviewToken({ postId: 42, expiresAt: LATER }, 'another key'), KEY, NOW)).toEqual({ valid: false, reason: 'signature' });
    const payload = Buffer.from(JSON.stringify({ postId: 42, exp: LATER.getTime() / 1000 })).toString('base64url');
    expect(checkPreviewToken(signedPayload(payload, payload), KEY, NOW)).toEqual({ valid: false, reason: 'signature' });
    expect(checkPreviewToken(signedPayload(payload), KEY, NOW)).toMatchObject({ valid: true, postId: 42 });
  });

  it('are refused when they are not tokens, even when signed', () => {
    for (const token of ['', 'no-dot', 'a.b', `${'a'.repeat(300)}.${'b'.repeat(43)}`]) {
      expect(checkPreviewToken(token, KEY, NOW)).toEqual({ valid: false, reason: 'malformed' });
    }
    for (const json of ['not json', '{"postId":"42","exp":1}', '{"postId":42}', 'null']) {
      expect(checkPreviewToken(signedPayload(Buffer.from(json).toString('base64url')), KEY, NOW)).toEqual({ valid: false, reason: 'malformed' });
    }
  });
});
