import { randomUUID } from 'node:crypto';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import { schema } from '../schema/index.js';
import { createRequestContext, type RequestContext } from './context.js';
import { DEFAULT_QUERY } from './default-query.js';
import { identifyUnexpectedErrors, maskError, maskUnexpectedErrors } from './errors.js';
import { badValuesAsUserInput } from './bad-values.js';
import { knownOperationTypes } from './operation-types.js';
import { queryLimits } from './query-limits.js';
import { resolveViewer } from './viewer.js';

export type FolioYoga = YogaServerInstance<Record<string, never>, RequestContext>;

export interface YogaOptions {
  db: Database;
  logger: Logger;
  /** Told of every change to content, before the change is answered (the response cache forgets). */
  contentChanged?: () => Promise<void>;
}

const REQUEST_ID_HEADER = 'x-request-id';

/** The GraphQL endpoint at /graphql, with GraphiQL for browsers. */
export function createFolioYoga({ db, logger, contentChanged = async () => {} }: YogaOptions): FolioYoga {
  const requestIds = new WeakMap<Request, string>();
  const requestIdOf = (request: Request) => {
    let id = requestIds.get(request);
    if (!id) {
      id = randomUUID();
      requestIds.set(request, id);
    }
    return id;
  };

  return createYoga<Record<string, never>, RequestContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: false,
    graphiql: { title: 'Folio', defaultQuery: DEFAULT_QUERY },
    context: async ({ request }) => {
      const now = new Date();
      const viewer = await resolveViewer(db, request, now);
      return createRequestContext({ db, viewer, now, requestId: requestIdOf(request), contentChanged });
    },
    maskedErrors: { maskError },
    plugins: [
      queryLimits(),
      knownOperationTypes(),
      badValuesAsUserInput(),
      // Compiles each distinct query once into a function that runs its resolvers directly.
      useGraphQlJit(),
      maskUnexpectedErrors(logger),
      identifyUnexpectedErrors(logger, requestIdOf),
      requestIdHeader(requestIdOf),
    ],
  });
}

function requestIdHeader(requestIdOf: (request: Request) => string): Plugin {
  return {
    onResponse({ request, response }) {
      response.headers.set(REQUEST_ID_HEADER, requestIdOf(request));
    },
  };
}
