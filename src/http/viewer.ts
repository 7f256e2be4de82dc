import type { FailedAttempts } from '../auth/failed-attempts.js';
import { authenticateToken, hashToken, isTokenShaped } from '../auth/tokens.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import { ClientError, unauthenticated } from '../request/errors.js';
import type { Viewer } from '../request/context.js';

/** Where a request came from, and what watches failed authentications. */
export interface RequestOrigin {
  /** The client's address; unknown for requests made in-process. */
  address: string | undefined;
  requestId: string;
  failedAttempts: FailedAttempts;
  logger: Logger;
}

/**
 * Who sent the request: anonymous without an Authorization header, the token's holder with a
 * valid `Bearer` token. A header that is there but wrong is refused outright rather than
 * quietly treated as anonymous, so a client with a revoked token finds out at once. Each
 * failure is logged; an address that keeps failing has to wait before presenting a token again.
 */
export async function resolveViewer(db: Database, request: Request, now: Date, origin: RequestOrigin): Promise<Viewer> {
  const header = request.headers.get('authorization');
  if (header === null) return { kind: 'anonymous' };
  const waitMs = origin.address ? origin.failedAttempts.waitMs(origin.address, now.getTime()) : 0;
  if (waitMs > 0) throw tooManyFailures(waitMs);
  const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
  if (!token) {
    failed(origin, now, 'malformed Authorization header', undefined);
    throw unauthenticated('The Authorization header must read `Bearer <token>`');
  }
  // Not a guess at anyone's token (a placeholder such as GraphiQL's `<token>`, say), so it is
  // logged but does not count towards making the address wait.
  if (!isTokenShaped(token)) {
    failed(origin, now, 'not a Folio token', undefined, { counts: false });
    throw unauthenticated(
      '`' + token.slice(0, 40) + '` is not a Folio token (those read `folio_` and 43 more characters); ' +
        'create one with `npm run token -- create --name <name>` and send `Authorization: Bearer folio_...`',
    );
  }
  const holder = await authenticateToken(db, token, now);
  if (!holder) {
    failed(origin, now, 'unknown or revoked token', token);
    throw unauthenticated('The token is unknown or has been revoked; create one with `npm run token -- create --name <name>`');
  }
  return { kind: 'token', ...holder };
}

// The log names a token by the start of its hash, never the token: enough to match a revoked
// token against the table, useless for signing in.
function failed(
  { address, requestId, failedAttempts, logger }: RequestOrigin,
  now: Date,
  reason: string,
  token: string | undefined,
  { counts = true } = {},
): void {
  const waitMs = address && counts ? failedAttempts.fail(address, now.getTime()) : 0;
  logger.warn(
    { client: address, requestId, reason, tokenHash: token && hashToken(token).slice(0, 12), ...(waitMs > 0 && { waitSeconds: waitMs / 1000 }) },
    'authentication failed',
  );
}

function tooManyFailures(waitMs: number): ClientError {
  const seconds = Math.ceil(waitMs / 1000);
  return new ClientError(
    'UNAUTHENTICATED',
    `Too many failed authentications from your address; check the token and try again in ${seconds} s`,
    { http: { status: 429, headers: { 'retry-after': String(seconds) } } },
  );
}
