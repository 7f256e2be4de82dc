import { authenticateToken } from '../auth/tokens.js';
import type { Database } from '../db/client.js';
import { unauthenticated } from '../schema/errors.js';
import type { Viewer } from './context.js';

/**
 * Who sent the request: anonymous without an Authorization header, the token's holder with a
 * valid `Bearer` token. A header that is there but wrong is refused outright rather than
 * quietly treated as anonymous, so a client with a revoked token finds out at once.
 */
export async function resolveViewer(db: Database, request: Request, now: Date): Promise<Viewer> {
  const header = request.headers.get('authorization');
  if (header === null) return { kind: 'anonymous' };
  const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
  if (!token) throw unauthenticated('The Authorization header must read `Bearer <token>`');
  const holder = await authenticateToken(db, token, now);
  if (!holder) {
    throw unauthenticated('The token is unknown or has been revoked; create one with `npm run token -- create --name <name>`');
  }
  return { kind: 'token', ...holder };
}
