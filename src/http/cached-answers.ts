import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { HttpCaching } from '../config.js';
import type { Route } from '../delivery/route-answer.js';
import type { CachedAnswer } from './answer-store.js';
import { cacheKey } from './cache-key.js';
import type { CorsPolicy } from './cors.js';
import { PREVIEW_TOKEN_HEADER } from './viewer.js';
import { type ContentCoding, CONTENT_CODINGS, negotiatedCoding, negotiatedMediaType } from './negotiation.js';
import { encodedRepresentations, matchesIfNoneMatch, representationOf } from './representations.js';
import type { ResponseCache } from './response-cache.js';
import { surrogateKeyHeaders } from './surrogate-keys.js';
import type { FolioYoga } from './yoga.js';

// Headers of an answer that belong to one response, or that are decided for each response here.
// Names are compared in lower case: Yoga spells some of its own with capitals.
const PER_RESPONSE_HEADERS = new Set([
  'x-request-id',
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'cache-control',
  'vary',
  'etag',
  'content-encoding',
]);

/** What answers anonymous requests the same for everyone, and how long others may keep them. */
export interface Delivery {
  yoga: FolioYoga;
  cache: ResponseCache | undefined;
  httpCaching: HttpCaching;
  cors: CorsPolicy;
}

/** An answer just made: sent as it is, and kept when `keepable`. */
interface MadeAnswer {
  status: number;
  headers: [string, string][];
  body: Buffer;
  keys: string[];
  keepable: boolean;
}

interface Cacheable {
  /** What the answer is kept under; null when it is never kept. */
  key: string | null;
  /** The Cache-Control of an answer that may be kept. */
  cacheControl: string;
  vary: string;
  make(): Promise<MadeAnswer | null>;
}

/**
 * Answers an anonymous GraphQL request (a GET's query string or a POST's JSON body) from the
 * response cache when it can, and through GraphQL otherwise, keeping the answer for the next time.
 * The cache never fails a request: when it cannot help, the request is answered as if there were none.
 */
export async function answerGraphQL(delivery: Delivery, request: IncomingMessage, response: ServerResponse, sent: { body: string } | { search: string }): Promise<void> {
  const { yoga, cors } = delivery;
  const isGet = 'search' in sent;
  await answerCacheable(delivery, request, response, {
    key: graphQLCacheKey(cors, request.headers, sent),
    cacheControl: isGet ? publicCacheControl(delivery.httpCaching) : 'no-store',
    vary: graphQLVary(cors),
    make: async () => {
      const keys = new Set<string>();
      const answer = await yoga.fetch(
        `http://${request.headers.host ?? 'localhost'}${request.url ?? '/graphql'}`,
        { method: isGet ? 'GET' : 'POST', headers: headersOf(request), body: isGet ? undefined : sent.body },
        { answerKeys: keys },
      );
      const body = Buffer.from(await answer.arrayBuffer());
      return { status: answer.status, headers: headersOfAnswer(answer), body, keys: [...keys], keepable: answer.status === 200 && !hasErrors(body) };
    },
  });
}

// A token or a preview token changes what the same URL answers, so a shared cache must not hand
// an anonymous answer to a request that carries one.
function graphQLVary(cors: CorsPolicy): string {
  return `Accept, Accept-Encoding, Authorization, ${PREVIEW_TOKEN_HEADER}${cors.variesByOrigin ? ', Origin' : ''}`;
}

/** What an anonymous GraphQL request's answer is kept under; null when it is never kept. */
export function graphQLCacheKey(cors: CorsPolicy, headers: IncomingHttpHeaders, sent: { body: string } | { search: string }): string | null {
  const mediaType = negotiatedMediaType(headers.accept);
  // Event streams are answers in progress, not documents to keep.
  if (mediaType === null || mediaType === 'text/event-stream') return null;
  return cacheKey(sent, `${mediaType} ${cors.variesByOrigin ? (cors.allowedOrigin(headers.origin) ?? '') : ''}`);
}

/**
 * Answers a GET or HEAD of a path one of `routes` knows, through the cache like a query;
 * false when none of them does.
 */
