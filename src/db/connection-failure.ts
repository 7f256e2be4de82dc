// Which errors mean "the database could not be reached or the connection was lost", as
// opposed to a fault in a statement. They reach us in three shapes: from `pg` directly (a
// SQLSTATE, a socket error code, or one of pg's own messages), and from Prisma, which wraps the
// driver's error in `meta.driverAdapterError`.

// SQLSTATE class 08 is "connection exception"; 57P01-57P03 are the server shutting down, crashing
// or starting up; 53300 is "too many connections".
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const SOCKET_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// How Prisma's PostgreSQL adapter classifies the driver errors above.
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// pg raises these as plain errors, without a code.
const PG_CONNECTION_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

interface ErrorFields {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

/** True when `error`, or an error it wraps, says the database was unreachable or dropped the connection. */
export function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, kind, message, cause, meta } = current as ErrorFields;
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || SOCKET_ERROR_CODES.has(code))) return true;
    if (typeof kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === 'string' && PG_CONNECTION_MESSAGES.test(message)) return true;
    current = meta?.driverAdapterError?.cause ?? cause;
  }
  return false;
}
