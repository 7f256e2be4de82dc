import { LRUCache } from 'lru-cache';

/**
 * Where Automatic Persisted Queries are kept, by the SHA-256 of their text. A store that cannot
 * answer says "not found" and forgets what it was told to keep: the client then sends the query
 * whole, so a fault costs bytes, never an answer.
 */
export interface PersistedQueryStore {
  get(hash: string): Promise<string | null>;
  set(hash: string, query: string): Promise<void>;
  close(): Promise<void>;
}

// At most this many queries, or this many characters of them, are kept in memory.
const MEMORY_QUERIES = 2000;
const MEMORY_CHARACTERS = 16 * 1024 * 1024;

/** Queries kept by this server alone, the least recently used forgotten first. */
export class MemoryQueryStore implements PersistedQueryStore {
  private readonly queries = new LRUCache<string, string>({
    max: MEMORY_QUERIES,
    maxSize: MEMORY_CHARACTERS,
    sizeCalculation: (query, hash) => query.length + hash.length,
  });

  async get(hash: string) {
    return this.queries.get(hash) ?? null;
  }

  async set(hash: string, query: string) {
    this.queries.set(hash, query);
  }

  async close() {}
}
