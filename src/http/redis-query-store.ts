import { ConsecutiveBreaker, circuitBreaker, handleAll, type CircuitBreakerPolicy } from 'cockatiel';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { PersistedQueryStore } from './persisted-query-store.js';

// As for the response cache (redis-answer-store.ts): Redis answers in well under a millisecond;
// one slower than this is treated as down, so that no request waits on it for longer.
const CONNECT_TIMEOUT_MS = 1000;
const COMMAND_TIMEOUT_MS = 500;
const RECONNECT_MAX_DELAY_MS = 1000;
// After this many failures in a row Redis is left alone, and tried again by a request a second later.
const FAILURES_TO_OPEN = 3;
const RETRY_AFTER_MS = 1000;
// A query is kept a day; a client that asks for it later sends it again, once.
const QUERY_TTL_MS = 24 * 3600 * 1000;
// Characters of queries kept per day, from every server of the database together.
const DEFAULT_BUDGET = 16 * 1024 * 1024;

// Keeps a query unless the day's budget is spent; one round trip, atomic.
// KEYS: the budget, the query. ARGV: characters counted, budget, lifetime (ms) of both, the query.
const KEEP_WITHIN_BUDGET = `
local spent = redis.call('INCRBY', KEYS[1], ARGV[1])
if spent == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
if spent > tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3])
return 1
`;

type QueryRedis = Redis & {
  keepWithinBudget(budgetKey: string, queryKey: string, size: number, budget: number, ttlMs: number, query: string): Promise<number>;
};

export interface RedisQueryStoreOptions {
  url: string;
  /** The database's own id (database_identity): servers of one database share queries, of others never. */
  databaseId: string;
  logger: Logger;
  budget?: number;
}

/**
 * Persisted queries shared by every server of a database through Redis. Redis is never a
 * dependency: every command has a short timeout, a circuit breaker stops asking after repeated
 * failures, and a query that cannot be read is "not found", so the client sends it whole. Each
 * change of state is logged once. Queries live a day, and at most a budget of characters is kept
 * per day, so Redis holds at most two budgets' worth however many distinct queries arrive.
 */
export class RedisQueryStore implements PersistedQueryStore {
  private readonly redis: QueryRedis;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly budget: number;
  private available = true;

  /**
   * A store whose first connection has been tried (for at most the connect timeout, and never
   * failing), so that a server's first requests find Redis ready rather than a store to wait for.
   */
  static async open(options: RedisQueryStoreOptions): Promise<RedisQueryStore> {
    const store = new RedisQueryStore(options);
    await store.firstConnection();
    return store;
  }

  private constructor({ url, databaseId, logger, budget = DEFAULT_BUDGET }: RedisQueryStoreOptions) {
    this.budget = budget;
    this.redis = new Redis(url, {
      keyPrefix: `folio:${databaseId}:persisted-query:`,
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // While disconnected, fail at once rather than queue; never replay a command after a fault.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      retryStrategy: (attempt) => Math.min(attempt * 100, RECONNECT_MAX_DELAY_MS),
    }) as QueryRedis;
    this.redis.defineCommand('keepWithinBudget', { numberOfKeys: 2, lua: KEEP_WITHIN_BUDGET });
    // Connection errors also fail the commands that meet them; the breaker logs those, once.
    this.redis.on('error', () => {});

    this.breaker = circuitBreaker(handleAll, { halfOpenAfter: RETRY_AFTER_MS, breaker: new ConsecutiveBreaker(FAILURES_TO_OPEN) });
    this.breaker.onBreak(() => {
      if (!this.available) return;
      this.available = false;
      logger.warn({ cause: `connection ${this.redis.status}` }, 'Redis is unavailable; clients send persisted queries whole until it is back');
    });
    this.breaker.onReset(() => {
      if (this.available) return;
      this.available = true;
      logger.info('Redis is available again; persisted queries are shared again');
    });
  }

  async get(hash: string): Promise<string | null> {
    try {
      return await this.breaker.execute(() => this.redis.get(hash));
    } catch {
      return null;
    }
  }

  async set(hash: string, query: string): Promise<void> {
    try {
      await this.breaker.execute(() => this.redis.keepWithinBudget('budget', hash, query.length, this.budget, QUERY_TTL_MS, query));
    } catch {
      // Not kept: the client is told "not found" next time and sends the query again.
    }
  }

  private firstConnection(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const settled = () => {
        clearTimeout(timer);
        this.redis.off('ready', settled).off('error', settled);
        resolve();
      };
      const timer = setTimeout(settled, CONNECT_TIMEOUT_MS);
      this.redis.once('ready', settled).once('error', settled);
    });
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
