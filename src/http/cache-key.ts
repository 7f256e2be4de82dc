import { parse, print } from 'graphql';
import { LRUCache } from 'lru-cache';
import { stringify } from 'safe-stable-stringify';
import { PREVIEW_TOKEN_VARIABLE } from './viewer.js';

// Reprinting a query costs about as much as answering it from the cache, so the normal form of
// a body seen lately is remembered, within a bound on the bodies' total length.
const recentlyNormalized = new LRUCache<string, string>({
  max: 1000,
  maxSize: 8 * 1024 * 1024,
  sizeCalculation: (normalized, body) => normalized.length + body.length,
});

/**
 * What decides the answer to an anonymous request, written one way however the client spelled it:
 * the query parsed and printed again (so comments, whitespace and commas make no new entry), the
 * variables and extensions with their keys in order, the operation name, and `variant`: what else
 * the answer varies on (the media type negotiated, the Origin that CORS headers echo).
 * A request that names a persisted query by its hash and sends no query is keyed by the hash.
 * Null too for a request with a preview token among its variables: it is never cached.
 *
 * `sent` is a POST's JSON body, or a GET's query string. Null when it is not one well-formed
 * GraphQL request: its answer is an error, never kept, so there is nothing to look up.
 */
export function cacheKey(sent: { body: string } | { search: string }, variant: string): string | null {
  const remembered = 'body' in sent ? `POST ${sent.body}` : `GET ${sent.search}`;
  let normalized = recentlyNormalized.get(remembered);
  if (normalized === undefined) {
    const computed = normalize('body' in sent ? bodyRequest(sent.body) : searchRequest(sent.search));
    if (computed === null) return null;
    recentlyNormalized.set(remembered, computed);
    normalized = computed;
  }
  return `${variant}\n${normalized}`;
}

function normalize(request: GraphQLRequest | null): string | null {
  if (!request) return null;
  const { operationName = null, variables = null, extensions = null } = request;
  // A preview token shows drafts to whoever holds it: such an answer is never kept.
  if (variables && PREVIEW_TOKEN_VARIABLE in variables) return null;
  if (request.query === undefined) {
    const hash = persistedQueryHash(extensions);
    return hash === null ? null : stringify(['persisted', hash, operationName, variables, extensions]);
  }
  let document: string;
  try {
    document = print(parse(request.query, { noLocation: true }));
  } catch {
    return null;
  }
  return stringify([document, operationName, variables, extensions]);
}

interface GraphQLRequest {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

function bodyRequest(body: string): GraphQLRequest | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  return isObject(value) ? graphQLRequest(value) : null;
}

// A GET carries the request in its URL, variables and extensions as JSON (GraphQL over HTTP).
function searchRequest(search: string): GraphQLRequest | null {
  const params = new URLSearchParams(search);
  const fields: Record<string, unknown> = {};
  for (const name of ['query', 'operationName']) {
    const value = params.get(name);
    if (value !== null) fields[name] = value;
  }
  for (const name of ['variables', 'extensions']) {
    const value = params.get(name);
    if (value === null) continue;
    try {
      fields[name] = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return graphQLRequest(fields);
}

function graphQLRequest(value: Record<string, unknown>): GraphQLRequest | null {
  const { query, operationName, variables, extensions } = value;
  if (query !== undefined && typeof query !== 'string') return null;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && !isObject(variables)) return null;
  if (extensions != null && !isObject(extensions)) return null;
  return value as GraphQLRequest;
}

function persistedQueryHash(extensions: Record<string, unknown> | null): string | null {
  const persisted = extensions?.persistedQuery;
  return isObject(persisted) && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
