import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/client.js';

/** Tokens read `folio_` and 43 characters of base64url: 256 random bits. */
const TOKEN_PREFIX = 'folio_';
const TOKEN_PATTERN = /^folio_[A-Za-z0-9_-]{43}$/;
export const MAX_TOKEN_NAME_LENGTH = 100;
// A token's lastUsedAt is refreshed at most this often, so that reading with a token does not
// mean a write on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

export interface TokenHolder {
  tokenId: number;
  tokenName: string;
}

export class TokenError extends Error {
  override name = 'TokenError';
}

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Stores a new token under `name` and returns it: the only time the token itself is seen. */
export async function createToken(db: Database, name: string): Promise<string> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_TOKEN_NAME_LENGTH) {
    throw new TokenError(`A token name must have 1 to ${MAX_TOKEN_NAME_LENGTH} characters`);
  }
  const existing = await db.prisma.apiToken.findUnique({ where: { name: trimmed } });
  if (existing) {
    // Names stay taken after revoking, so that `token list` keeps telling tokens apart.
    const which = existing.revokedAt ? 'a revoked token' : 'a token';
    throw new TokenError(`There is already ${which} named "${trimmed}"; choose another name`);
  }
  const token = generateToken();
  await db.prisma.apiToken.create({ data: { name: trimmed, tokenHash: hashToken(token) } });
  return token;
}

export function listTokens(db: Database) {
  return db.prisma.apiToken.findMany({
    orderBy: { createdAt: 'asc' },
    select: { name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Revokes the token named `name`; false when there is no such token or it is revoked already. */
export async function revokeToken(db: Database, name: string): Promise<boolean> {
  const { count } = await db.prisma.apiToken.updateMany({
    where: { name: name.trim(), revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/** Whether `token` reads as a token can (`folio_` and 43 characters): anything else is no one's. */
export function isTokenShaped(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * The holder of `token`, or null when the token is malformed, unknown or revoked. Only the
 * token's SHA-256 hash is ever compared (by the unique index), so however long a comparison
 * takes, it tells a guesser nothing about the token: a near guess has an unrelated hash.
 */
export async function authenticateToken(db: Database, token: string, now = new Date()): Promise<TokenHolder | null> {
  if (!isTokenShaped(token)) return null;
  const presented = hashToken(token);
  const stored = await db.prisma.apiToken.findUnique({ where: { tokenHash: presented } });
  if (!stored || stored.revokedAt) return null;
  if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.prisma.apiToken.update({ where: { id: stored.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: stored.id, tokenName: stored.name };
}
