import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HttpCaching, readConfig } from '../config.js';
import type { Database } from '../db/client.js';
import type { Route } from '../delivery/route-answer.js';
import { type MediaLibrary, mediaLibraryFor } from '../media/index.js';
import { answerGraphQL, answerRoute, answerUncached, type Delivery } from './cached-answers.js';
import { carriesCredentials } from './private-answers.js';
import { readBodyWithin } from './request-body.js';
import { answerMedia } from './media-route.js';
import { trackConnections } from './graceful-close.js';
import { answerProbe } from './probes.js';
import type { ResponseCache } from './response-cache.js';
import { corsPolicyOf, type FolioYoga } from './yoga.js';

export interface RunningServer {
  url: string;
  /**
   * Stops accepting connections, answers the requests in progress and closes each connection
   * after its answer; at `deadline` (a time in ms since the epoch) cuts off whatever is left.
   */
  close(deadline?: number): Promise<void>;
}

export interface ServerOptions {
  /** Answers repeated anonymous queries from the cache, without running GraphQL. */
  responseCache?: ResponseCache;
  /** The database whose state /ready reports, and whose images /media/... serves. */
  db?: Database;
  /** The images /media/... serves and uploads go to; by default the folder MEDIA_DIR names. */
  media?: MediaLibrary;
  /** Answers to GETs of other paths (feeds, the sitemap), cached and sent like a query's answers. */
  routes?: Route[];
  /** The Cache-Control of anonymous GETs; by default from HTTP_MAX_AGE and its siblings. */
  httpCaching?: HttpCaching;
}

const GRAPHQL_PATH = '/graphql';

const DEFAULT_CLOSE_DEADLINE_MS = 10_000;

// A request body larger than this is refused before it is read: room for a post of 1 MB of
// Markdown (the most a post may hold) with its JSON escaping.
const MAX_BODY_BYTES = 4 * 1024 * 1024;
// An upload's multipart body holds the file and, beside it, the operation and the map.
const MULTIPART_ROOM_BYTES = 64 * 1024;
// Queries to cache are small; a larger body goes to GraphQL uncached.
const MAX_CACHED_BODY_BYTES = 64 * 1024;

export async function listen(yoga: FolioYoga, port: number, host: string, options: ServerOptions = {}): Promise<RunningServer> {
  const { responseCache, db, routes = [] } = options;
  const media = options.media ?? mediaLibraryFor(readConfig());
  const delivery: Delivery = { yoga, cache: responseCache, httpCaching: options.httpCaching ?? readConfig().httpCaching, cors: corsPolicyOf(yoga) };
  const maxMultipartBytes = media.limits.maxUploadBytes + MULTIPART_ROOM_BYTES;
  const server = createServer((request, response) => {
    if (answerProbe(request, response, db, shuttingDown)) return;
    if (db && answerMedia(request, response, db, media)) return;
    const refusal = announcedBodyRefusal(request, maxMultipartBytes);
    if (refusal) return refuse(response, refusal);
    // Only reading the body can fail here, when the client goes away: there is no one to answer.
    answer(delivery, routes, request, response, maxMultipartBytes).catch(() => response.destroy());
  });
  server.requestTimeout = 30_000;
  const closeGracefully = trackConnections(server);
  let shuttingDown = false;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const close = (deadline = Date.now() + DEFAULT_CLOSE_DEADLINE_MS) => {
    shuttingDown = true;
    return closeGracefully(deadline);
  };
  return { url: urlOf(server, host), close };
}

async function answer(delivery: Delivery, routes: readonly Route[], request: IncomingMessage, response: ServerResponse, maxMultipartBytes: number): Promise<void> {
  const { pathname, search } = new URL(request.url ?? '/', 'http://localhost');
  const anonymous = !carriesCredentials(request.headers);
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (pathname === GRAPHQL_PATH) {
      const params = new URLSearchParams(search);
      const malformed = malformedJsonParameter(params);
      if (malformed) return refuse(response, malformed);
      if (anonymous && (params.has('query') || params.has('extensions'))) return answerGraphQL(delivery, request, response, { search });
    } else if (routes.length > 0 && (await answerRoute(delivery, routes, request, response, pathname))) {
      return;
    }
    return delivery.yoga.handle(request, response);
  }
  if (request.method !== 'POST') return delivery.yoga.handle(request, response);

  const isJson = /^application\/json\b/.test(request.headers['content-type'] ?? '');
  const length = request.headers['content-length'];
  const cacheable = anonymous && pathname === GRAPHQL_PATH && isJson;
  // A body of announced length is handed to GraphQL as it arrives, unless it may be cached.
  if (length !== undefined && !(cacheable && Number(length) <= MAX_CACHED_BODY_BYTES)) return delivery.yoga.handle(request, response);

  const limit = isMultipart(request) ? maxMultipartBytes : MAX_BODY_BYTES;
  const body = await readBodyWithin(request, limit);
  if (!body) {
    refuse(response, tooLarge(request, limit));
    // The rest is read and dropped, so that the client, still sending, hears the refusal.
    request.resume();
    return;
  }
  if (cacheable && body.length <= MAX_CACHED_BODY_BYTES) return answerGraphQL(delivery, request, response, { body: body.toString('utf8') });
  return answerUncached(delivery, request, response, body);
}

interface Refusal {
  status: number;
  message: string;
}

// A body that announces its length is refused before any of it is read when it is too large; one
// sent in chunks is counted as it arrives (readBodyWithin). Uploads (multipart bodies) may be as
// large as MAX_UPLOAD_BYTES allows a file to be.
function announcedBodyRefusal(request: IncomingMessage, maxMultipartBytes: number): Refusal | null {
  const length = request.headers['content-length'];
  if (request.method !== 'POST' || length === undefined) return null;
  const limit = isMultipart(request) ? maxMultipartBytes : MAX_BODY_BYTES;
  return Number(length) > limit ? tooLarge(request, limit) : null;
}

function tooLarge(request: IncomingMessage, limit: number): Refusal {
  return isMultipart(request)
    ? { status: 413, message: `An upload may be at most ${limit} bytes with its form fields (MAX_UPLOAD_BYTES); upload a smaller file` }
    : { status: 413, message: `The request body may be at most ${limit} bytes; send a smaller query or variables` };
}

// A GET carries variables and extensions as JSON objects in its URL (GraphQL over HTTP); one that
// is not would otherwise fail deep in Yoga's parsing, as an unexpected error.
function malformedJsonParameter(params: URLSearchParams): Refusal | null {
  for (const name of ['variables', 'extensions']) {
    const text = params.get(name);
    if (text === null || text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value === null || (typeof value === 'object' && !Array.isArray(value))) continue;
    return { status: 400, message: `The ${name} parameter must be a JSON object, e.g. ${name}={"slug":"hello"} (URL-encoded); got ${JSON.stringify(text.slice(0, 100))}` };
  }
  return null;
}

function isMultipart(request: IncomingMessage): boolean {
  return /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
}

function refuse(response: ServerResponse, { status, message }: Refusal): void {
  response.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  response.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }));
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shownHost}:${port}/graphql`;
}
