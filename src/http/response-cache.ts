import { createHash } from 'node:crypto';
import type { Database } from '../db/client.js';
import { nextPublication } from '../db/queries/schedule.js';
import type { Logger } from '../logger.js';
import { MemoryStore, type AnswerStore, type CachedAnswer } from './answer-store.js';
import { RedisStore } from './redis-answer-store.js';

export type { CachedAnswer };

export interface ResponseCacheOptions {
  db: Database;
  logger: Logger;
  ttlSeconds: number;
  /** Share the cache between servers through Redis; without it each server keeps its own. */
  redisUrl: string | null;
  /** Bytes of answers Redis may take per time-to-live (see RedisStore); 32 MB unless given. */
  redisBudgetBytes?: number;
  /**
   * Awaited before a lookup that is the first to find a new generation: another server may have
   * started it, for a change this one has not heard of yet (the read routing notes it).
   */
  onNewGeneration?: () => Promise<void>;
}

/** What the cache knows of one request: its kept answer, if any, and how to keep the one made. */
export interface Lookup {
  answer: CachedAnswer | null;
  keep(answer: CachedAnswer): Promise<void>;
}

/**
 * Whole answers to anonymous requests, keyed by what decides them (see `cacheKey`), so a repeated
 * request is answered without running GraphQL.
 *
 * A change to any post or tag can move posts in or out of any list, count, search result or slug
 * lookup, so a change forgets every answer: it starts a new generation, and answers are kept per
 * generation. An answer whose request began before the latest change may hold what the change
 * replaced, so it is sent but not kept. No answer outlives the moment the next scheduled post
 * goes live, since that post should appear then on its own.
 *
 * The cache only ever saves work: when its store fails, a lookup finds nothing and keeps nothing,
 * and a change is answered all the same (the store logs the fault and makes up for it).
 */
export class ResponseCache {
  private readonly store: AnswerStore;
  private readonly nextPublication: NextPublication;
  private seenGeneration: number | undefined;
  private seeingGeneration: Promise<void> | undefined;

  constructor(private readonly options: ResponseCacheOptions) {
    const { db, logger, ttlSeconds, redisUrl, redisBudgetBytes } = options;
    this.store = redisUrl ? new RedisStore({ url: redisUrl, db, logger, ttlMs: ttlSeconds * 1000, budgetBytes: redisBudgetBytes }) : new MemoryStore();
    this.nextPublication = new NextPublication(db, logger, () => this.contentChanged());
    void this.nextPublication.refresh();
  }

  async lookup(key: string): Promise<Lookup> {
    const digested = digest(key);
    const generation = await this.attempt(() => this.store.generation());
    if (generation === undefined) return { answer: null, keep: async () => {} };
    if (generation !== this.seenGeneration) {
      this.seenGeneration = generation;
      this.seeingGeneration = this.options.onNewGeneration?.();
    }
    // Every lookup waits, not only the first: none may run its query before the change is noted.
    await this.seeingGeneration;
    return {
      answer: (await this.attempt(() => this.store.get(generation, digested))) ?? null,
      keep: (answer) => this.keep(generation, digested, answer),
    };
  }

  /** Forgets every answer. Writers await it before they reply. */
  async contentChanged(): Promise<void> {
    await this.attempt(() => this.store.nextGeneration());
    await this.nextPublication.refresh();
  }

  async close(): Promise<void> {
    this.nextPublication.stop();
    await this.store.close();
  }

  private async keep(generation: number, key: string, answer: CachedAnswer): Promise<void> {
    const ttl = Math.min(this.options.ttlSeconds * 1000, this.nextPublication.msUntilNext());
    if (ttl <= 0 || (await this.attempt(() => this.store.generation())) !== generation) return;
    await this.attempt(() => this.store.set(generation, key, answer, ttl));
  }

  /** Runs a store operation; undefined when it failed, which the store has already logged. */
  private async attempt<T>(operation: () => Promise<T>): Promise<T | undefined> {
    try {
      return await operation();
    } catch (error) {
      this.options.logger.debug({ cause: (error as Error).message }, 'the response cache was skipped');
      return undefined;
    }
  }
}

function digest(key: string): string {
  return createHash('sha1').update(key).digest('base64url');
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
      this.schedule(await nextPublication(this.db, new Date()));
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
