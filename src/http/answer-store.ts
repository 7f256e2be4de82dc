import { LRUCache } from 'lru-cache';
import type { ContentCoding } from './negotiation.js';

/** Bytes to send and their strong entity tag, which differs for each coding of the same answer. */
export interface Representation {
  body: Buffer;
  etag: string;
}

/**
 * A whole HTTP answer as the server made it: the headers that belong to the answer, its bytes
 * as they are and in each coding it was compressed to when kept, and the cache keys (see
 * delivery/cache-keys.ts) naming what it holds.
 */
export interface CachedAnswer {
  headers: [string, string][];
  body: Representation;
  encoded: Partial<Record<ContentCoding, Representation>>;
  keys: string[];
}

/** The bytes an answer takes, in every coding. */
export function answerBytes(answer: CachedAnswer): number {
  return Object.values(answer.encoded).reduce((total, { body }) => total + body.length, answer.body.body.length);
}

/** Where answers are kept, per generation: a new generation forgets every older answer. */
export interface AnswerStore {
  generation(): Promise<number>;
  nextGeneration(): Promise<void>;
  get(generation: number, key: string): Promise<CachedAnswer | null>;
  set(generation: number, key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

// At most this many answers, or this many bytes of them, are kept in memory.
const MEMORY_ENTRIES = 5000;
const MEMORY_BYTES = 64 * 1024 * 1024;

/** Answers kept by this server alone, the least recently used forgotten first. */
export class MemoryStore implements AnswerStore {
  private current = 0;
  private readonly answers = new LRUCache<string, CachedAnswer>({
    max: MEMORY_ENTRIES,
    maxSize: MEMORY_BYTES,
    sizeCalculation: (answer) => answerBytes(answer) + 200,
  });

  async generation() {
    return this.current;
  }

  async nextGeneration() {
    this.current += 1;
    this.answers.clear();
  }

  async get(generation: number, key: string) {
    return generation === this.current ? (this.answers.get(key) ?? null) : null;
  }

  async set(generation: number, key: string, answer: CachedAnswer, ttlMs: number) {
    if (generation === this.current) this.answers.set(key, answer, { ttl: ttlMs });
  }

  async close() {}
}