export async function answerRoute(delivery: Delivery, routes: readonly Route[], request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> {
  let answered = true;
  await answerCacheable(delivery, request, response, {
    key: `route ${path}`,
    cacheControl: publicCacheControl(delivery.httpCaching),
    vary: 'Accept-Encoding',
    make: async () => {
      for (const route of routes) {
        const answer = await route(path);
        if (!answer) continue;
        const headers: [string, string][] = [['content-type', answer.contentType]];
        // Only a 200 is kept; any other answer is sent once and not stored anywhere.
        if (answer.status !== 200) headers.push(['cache-control', 'no-store']);
        return { status: answer.status, headers, body: Buffer.from(answer.body, 'utf8'), keys: [...answer.keys], keepable: answer.status === 200 };
      }
      answered = false;
      return null;
    },
  });
  return answered;
}

/** Answers a request whose body has been read already through GraphQL, keeping nothing. */
export async function answerUncached(delivery: Delivery, request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<void> {
  const answer = await delivery.yoga.fetch(`http://${request.headers.host ?? 'localhost'}${request.url ?? '/graphql'}`, {
    method: 'POST',
    headers: headersOf(request),
    body: new Uint8Array(body),
  });
  const made = Buffer.from(await answer.arrayBuffer());
  const sent = await encodedFor(request, made, answer.headers.get('cache-control') ?? 'no-store', headersOfAnswer(answer), []);
  send(request, response, answer.status, sent, { vary: graphQLVary(delivery.cors), requestId: answer.headers.get('x-request-id') ?? randomUUID() });
}

async function answerCacheable(delivery: Delivery, request: IncomingMessage, response: ServerResponse, cacheable: Cacheable): Promise<void> {
  const lookup = cacheable.key === null || !delivery.cache ? null : await delivery.cache.lookup(cacheable.key);
  if (lookup?.answer) return send(request, response, 200, { ...lookup.answer, cacheControl: cacheable.cacheControl }, { vary: cacheable.vary, requestId: randomUUID() });

  const made = await cacheable.make();
  if (!made) return;
  const requestId = made.headers.find(([name]) => name === 'x-request-id')?.[1] ?? randomUUID();
  const headers = made.headers.filter(([name]) => !PER_RESPONSE_HEADERS.has(name));
  // A request the cache never keeps (a preview token) is answered as GraphQL made it.
  if (!made.keepable || cacheable.key === null) {
    const cacheControl = made.headers.find(([name]) => name === 'cache-control')?.[1] ?? 'no-store';
    const sent = await encodedFor(request, made.body, cacheControl, headers, made.keys);
    return send(request, response, made.status, sent, { vary: cacheable.vary, requestId });
  }
  // An answer to keep is compressed once, in every coding, for all who will ask for it.
  const codings: readonly ContentCoding[] = lookup ? CONTENT_CODINGS : codingFor(request);
  const answer: CachedAnswer = { headers, body: representationOf(made.body), encoded: await encodedRepresentations(made.body, codings), keys: made.keys };
  send(request, response, made.status, { ...answer, cacheControl: cacheable.cacheControl }, { vary: cacheable.vary, requestId });
  if (lookup) await lookup.keep(answer);
}

function codingFor(request: IncomingMessage): ContentCoding[] {
  const coding = negotiatedCoding(request.headers['accept-encoding']);
  return coding ? [coding] : [];
}

/** An answer sent once: compressed only in the coding this request asked for. */
async function encodedFor(request: IncomingMessage, body: Buffer, cacheControl: string, headers: [string, string][], keys: string[]): Promise<SentAnswer> {
  return { headers: headers.filter(([name]) => !PER_RESPONSE_HEADERS.has(name)), body: representationOf(body), encoded: await encodedRepresentations(body, codingFor(request)), keys, cacheControl };
}

type SentAnswer = CachedAnswer & { cacheControl: string };

function send(request: IncomingMessage, response: ServerResponse, status: number, answer: SentAnswer, { vary, requestId }: { vary: string; requestId: string }): void {
  const coding = negotiatedCoding(request.headers['accept-encoding']);
  const encoded = coding ? answer.encoded[coding] : undefined;
  const representation = encoded ?? answer.body;
  const headers: [string, string][] = [
    ...answer.headers,
    ['cache-control', answer.cacheControl],
    ['vary', vary],
    ['x-request-id', requestId],
    ...surrogateKeyHeaders(answer.keys),
  ];
  if (status === 200) headers.push(['etag', representation.etag]);
  if (encoded) headers.push(['content-encoding', coding!]);
  if (status === 200 && matchesIfNoneMatch(header(request, 'if-none-match'), representation.etag)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  headers.push(['content-length', String(representation.body.length)]);
  response.writeHead(status, headers);
  response.end(request.method === 'HEAD' ? undefined : representation.body);
}

function publicCacheControl({ maxAge, sMaxAge, staleWhileRevalidate }: HttpCaching): string {
  return `public, max-age=${maxAge}, s-maxage=${sMaxAge}, stale-while-revalidate=${staleWhileRevalidate}`;
}

// Answers with errors are not kept: the next request should try again; nor is what is not one
// JSON object (a multipart answer). Looked for as bytes rather than by parsing the answer: inside
// a JSON string the quotes would be escaped, so only a key can match, and a nested key named
// errors only costs keeping that answer.
const ERRORS_KEY = Buffer.from('"errors":');
function hasErrors(body: Buffer): boolean {
  return body[0] !== 0x7b /* { */ || body.includes(ERRORS_KEY);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The request's headers for GraphQL; compression is this module's business, not Yoga's. */
function headersOf(request: IncomingMessage): [string, string][] {
  return Object.entries(request.headers).flatMap(([name, value]) =>
    value === undefined || name === 'accept-encoding'
      ? []
      : Array.isArray(value)
        ? value.map((v): [string, string] => [name, v])
        : [[name, value] as [string, string]],
  );
}

function headersOfAnswer(answer: Response): [string, string][] {
  return [...answer.headers].map(([name, value]) => [name.toLowerCase(), value]);
}
