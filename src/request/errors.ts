import { GraphQLError } from 'graphql';

/** The codes of every error a client can cause; API.md lists them. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export class ClientError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

/** A bad argument; `argument` names it, e.g. "first" or "filter.month". */
export function badUserInput(argument: string, message: string): ClientError {
  return new ClientError('BAD_USER_INPUT', message, { argument });
}

/** No token, or a wrong one. Sent with HTTP 401 when it stops the whole request. */
export function unauthenticated(message: string): ClientError {
  return new ClientError('UNAUTHENTICATED', message, { http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } });
}
