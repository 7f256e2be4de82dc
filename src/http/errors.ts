import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isConnectionFailure } from '../db/connection-failure.js';
import type { DatabaseHealth } from '../db/health.js';
import type { Logger } from '../logger.js';
import { ContentError } from '../editing/errors.js';
import type { RequestContext } from '../request/context.js';

const UNEXPECTED = 'Unexpected error. It has been logged; quote the requestId if you report it.';

/**
 * Errors a client caused (GraphQL errors raised on purpose, with their own code) reach the
 * client as they are. A database that cannot be reached is SERVICE_UNAVAILABLE (HTTP 503), which
 * the database's health logs once per outage rather than per request. Anything else is a fault on
 * our side: the client gets a code and the request id, and the log gets the details, so no stack
 * trace or SQL ever leaves the server.
 */
export function maskUnexpectedErrors(logger: Logger, health: DatabaseHealth): Plugin<RequestContext> {
  return {
    onExecute({ args }) {
      const requestId = (args.contextValue as RequestContext).requestId;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length) return;
          const errors = result.errors.map((error) => {
            if (error.originalError instanceof ContentError) return fromContentError(error, error.originalError);
            if (isClientError(error)) return withCode(error);
            if (isUnavailable(error.originalError, health)) return serviceUnavailable(requestId, error.path);
            return logAndMask(error, logger, requestId);
          });
          setResult({ ...result, errors });
        },
      };
    },
  };
}

/** For errors raised while building a request's context, before execution: the same rules, with the request id. */
export function contextError(error: unknown, logger: Logger, health: DatabaseHealth, requestId: string): GraphQLError {
  if (error instanceof GraphQLError && isClientError(error)) {
    return new GraphQLError(error.message, { extensions: { ...withCode(error).extensions, requestId } });
  }
  if (isUnavailable(error, health)) return serviceUnavailable(requestId);
  return logAndMask(error, logger, requestId);
}

/**
 * The last line of defence, for errors outside execution and context. It cannot see the
 * request, so it only masks; `identifyUnexpectedErrors` logs the fault with the request id and
 * puts that id in the answer.
 */
export function maskError(error: unknown): Error {
  if (error instanceof GraphQLError && isClientError(error)) return error;
  return new GraphQLError(UNEXPECTED, { originalError: error as Error, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** Logs each masked fault that has no request id yet, and gives it the request's id. */
export function identifyUnexpectedErrors(logger: Logger, requestIdOf: (request: Request) => string): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      if (!Array.isArray(result) && !isExecutionResult(result)) return;
      const results = Array.isArray(result) ? result : [result];
      if (!results.some((one) => one.errors?.some(lacksRequestId))) return;
      const requestId = requestIdOf(request);
      const identified = results.map((one) => ({
        ...one,
        errors: one.errors?.map((error) => (lacksRequestId(error) ? logAndMask(error, logger, requestId) : error)),
      }));
      setResult(Array.isArray(result) ? identified : identified[0]!);
    },
  };
}

function isExecutionResult(result: object): result is ExecutionResult {
  return !(Symbol.asyncIterator in result);
}

function lacksRequestId(error: GraphQLError): boolean {
  return error.extensions?.code === 'INTERNAL_SERVER_ERROR' && !error.extensions.requestId;
}

/** Refuses a request because the database cannot be reached; the client may try again shortly. */
export function serviceUnavailable(requestId: string, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError('The database is unavailable at the moment; try again in a few seconds.', {
    path,
    extensions: { code: 'SERVICE_UNAVAILABLE', requestId, http: { status: 503, headers: { 'retry-after': '2' } } },
  });
}

// A lost connection can be one killed backend or a database that is gone: the health check
// finds out which, and says so in the log if the database is gone.
function isUnavailable(error: unknown, health: DatabaseHealth): boolean {
  if (!isConnectionFailure(error)) return health.isDown;
  void health.connectionFailed();
  return true;
}

function fromContentError(error: GraphQLError, cause: ContentError): GraphQLError {
  return new GraphQLError(cause.message, {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: cause.code, ...(cause.field ? { field: cause.field } : {}) },
  });
}

// A client error without a code of its own (a variable of the wrong type, say) is bad input.
function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    path: error.path,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}

function isClientError(error: GraphQLError): boolean {
  return !error.originalError || error.originalError instanceof GraphQLError;
}

function logAndMask(error: unknown, logger: Logger, requestId: string | undefined): GraphQLError {
  const graphQLError = error instanceof GraphQLError ? error : undefined;
  logger.error({ err: graphQLError?.originalError ?? error, path: graphQLError?.path, requestId }, 'unexpected error');
  return new GraphQLError(UNEXPECTED, {
    path: graphQLError?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  });
}
