import type { CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from '../logger.js';
import type { PersistedQueryStore } from './persisted-query-store.js';
import { type BudgetedRedis, CONNECT_TIMEOUT_MS, fastFailingRedis, redisBreaker, redisKeyPrefix } from './redis-client.js';

// A query is kept a day; a client that asks for it later sends it again, once.
const QUERY_TTL_MS = 24 * 3600 * 1000;
// Characters of queries kept per day, from every server of the database together.
const DEFAULT_BUDGET = 16 * 1024 * 1024;

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
  private readonly redis: BudgetedRedis;
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
    this.redis = fastFailingRedis(url, `${redisKeyPrefix(databaseId)}persisted-query:`);
    this.breaker = redisBreaker();
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
      await this.breaker.execute(() => this.redis.keepWithinBudget('budget', hash, query.length, this.budget, QUERY_TTL_MS, QUERY_TTL_MS, query));
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
