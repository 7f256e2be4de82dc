import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/client.js';
import { Prisma } from '../db/generated/prisma/client.js';
import type { Logger } from '../logger.js';

export interface ResponseCacheOptions {
  db: Database;
  logger: Logger;
  ttlSeconds: number;
  /** Share the cache between servers through Redis; without it each server keeps its own. */
  redisUrl: string | null;
}

/** A whole HTTP answer as the server sent it: its headers and body. */
export interface CachedAnswer {
  headers: [string, string][];
  body: Buffer;
}

/**
 * Whole answers to anonymous requests, keyed by what decides them (the request body and the
 * Origin that CORS headers echo), so a repeated request is answered without running GraphQL.
 *
 * A change to any post or tag can move posts in or out of any list, count, search result or slug
 * lookup, so a change forgets every answer: it starts a new generation, and answers are kept per
 * generation. An answer whose request began before the latest change may hold what the change
 * replaced, so it is sent but not kept. No answer outlives the moment the next scheduled post
 * goes live, since that post should appear then on its own.
 */
export class ResponseCache {
  private readonly store: AnswerStore;
  private readonly nextPublication: NextPublication;

  constructor(private readonly options: ResponseCacheOptions) {
    this.store = options.redisUrl ? new RedisStore(options.redisUrl, options.db) : new MemoryStore();
    this.nextPublication = new NextPublication(options.db, options.logger, () => this.contentChanged());
    void this.nextPublication.refresh();
  }

  /** The generation to look up in, and to store into once the answer is made. */
  generation(): Promise<number> {
    return this.store.generation();
  }

  get(generation: number, key: string): Promise<CachedAnswer | null> {
    return this.store.get(generation, digest(key));
  }

  async set(generation: number, key: string, answer: CachedAnswer): Promise<void> {
    const ttl = Math.min(this.options.ttlSeconds * 1000, this.nextPublication.msUntilNext());
    if (ttl <= 0 || (await this.store.generation()) !== generation) return;
    await this.store.set(generation, digest(key), answer, ttl);
  }

  /** Forgets every answer. Writers await it before they reply. */
  async contentChanged(): Promise<void> {
    await this.store.nextGeneration();
    await this.nextPublication.refresh();
  }

  async close(): Promise<void> {
    this.nextPublication.stop();
    await this.store.close();
  }
}

function digest(key: string): string {
  return createHash('sha1').update(key).digest('base64url');
}

interface AnswerStore {
  generation(): Promise<number>;
  nextGeneration(): Promise<void>;
  get(generation: number, key: string): Promise<CachedAnswer | null>;
  set(generation: number, key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

// At most this many answers, or this many bytes of them, are kept in memory.
const MEMORY_ENTRIES = 5000;
const MEMORY_BYTES = 64 * 1024 * 1024;

class MemoryStore implements AnswerStore {
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

/** Servers of one database share answers in Redis; servers of different databases never do. */
export function redisKeyPrefix(db: Database): string {
  return `folio:${createHash('sha256').update(db.identity).digest('hex').slice(0, 16)}:`;
}

class RedisStore implements AnswerStore {
  private readonly redis: Redis;

  constructor(url: string, db: Database) {
    this.redis = new Redis(url, { keyPrefix: redisKeyPrefix(db) });
  }

  async generation() {
    return Number((await this.redis.get('generation')) ?? 0);
  }

  async nextGeneration() {
    await this.redis.incr('generation');
  }

  async get(generation: number, key: string) {
    const stored = await this.redis.getBuffer(`answer:${generation}:${key}`);
    if (!stored) return null;
    const headerLength = stored.readUInt32BE(0);
    const headers = JSON.parse(stored.subarray(4, 4 + headerLength).toString('utf8')) as [string, string][];
    return { headers, body: stored.subarray(4 + headerLength) };
  }

  async set(generation: number, key: string, answer: CachedAnswer, ttlMs: number) {
    const headers = Buffer.from(JSON.stringify(answer.headers), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headers.length);
    await this.redis.set(`answer:${generation}:${key}`, Buffer.concat([length, headers, answer.body]), 'PX', Math.ceil(ttlMs));
  }

  async close() {
    await this.redis.quit();
  }
}

// Timers cannot wait longer than this (about 24.8 days); a later publication is looked at again then.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Knows when the next scheduled post goes live, and forgets the cache at that moment. */
class NextPublication {
  private next: Date | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly onPublished: () => Promise<void>,
  ) {}

  msUntilNext(): number {
    return this.next ? this.next.getTime() - Date.now() : Number.POSITIVE_INFINITY;
  }

  async refresh(): Promise<void> {
    try {
      const [row] = await this.db.rows<{ next: Date | null }>(
        Prisma.sql`SELECT min(published_at) AS next FROM posts WHERE status = 'PUBLISHED' AND published_at > now()`,
      );
      this.schedule(row?.next ?? null);
    } catch (error) {
      this.logger.error({ err: error }, 'could not look up the next scheduled post');
    }
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private schedule(next: Date | null): void {
    this.stop();
    this.next = next;
    if (!next) return;
    this.timer = setTimeout(
      async () => {
        if (Date.now() >= next.getTime()) await this.onPublished();
        else await this.refresh();
      },
      Math.min(Math.max(0, next.getTime() - Date.now()), MAX_TIMER_MS),
    );
    this.timer.unref();
  }
}
