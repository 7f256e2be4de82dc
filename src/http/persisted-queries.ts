import { createHash } from 'node:crypto';
import { useAPQ } from '@graphql-yoga/plugin-apq';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { PersistedQueryStore } from './persisted-query-store.js';

// A query longer than this is answered but not kept, so its client sends it whole each time;
// what is kept stays small whoever sends it.
export const MAX_PERSISTED_QUERY_LENGTH = 32 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Automatic Persisted Queries as Apollo's PersistedQueryLink speaks them: a request may carry
 * `extensions.persistedQuery.sha256Hash` instead of its query. An unknown hash is answered
 * `PersistedQueryNotFound` (HTTP 404), and the client sends the query with its hash, which keeps
 * it. The query is set before it is parsed, so every limit and the cost budget apply as to any.
 */
export function persistedQueries(store: PersistedQueryStore): Plugin {
  const apq = useAPQ({
    store: {
      // Anything but a SHA-256 is nothing a client could have stored: not found, without asking the store.
      get: (hash) => (SHA256_HEX.test(hash) ? store.get(hash) : null),
      set: (hash, query) => (query.length <= MAX_PERSISTED_QUERY_LENGTH ? store.set(hash, query) : undefined),
    },
    hash: sha256,
  });
  return {
    async onParams(payload) {
      try {
        await apq.onParams!(payload);
      } catch (error) {
        if (error instanceof GraphQLError && error.extensions.code === 'PERSISTED_QUERY_MISMATCH') {
          throw hashMismatch(payload.params.extensions?.persistedQuery?.sha256Hash, payload.params.query ?? '');
        }
        throw error;
      }
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hashMismatch(sent: unknown, query: string): GraphQLError {
  return new GraphQLError(
    `extensions.persistedQuery.sha256Hash is ${JSON.stringify(sent)}, but the query sent hashes to "${sha256(query)}": ` +
      'send the lowercase hex SHA-256 of the query text exactly as sent (UTF-8)',
    { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
  );
}
