import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { type MediaLibrary, mediaLibraryFor } from '../media/index.js';
import { answerThroughCache } from './cached-answers.js';
import { answerMedia } from './media-route.js';
import { trackConnections } from './graceful-close.js';
import { answerProbe } from './probes.js';
import type { ResponseCache } from './response-cache.js';
import { PREVIEW_TOKEN_HEADER } from './viewer.js';
import type { FolioYoga } from './yoga.js';

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
}

const DEFAULT_CLOSE_DEADLINE_MS = 10_000;

// A request body larger than this is refused before it is read: room for a post of 1 MB of
// Markdown (the most a post may hold) with its JSON escaping.
const MAX_BODY_BYTES = 4 * 1024 * 1024;
// An upload's multipart body holds the file and, beside it, the operation and the map.
const MULTIPART_ROOM_BYTES = 64 * 1024;
// Queries to cache are small; a larger body goes straight to GraphQL.
const MAX_CACHED_BODY_BYTES = 64 * 1024;

export async function listen(yoga: FolioYoga, port: number, host: string, options: ServerOptions = {}): Promise<RunningServer> {
  const { responseCache, db } = options;
  const media = options.media ?? mediaLibraryFor(readConfig());
  const server = createServer((request, response) => {
    if (answerProbe(request, response, db)) return;
    if (db && answerMedia(request, response, db, media)) return;
    const refusal = bodyRefusal(request, media.limits.maxUploadBytes + MULTIPART_ROOM_BYTES);
    if (refusal) {
      response.writeHead(refusal.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: 'BAD_USER_INPUT' } }] }));
      return;
    }
    if (responseCache && isCacheable(request)) {
      answerThroughCache(yoga, responseCache, request, response);
      return;
    }
    void yoga.handle(request, response);
  });
  server.requestTimeout = 30_000;
  const closeGracefully = trackConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { url: urlOf(server, host), close: (deadline = Date.now() + DEFAULT_CLOSE_DEADLINE_MS) => closeGracefully(deadline) };
}

// A body must announce its length, so that an oversized one is refused before any of it is read.
// Uploads (multipart bodies) may be as large as MAX_UPLOAD_BYTES allows a file to be.
function bodyRefusal(request: IncomingMessage, maxMultipartBytes: number): { status: number; message: string } | null {
  if (request.method !== 'POST') return null;
  const length = request.headers['content-length'];
  if (length === undefined) return { status: 411, message: 'A POST request needs a Content-Length header' };
  if (/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) {
    if (Number(length) > maxMultipartBytes) {
      return { status: 413, message: `An upload may be at most ${maxMultipartBytes} bytes with its form fields (MAX_UPLOAD_BYTES); upload a smaller file` };
    }
    return null;
  }
  if (Number(length) > MAX_BODY_BYTES) return { status: 413, message: `The request body may be at most ${MAX_BODY_BYTES} bytes` };
  return null;
}

/** Anonymous JSON queries to /graphql; requests with a token or a preview see drafts and are never cached. */
function isCacheable(request: IncomingMessage): boolean {
  return (
    request.method === 'POST' &&
    request.url === '/graphql' &&
    request.headers.authorization === undefined &&
    request.headers[PREVIEW_TOKEN_HEADER] === undefined &&
    /^application\/json\b/.test(request.headers['content-type'] ?? '') &&
    Number(request.headers['content-length']) <= MAX_CACHED_BODY_BYTES
  );
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shownHost}:${port}/graphql`;
}
