import { createHash } from 'node:crypto';
import { createRedisCache } from '@envelop/response-cache-redis';
import { type Cache, createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { Redis } from 'ioredis';
import type { Plugin } from 'graphql-yoga';
import { Prisma } from '../db/generated/prisma/client.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';

export interface ResponseCacheOptions {
  db: Database;
  logger: Logger;
  ttlSeconds: number;
  /** Share the cache between servers through Redis; without it each server keeps its own. */
  redisUrl: string | null;
}

export interface ResponseCache {
  plugins: Plugin[];
  /** Forgets every cached response. Writers await it before they answer. */
  contentChanged(): Promise<void>;
  close(): Promise<void>;
}

// Every cached response is tagged with this entity, so one invalidation reaches them all.
const CONTENT = { typename: 'Content' };
// Timers cannot wait longer than this (about 24.8 days); a later publication is looked at again then.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Caches whole responses to anonymous requests. A change to any post or tag can move posts in
 * or out of any list, count, search result or slug lookup, so a change forgets every cached
 * response rather than only those holding the changed entities; and no response outlives the
 * moment the next scheduled post goes live, since that post should appear then on its own.
 */
export function createResponseCache({ db, logger, ttlSeconds, redisUrl }: ResponseCacheOptions): ResponseCache {
  const redis = redisUrl ? new Redis(redisUrl, { keyPrefix: redisKeyPrefix(db) }) : null;
  const cache = taggedWithContent(redis ? createRedisCache({ redis }) : createInMemoryCache({ max: 2000 }));
  const schedule = new NextPublication(db, logger, () => cache.invalidate([CONTENT]));
  // Counts content changes. A response whose execution began before the latest change may hold
  // what the change replaced, so it is served but not cached.
  let generation = 0;
  const generationAtStart = new WeakMap<object, number>();

  const trackGeneration: Plugin = {
    onExecute({ args }) {
      generationAtStart.set(args.contextValue as object, generation);
    },
  };
  const responseCache = useResponseCache<Record<string, unknown>>({
    cache,
    ttl: ttlSeconds * 1000,
    session: () => null,
    // Token holders see drafts and scheduled posts: their answers are never cached.
    enabled: (request) => !request.headers.has('authorization'),
    onTtl: ({ ttl, context }) => {
      if (generationAtStart.get(context) !== generation) return 0;
      return Math.max(0, Math.min(ttl, schedule.msUntilNext()));
    },
    includeExtensionMetadata: false,
  });

  void schedule.refresh();
  return {
    plugins: [trackGeneration, responseCache],
    async contentChanged() {
      generation += 1;
      await cache.invalidate([CONTENT]);
      await schedule.refresh();
    },
    async close() {
      schedule.stop();
      await redis?.quit();
    },
  };
}

/** Servers of one database share their cache in Redis; servers of different databases never do. */
export function redisKeyPrefix(db: Database): string {
  return `folio:${createHash('sha256').update(db.identity).digest('hex').slice(0, 16)}:`;
}

function taggedWithContent(cache: Cache): Cache {
  return {
    get: (key) => cache.get(key),
    set: (key, result, entities, ttl) => cache.set(key, result, [...entities, CONTENT], ttl),
    invalidate: (entities) => cache.invalidate(entities),
  };
}

/** Knows when the next scheduled post goes live, and forgets the cache at that moment. */
class NextPublication {
  private next: Date | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly onPublished: () => Promise<void> | void,
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
        await this.refresh();
      },
      Math.min(Math.max(0, next.getTime() - Date.now()), MAX_TIMER_MS),
    );
    this.timer.unref();
  }
}
