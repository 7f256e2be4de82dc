import { StorageAPI } from '@graphiql/toolkit';

const PERSIST_HEADERS_KEY = 'shouldPersistHeaders';
// GraphiQL's query history keeps each run's headers whatever the "Persist headers" setting says.
const HISTORY_KEYS = new Set(['graphiql:queries', 'graphiql:favorites']);

/** Whether the person turned on "Persist headers" in GraphiQL's settings. */
export function choseToPersistHeaders(): boolean {
  return new StorageAPI().get(PERSIST_HEADERS_KEY) === 'true';
}

/**
 * localStorage as GraphiQL uses it, except that request headers (which hold tokens) are left
 * out of the query history unless the person chose to persist headers.
 */
export const headerSafeStorage: Storage = {
  getItem: (key) => localStorage.getItem(key),
  setItem: (key, value) => {
    const kept = HISTORY_KEYS.has(key) && !choseToPersistHeaders() ? withoutHeaders(value) : value;
    localStorage.setItem(key, kept);
  },
  removeItem: (key) => localStorage.removeItem(key),
  key: (index) => localStorage.key(index),
  get length() {
    return localStorage.length;
  },
  clear: () => localStorage.clear(),
};

function withoutHeaders(history: string): string {
  const { queries = [], ...rest } = JSON.parse(history) as { queries?: Record<string, unknown>[] };
  return JSON.stringify({ ...rest, queries: queries.map(({ headers: _headers, ...entry }) => entry) });
}
