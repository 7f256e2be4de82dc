import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/client.js';
import type { Role } from '../db/generated/prisma/enums.js';

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
  role: Role;
  /** The author the token writes as; null for tokens made before authors existed. */
  authorId: number | null;
  authorSlug: string | null;
}

/** Who a new token acts as: its role, and the author it belongs to (by slug). */
export interface TokenGrant {
  role?: Role;
  authorSlug?: string | null;
}

// Contributors and authors write "their own" posts, so their tokens must belong to an author.
const ROLES_NEEDING_AUTHOR: readonly Role[] = ['CONTRIBUTOR', 'AUTHOR'];

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
export async function createToken(db: Database, name: string, { role = 'ADMIN', authorSlug = null }: TokenGrant = {}): Promise<string> {
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
  if (!authorSlug && ROLES_NEEDING_AUTHOR.includes(role)) {
    throw new TokenError(`A ${role} token writes its author's own posts, so it needs an author: add --author <slug>`);
  }
  const author = authorSlug ? await db.prisma.author.findUnique({ where: { slug: authorSlug }, select: { id: true } }) : null;
  if (authorSlug && !author) {
    throw new TokenError(`There is no author "${authorSlug}"; create it with npm run author -- create --slug ${authorSlug} --name <name>`);
  }
  const token = generateToken();
  await db.prisma.apiToken.create({ data: { name: trimmed, tokenHash: hashToken(token), role, authorId: author?.id ?? null } });
  return token;
}

export function listTokens(db: Database) {
  return db.prisma.apiToken.findMany({
    orderBy: { createdAt: 'asc' },
    select: { name: true, role: true, author: { select: { slug: true } }, createdAt: true, lastUsedAt: true, revokedAt: true },
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
  const stored = await db.prisma.apiToken.findUnique({ where: { tokenHash: presented }, include: { author: { select: { slug: true } } } });
  if (!stored || stored.revokedAt) return null;
  if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.prisma.apiToken.update({ where: { id: stored.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: stored.id, tokenName: stored.name, role: stored.role, authorId: stored.authorId, authorSlug: stored.author?.slug ?? null };
}
