import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cacheKey } from './cache-key.js';
import type { CachedAnswer, ResponseCache } from './response-cache.js';
import type { FolioYoga } from './yoga.js';

// Headers of an answer that belong to one response, not to the answer.
const PER_RESPONSE_HEADERS = new Set(['x-request-id', 'date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * Answers an anonymous query from the response cache when it can, and through GraphQL otherwise,
 * keeping the answer for the next time. The cache never fails a request: when it cannot help,
 * the request is answered as if there were none.
 */
export function answerThroughCache(yoga: FolioYoga, cache: ResponseCache, request: IncomingMessage, response: ServerResponse): void {
  // Only reading the body can fail here, when the client goes away: there is no one to answer.
  answer(yoga, cache, request, response).catch(() => response.destroy());
}

async function answer(yoga: FolioYoga, cache: ResponseCache, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  const key = cacheKey(body, request.headers.origin);
  const lookup = key === null ? null : await cache.lookup(key);
  if (lookup?.answer) return send(response, 200, lookup.answer, randomUUID());

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
  if (lookup && answer.status === 200 && !hasErrors(made.body)) await lookup.keep(made);
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
