import type { CircuitBreakerPolicy, FailureReason } from 'cockatiel';
import type { Database } from '../db/client.js';
import { databaseIdentityOf } from '../db/queries/database-identity.js';
import type { Logger } from '../logger.js';
import type { AnswerStore, CachedAnswer } from './answer-store.js';
import type { ContentCoding } from './negotiation.js';
import { type BudgetedRedis, fastFailingRedis, RETRY_AFTER_MS, redisBreaker, redisKeyPrefix } from './redis-client.js';

// Bytes of answers kept per time-to-live, unless told otherwise; see the class comment.
const DEFAULT_BUDGET_BYTES = 32 * 1024 * 1024;
// What Redis spends on an entry besides its bytes: the key and its bookkeeping.
const ENTRY_OVERHEAD_BYTES = 200;

export interface RedisStoreOptions {
  url: string;
  db: Database;
  logger: Logger;
  /** The longest an answer is kept; also how long a budget of bytes lasts. */
  ttlMs: number;
  budgetBytes?: number;
}

/**
 * Answers shared through Redis, which is an accelerator and never a dependency: every command has
 * a short timeout, and a circuit breaker stops asking Redis after repeated failures, so a fault
 * costs speed (answers are made by GraphQL again) but never an answer, a write or a wait. A
 * background probe closes the circuit once Redis answers again. Each change of state is logged
 * once.
 *
 * Staleness. A change reaches other servers by bumping the generation in Redis. When a bump may
 * not have landed (it failed, or the circuit was open), or when Redis may have lost or rolled back
 * what it was told (the connection dropped: Redis may have restarted from an old snapshot), this
 * server owes a bump and pays it before it reads or keeps anything again, and at once on
 * reconnecting, without waiting for traffic. So no answer kept before an outage is served after
 * it. While only this server is cut off from Redis, the others cannot learn of its changes; they
 * serve what they kept for at most the time-to-live, as for changes made outside the API.
 *
 * Bound. Every answer kept is counted against a budget of bytes that lasts one time-to-live; once
 * it is spent, nothing more is kept until it renews. Answers live at most one time-to-live, so
 * Redis never holds more than two budgets' worth, however many distinct queries arrive.
 */
export class RedisStore implements AnswerStore {
  private readonly redis: BudgetedRedis;
  private readonly db: Database;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly logger: Logger;
  private readonly ttlMs: number;
  private readonly budgetBytes: number;
  // A server that has just started cannot know what changed while it was away.
  private bumpOwed = true;
  private available = true;
  private probeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor({ url, db, logger, ttlMs, budgetBytes = DEFAULT_BUDGET_BYTES }: RedisStoreOptions) {
    this.logger = logger;
    this.db = db;
    this.ttlMs = ttlMs;
    this.budgetBytes = budgetBytes;
    this.redis = fastFailingRedis(url);
    // Read the database's identity at once, so that neither the first request nor the first bump waits for it.
    this.key('').catch(() => {});
    this.redis.on('close', () => {
      this.bumpOwed = true;
    });
    this.redis.on('ready', () => this.probe());

    this.breaker = redisBreaker();
    this.breaker.onBreak((reason) => this.becameUnavailable(reason));
    this.breaker.onReset(() => this.becameAvailable());
  }

  async generation(): Promise<number> {
    const key = await this.key('generation');
    return this.guarded(async () => {
      if (!this.bumpOwed) return Number((await this.redis.get(key)) ?? 0);
      this.bumpOwed = false;
      try {
        return await this.redis.incr(key);
      } catch (error) {
        this.bumpOwed = true;
        throw error;
      }
    });
  }

  async nextGeneration(): Promise<void> {
    const key = await this.key('generation');
    try {
      await this.guarded(() => this.redis.incr(key));
    } catch (error) {
      // A bump that timed out may or may not have happened: pay it again to be sure.
      this.bumpOwed = true;
      throw error;
    }
  }

  async get(generation: number, key: string): Promise<CachedAnswer | null> {
    const answerKey = await this.key(`answer:${generation}:${key}`);
    return this.guarded(async () => {
      const stored = await this.redis.getBuffer(answerKey);
      return stored && decode(stored);
    });
  }

  async set(generation: number, key: string, answer: CachedAnswer, ttlMs: number): Promise<void> {
    const stored = encode(answer);
    const [budgetKey, answerKey] = [await this.key('budget'), await this.key(`answer:${generation}:${key}`)];
    await this.guarded(() =>
      this.redis.keepWithinBudget(budgetKey, answerKey, stored.length + ENTRY_OVERHEAD_BYTES, this.budgetBytes, this.ttlMs, Math.ceil(ttlMs), stored),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.probeTimer);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** The Redis key of `name`, under this database's prefix (its identity is read once, on first use). */
  private async key(name: string): Promise<string> {
    return `${redisKeyPrefix((await databaseIdentityOf(this.db)).databaseId)}${name}`;
  }

  private guarded<T>(command: () => Promise<T>): Promise<T> {
    return this.breaker.execute(command);
  }

  /** Pays an owed bump, or, while the circuit is open, tries whether Redis is back. */
  private probe(): void {
    this.generation().catch(() => {});
  }

  private becameUnavailable(reason: FailureReason<unknown> | { isolated: true }): void {
    if (!this.closed) {
      clearTimeout(this.probeTimer);
      // A little later than the breaker allows, so that the probe is not turned away.
      this.probeTimer = setTimeout(() => this.probe(), RETRY_AFTER_MS + 50).unref();
    }
    if (!this.available) return;
    this.available = false;
    // A command refused while disconnected says only that the stream is not writeable.
    const cause = this.redis.status === 'ready' && 'error' in reason ? reason.error.message : `connection ${this.redis.status}`;
    this.logger.warn({ cause }, 'Redis is unavailable; answering without the response cache until it is back');
  }

  private becameAvailable(): void {
    if (this.available) return;
    this.available = true;
    this.logger.info('Redis is available again; the response cache is back');
  }
}

// An answer is stored as the length of its description's JSON, that JSON (headers, keys, and each
// representation's coding, entity tag and length), then the representations' bytes one after another.
interface StoredDescription {
  headers: [string, string][];
  keys: string[];
  representations: [coding: ContentCoding | 'identity', etag: string, length: number][];
}

function encode(answer: CachedAnswer): Buffer {
  const representations = [['identity', answer.body] as const, ...Object.entries(answer.encoded).map(([coding, representation]) => [coding as ContentCoding, representation] as const)];
  const description: StoredDescription = {
    headers: answer.headers,
    keys: answer.keys,
    representations: representations.map(([coding, { etag, body }]) => [coding, etag, body.length]),
  };
  const json = Buffer.from(JSON.stringify(description), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, ...representations.map(([, { body }]) => body)]);
}

/** The answer stored; null for an entry in an older layout, which is made again. */
function decode(stored: Buffer): CachedAnswer | null {
  const jsonLength = stored.readUInt32BE(0);
  const description = JSON.parse(stored.subarray(4, 4 + jsonLength).toString('utf8')) as StoredDescription | [string, string][];
  if (Array.isArray(description)) return null;
  const answer: CachedAnswer = { headers: description.headers, keys: description.keys, body: { body: Buffer.alloc(0), etag: '' }, encoded: {} };
  let offset = 4 + jsonLength;
  for (const [coding, etag, length] of description.representations) {
    const representation = { etag, body: stored.subarray(offset, offset + length) };
    offset += length;
    if (coding === 'identity') answer.body = representation;
    else answer.encoded[coding] = representation;
  }
  return answer;
}
