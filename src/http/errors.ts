import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { ContentError } from '../posts/errors.js';
import type { RequestContext } from './context.js';

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

/** The last line of defence, for errors outside execution (such as building the context). */
export function maskError(error: unknown, logger: Logger): Error {
  if (error instanceof GraphQLError && isClientError(error)) return error;
  return logAndMask(error, logger, undefined);
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
  return new GraphQLError('Unexpected error. It has been logged; quote the requestId if you report it.', {
    path: graphQLError?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  });
}
