import { parse, print } from 'graphql';
import { LRUCache } from 'lru-cache';
import { stringify } from 'safe-stable-stringify';

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
 * variables and extensions with their keys in order, the operation name, and the Origin, which
 * CORS headers echo.
 *
 * Null when the body is not one well-formed GraphQL request: its answer is an error, never kept,
 * so there is nothing to look up.
 */
export function cacheKey(body: string, origin: string | undefined): string | null {
  let normalized = recentlyNormalized.get(body);
  if (normalized === undefined) {
    const computed = normalize(body);
    if (computed === null) return null;
    recentlyNormalized.set(body, computed);
    normalized = computed;
  }
  return `${origin ?? ''}\n${normalized}`;
}

function normalize(body: string): string | null {
  const request = graphQLRequest(body);
  if (!request) return null;
  let document: string;
  try {
    document = print(parse(request.query, { noLocation: true }));
  } catch {
    return null;
  }
  return stringify([document, request.operationName ?? null, request.variables ?? null, request.extensions ?? null]);
}

interface GraphQLRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

function graphQLRequest(body: string): GraphQLRequest | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isObject(value) || typeof value.query !== 'string') return null;
  const { operationName, variables, extensions } = value;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && !isObject(variables)) return null;
  if (extensions != null && !isObject(extensions)) return null;
  return value as unknown as GraphQLRequest;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
