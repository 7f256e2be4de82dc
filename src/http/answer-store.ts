import { LRUCache } from 'lru-cache';

/** A whole HTTP answer as the server sent it: its headers and body. */
export interface CachedAnswer {
  headers: [string, string][];
  body: Buffer;
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
    sizeCalculation: (answer) => answer.body.length + 200,
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
