import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { ContentError } from '../posts/errors.js';
import type { RequestContext } from './context.js';

const UNEXPECTED = 'Unexpected error. It has been logged; quote the requestId if you report it.';

/**
 * Errors a client caused (GraphQL errors raised on purpose, with their own code) reach the
 * client as they are. Anything else is a fault on our side: the client gets a code and the
 * request id, and the log gets the details, so no stack trace or SQL ever leaves the server.
 */
export function maskUnexpectedErrors(logger: Logger): Plugin<RequestContext> {
  return {
    onExecute({ args }) {
      const requestId = (args.contextValue as RequestContext).requestId;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length) return;
          const errors = result.errors.map((error) => {
            if (error.originalError instanceof ContentError) return fromContentError(error, error.originalError);
            return isClientError(error) ? withCode(error) : logAndMask(error, logger, requestId);
          });
          setResult({ ...result, errors });
        },
      };
    },
  };
}

/**
 * The last line of defence, for errors outside execution (such as building the context). It
 * cannot see the request, so it only masks; `identifyUnexpectedErrors` logs the fault with the
 * request id and puts that id in the answer.
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
