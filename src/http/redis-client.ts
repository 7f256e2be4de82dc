import { ConsecutiveBreaker, circuitBreaker, handleAll, type CircuitBreakerPolicy } from 'cockatiel';
import { Redis } from 'ioredis';

// Redis is an accelerator, never a dependency. It answers in well under a millisecond; one that
// takes longer than this is treated as down, so that no request waits on it for longer.
export const CONNECT_TIMEOUT_MS = 1000;
const COMMAND_TIMEOUT_MS = 500;
const RECONNECT_MAX_DELAY_MS = 1000;
// After this many failures in a row Redis is left alone, and tried again a second later.
const FAILURES_TO_OPEN = 3;
export const RETRY_AFTER_MS = 1000;

/**
 * Servers of one database share what they keep in Redis; servers of different databases never do.
 * The database names itself (database_identity), so every URL that reaches it shares the same keys.
 */
export function redisKeyPrefix(databaseId: string): string {
  return `folio:${databaseId}:`;
}

// Keeps a value unless the budget of bytes is spent; one round trip, atomic.
// KEYS: the budget, the value. ARGV: bytes counted, budget, budget lifetime (ms), value lifetime (ms), value.
const KEEP_WITHIN_BUDGET = `
local spent = redis.call('INCRBY', KEYS[1], ARGV[1])
if spent == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
if spent > tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[4])
return 1
`;

export type BudgetedRedis = Redis & {
  /** 1 when kept; 0 when this lifetime's budget is spent. */
  keepWithinBudget(budgetKey: string, key: string, bytes: number, budget: number, budgetMs: number, ttlMs: number, value: Buffer | string): Promise<number>;
};

/**
 * A client that fails at once rather than wait: short timeouts, nothing queued while disconnected,
 * no command replayed after a fault. It reconnects on its own. Connection errors also fail the
 * commands that meet them, so the caller's breaker (`redisBreaker`) is where they are logged.
 */
export function fastFailingRedis(url: string, keyPrefix?: string): BudgetedRedis {
  const redis = new Redis(url, {
    keyPrefix,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, RECONNECT_MAX_DELAY_MS),
  }) as BudgetedRedis;
  redis.defineCommand('keepWithinBudget', { numberOfKeys: 2, lua: KEEP_WITHIN_BUDGET });
  redis.on('error', () => {});
  return redis;
}

/** Stops asking Redis after repeated failures; lets one command through a second later to see whether it is back. */
export function redisBreaker(): CircuitBreakerPolicy {
  return circuitBreaker(handleAll, { halfOpenAfter: RETRY_AFTER_MS, breaker: new ConsecutiveBreaker(FAILURES_TO_OPEN) });
}
