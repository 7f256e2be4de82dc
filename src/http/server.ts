import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../db/client.js';
import { trackConnections } from './graceful-close.js';
import { answerProbe } from './probes.js';
import type { CachedAnswer, ResponseCache } from './response-cache.js';
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
  /** The database whose state /ready reports. */
  db?: Database;
}

const DEFAULT_CLOSE_DEADLINE_MS = 10_000;

// A request body larger than this is refused before it is read: room for a post of 1 MB of
// Markdown (the most a post may hold) with its JSON escaping.
const MAX_BODY_BYTES = 4 * 1024 * 1024;
// Queries to cache are small; a larger body goes straight to GraphQL.
const MAX_CACHED_BODY_BYTES = 64 * 1024;
// Headers of an answer that belong to one response, not to the answer.
const PER_RESPONSE_HEADERS = new Set(['x-request-id', 'date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

export async function listen(yoga: FolioYoga, port: number, host: string, options: ServerOptions = {}): Promise<RunningServer> {
  const { responseCache } = options;
  const server = createServer((request, response) => {
    if (answerProbe(request, response, options.db)) return;
    const refusal = bodyRefusal(request);
    if (refusal) {
      response.writeHead(refusal.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: 'BAD_USER_INPUT' } }] }));
      return;
    }
    if (responseCache && isCacheable(request)) {
      answerThroughCache(yoga, responseCache, request, response).catch((error: unknown) => response.destroy(error as Error));
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
function bodyRefusal(request: IncomingMessage): { status: number; message: string } | null {
  if (request.method !== 'POST') return null;
  const length = request.headers['content-length'];
  if (length === undefined) return { status: 411, message: 'A POST request needs a Content-Length header' };
  if (Number(length) > MAX_BODY_BYTES) return { status: 413, message: `The request body may be at most ${MAX_BODY_BYTES} bytes` };
  return null;
}

/** Anonymous JSON queries to /graphql; requests with a token see drafts and are never cached. */
function isCacheable(request: IncomingMessage): boolean {
  return (
    request.method === 'POST' &&
    request.url === '/graphql' &&
    request.headers.authorization === undefined &&
    /^application\/json\b/.test(request.headers['content-type'] ?? '') &&
    Number(request.headers['content-length']) <= MAX_CACHED_BODY_BYTES
  );
}

async function answerThroughCache(yoga: FolioYoga, cache: ResponseCache, request: IncomingMessage, response: ServerResponse) {
  const body = await readBody(request);
  // CORS headers echo the Origin, so answers are kept per Origin.
  const key = `${request.headers.origin ?? ''}\n${body}`;
  const generation = await cache.generation();
  const cached = await cache.get(generation, key);
  if (cached) return send(response, 200, cached, randomUUID());

  const answer = await yoga.fetch(`http://${request.headers.host ?? 'localhost'}/graphql`, {
    method: 'POST',
    headers: headersOf(request),
    body,
  });
  const made: CachedAnswer = {
    headers: [...answer.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name)),
    body: Buffer.from(await answer.arrayBuffer()),
  };
  send(response, answer.status, made, answer.headers.get('x-request-id') ?? randomUUID());
  if (answer.status === 200 && !hasErrors(made.body)) await cache.set(generation, key, made);
}

function send(response: ServerResponse, status: number, answer: CachedAnswer, requestId: string): void {
  response.writeHead(status, [...answer.headers, ['x-request-id', requestId], ['content-length', String(answer.body.length)]]);
  response.end(answer.body);
}

// Answers with errors are not kept: the next request should try again.
function hasErrors(body: Buffer): boolean {
  try {
    return 'errors' in (JSON.parse(body.toString('utf8')) as object);
  } catch {
    return true;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function headersOf(request: IncomingMessage): [string, string][] {
  return Object.entries(request.headers).flatMap(([name, value]) =>
    value === undefined ? [] : Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value] as [string, string]],
  );
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shownHost}:${port}/graphql`;
}
