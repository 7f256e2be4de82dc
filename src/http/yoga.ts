import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { FailedAttempts } from '../auth/failed-attempts.js';
import type { Database } from '../db/client.js';
import type { ReadRouting } from '../db/read-routing.js';
import type { Logger } from '../logger.js';
import { readConfig } from '../config.js';
import { type MediaLibrary, mediaLibraryFor } from '../media/index.js';
import { schema } from '../schema/index.js';
import { createRequestContext, type RequestContext } from '../request/context.js';
import { contextError, identifyUnexpectedErrors, maskError, maskUnexpectedErrors, serviceUnavailable } from './errors.js';
import { badValuesAsUserInput } from './bad-values.js';
import { CorsPolicy, corsHeaders } from './cors.js';
import { noStoreAnswers } from './private-answers.js';
import { knownOperationTypes } from './operation-types.js';
import { persistedQueries } from './persisted-queries.js';
import { MemoryQueryStore, type PersistedQueryStore } from './persisted-query-store.js';
import { queryCost } from './query-cost.js';
import { serveGraphiQL } from './graphiql/index.js';
import { queryLimits } from './query-limits.js';
import { refuseUnstorableStrings } from './storable-strings.js';
import { validationCache } from './validation-cache.js';
import { resolveViewer } from './viewer.js';

/** What the Node server passes along with a request; nothing for requests made in-process. */
export interface NodeServerContext {
  req?: IncomingMessage;
  /** Filled with the cache keys of what the answer holds (see delivery/cache-keys.ts). */
  answerKeys?: Set<string>;
}

export type FolioYoga = YogaServerInstance<NodeServerContext, RequestContext>;

export interface YogaOptions {
  db: Database;
  logger: Logger;
  /** Told of every change to content, before the change is answered (the response cache forgets). */
  contentChanged?: () => Promise<void>;
  /** GraphiQL's bundle; by default where `npm run build` puts it. */
  graphiqlAssetsDir?: string;
  /** Where uploaded images go; by default the folder MEDIA_DIR names. */
  media?: MediaLibrary;
  /** Where Automatic Persisted Queries are kept; by default in this server's memory. */
  persistedQueryStore?: PersistedQueryStore;
  /** The origins whose browsers may call the API; by default CORS_ORIGINS (null: any origin). */
  corsOrigins?: string[] | null;
  /** Where anonymous reads go when there is a read replica (DATABASE_REPLICA_URL); without it, to `db`. */
  readRouting?: ReadRouting;
}

// The HTTP server keeps answers apart by what CORS headers echo, so it asks the Yoga it serves.
const corsPolicies = new WeakMap<FolioYoga, CorsPolicy>();

/** The CORS policy a Yoga made by createFolioYoga answers with. */
export function corsPolicyOf(yoga: FolioYoga): CorsPolicy {
  return corsPolicies.get(yoga) ?? new CorsPolicy(null);
}

const REQUEST_ID_HEADER = 'x-request-id';

/** The GraphQL endpoint at /graphql, with GraphiQL for browsers. */
export function createFolioYoga({
  db,
  logger,
  contentChanged = async () => {},
  graphiqlAssetsDir,
  media = mediaLibraryFor(readConfig()),
  persistedQueryStore = new MemoryQueryStore(),
  corsOrigins = readConfig().corsOrigins,
  readRouting,
}: YogaOptions): FolioYoga {
  const requestIds = new WeakMap<Request, string>();
  const requestIdOf = (request: Request) => {
    let id = requestIds.get(request);
    if (!id) {
      id = randomUUID();
      requestIds.set(request, id);
    }
    return id;
  };

  const failedAttempts = new FailedAttempts();
  const cors = new CorsPolicy(corsOrigins);

  const yoga = createYoga<NodeServerContext, RequestContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: false,
    // Yoga's own CORS echoes every origin and allows credentials; corsHeaders() below does it as configured.
    cors: false,
    // Folio serves GraphiQL itself (see graphiql/), with every asset from this server.
    graphiql: false,
    context: async ({ request, req, params, answerKeys }) => {
      const requestId = requestIdOf(request);
      // While the database is known to be down, refuse at once rather than wait to find out again.
      if (db.health.isDown) throw serviceUnavailable(requestId);
      try {
        const now = new Date();
        const origin = { address: req?.socket.remoteAddress, requestId, failedAttempts, logger };
        const viewer = await resolveViewer(db, request, now, origin, params.variables);
        // Token holders write, and read their own writes; preview readers see drafts: the primary for both.
        const readsFrom = viewer.kind === 'anonymous' && readRouting ? readRouting.databaseForAnonymousRead() : db;
        return createRequestContext({ db: readsFrom, viewer, now, requestId, contentChanged, media, answerKeys });
      } catch (error) {
        throw contextError(error, logger, db.health, requestId);
      }
    },
    maskedErrors: { maskError },
    // Parsed documents are kept here; their validation is kept by validationCache() below.
    parserAndValidationCache: { validationCache: false },
    // The HTTP server bounds every body before Yoga sees it (server.ts); Yoga's own limit would
    // pipe each body through one more stream, with an AbortController, on every request.
    maxRequestBodySize: false,
    plugins: [
      corsHeaders(cors),
      noStoreAnswers(),
      serveGraphiQL({ endpoint: '/graphql', assetsDir: graphiqlAssetsDir }),
      // Before everything that reads the query: a persisted one is looked up by its hash first.
      persistedQueries(persistedQueryStore),
      queryLimits(),
      knownOperationTypes(),
      // Before queryCost(): a document's validation is kept, a request's cost never is.
      validationCache(),
      queryCost(),
      badValuesAsUserInput(),
      refuseUnstorableStrings(),
      // Compiles each distinct query once into a function that runs its resolvers directly.
      useGraphQlJit(),
      maskUnexpectedErrors(logger, db.health),
      identifyUnexpectedErrors(logger, requestIdOf),
      requestIdHeader(requestIdOf),
    ],
  });
  corsPolicies.set(yoga, cors);
  return yoga;
}

function requestIdHeader(requestIdOf: (request: Request) => string): Plugin {
  return {
    onResponse({ request, response }) {
      response.headers.set(REQUEST_ID_HEADER, requestIdOf(request));
    },
  };
}
