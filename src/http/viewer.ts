import type { FailedAttempts } from '../auth/failed-attempts.js';
import { checkPreviewToken, type PreviewCheck } from '../auth/preview-tokens.js';
import { authenticateToken, hashToken, isTokenShaped } from '../auth/tokens.js';
import type { Database } from '../db/client.js';
import { databaseIdentityOf } from '../db/queries/database-identity.js';
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

/** Where a preview token travels: this header, or this variable of the request (a frontend passes it on from a URL). */
export const PREVIEW_TOKEN_HEADER = 'x-preview-token';
export const PREVIEW_TOKEN_VARIABLE = 'previewToken';

/**
 * Who sent the request: anonymous without an Authorization header, the token's holder with a
 * valid `Bearer` token, a preview with a valid preview token. A credential that is there but
 * wrong is refused outright rather than quietly treated as anonymous, so a client with a revoked
 * or expired token finds out at once. Each failure of an API token is logged; an address that
 * keeps failing has to wait before presenting one again.
 */
export async function resolveViewer(
  db: Database,
  request: Request,
  now: Date,
  origin: RequestOrigin,
  variables?: Record<string, unknown> | null,
): Promise<Viewer> {
  const header = request.headers.get('authorization');
  const previewToken = previewTokenOf(request, variables);
  if (previewToken !== null) {
    // One request, one reader: an editor acting with a token while looking at a preview would
    // get answers that are neither what the token sees nor what the preview's readers see.
    if (header !== null) {
      throw unauthenticated(
        'Send either an Authorization header or a preview token, not both: a preview shows what readers with its link see, ' +
          'and it cannot change content; drop one of them',
      );
    }
    return previewViewer(db, previewToken, now, origin);
  }
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

function previewTokenOf(request: Request, variables: Record<string, unknown> | null | undefined): string | null {
  const header = request.headers.get(PREVIEW_TOKEN_HEADER)?.trim() || null;
  const variable = variables?.[PREVIEW_TOKEN_VARIABLE] ?? null;
  if (variable !== null && typeof variable !== 'string') {
    throw unauthenticated(`The ${PREVIEW_TOKEN_VARIABLE} variable must be a string: the token createPreview answered`);
  }
  if (header !== null && variable !== null && header !== variable) {
    throw unauthenticated(
      `The ${PREVIEW_TOKEN_HEADER} header and the ${PREVIEW_TOKEN_VARIABLE} variable name different previews; send one of them`,
    );
  }
  return header ?? variable;
}

async function previewViewer(db: Database, token: string, now: Date, origin: RequestOrigin): Promise<Viewer> {
  const { signingKey } = await databaseIdentityOf(db);
  const check = checkPreviewToken(token, signingKey, now);
  if (check.valid) return { kind: 'preview', postId: check.postId, expiresAt: check.expiresAt };
  // A signature cannot be guessed, so failures do not make the address wait; an expired link is ordinary.
  if (check.reason !== 'expired') {
    failed(origin, now, `preview token ${check.reason === 'signature' ? 'altered' : 'malformed'}`, undefined, { counts: false });
  }
  throw unauthenticated(previewRefusal(check));
}

function previewRefusal(check: Exclude<PreviewCheck, { valid: true }>): string {
  switch (check.reason) {
    case 'expired':
      return `The preview token expired at ${check.expiredAt.toISOString()}; create a new preview with createPreview`;
    case 'signature':
      return `The preview token's signature is invalid: it was altered, or made for another database; create a new preview with createPreview`;
    case 'malformed':
      return 'This is not a preview token: those read `<payload>.<signature>` as createPreview answers them; send it unchanged';
  }
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
