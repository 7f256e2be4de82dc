import { LRUCache } from 'lru-cache';

export interface FailedAttemptsOptions {
  /** Failures an address may make before it has to wait. */
  freeFailures?: number;
  /** The first wait; each further failure doubles it, up to `maxWaitMs`. */
  firstWaitMs?: number;
  maxWaitMs?: number;
  /** An address's failures are forgotten this long after its last one. */
  memoryMs?: number;
  /** How many addresses are remembered; the least recently failing are forgotten first. */
  maxAddresses?: number;
}

interface AddressRecord {
  failures: number;
  blockedUntil: number;
}

/**
 * Failed authentications per client address. After a few, the address waits before it may
 * present a token again, twice as long after each further failure, which makes guessing slow
 * without locking out a client that mistyped once. The memory is bounded: the least recently
 * failing addresses are forgotten first.
 */
export class FailedAttempts {
  readonly #freeFailures: number;
  readonly #firstWaitMs: number;
  readonly #maxWaitMs: number;
  readonly #records: LRUCache<string, AddressRecord>;

  constructor({ freeFailures = 5, firstWaitMs = 1_000, maxWaitMs = 5 * 60_000, memoryMs = 15 * 60_000, maxAddresses = 10_000 }: FailedAttemptsOptions = {}) {
    this.#freeFailures = freeFailures;
    this.#firstWaitMs = firstWaitMs;
    this.#maxWaitMs = maxWaitMs;
    this.#records = new LRUCache({ max: maxAddresses, ttl: memoryMs });
  }

  /** How many milliseconds `address` must still wait before presenting a token; 0 when it need not. */
  waitMs(address: string, now: number): number {
    const record = this.#records.get(address);
    return record ? Math.max(0, record.blockedUntil - now) : 0;
  }

  /** Counts a failure from `address`; returns the wait it now has to serve (0 while failures are free). */
  fail(address: string, now: number): number {
    const failures = (this.#records.get(address)?.failures ?? 0) + 1;
    const beyondFree = failures - this.#freeFailures;
    const wait = beyondFree > 0 ? Math.min(this.#firstWaitMs * 2 ** Math.min(beyondFree - 1, 30), this.#maxWaitMs) : 0;
    this.#records.set(address, { failures, blockedUntil: now + wait });
    return wait;
  }

  /** How many addresses are remembered. */
  get size(): number {
    return this.#records.size;
  }
}
