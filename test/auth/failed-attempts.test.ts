import { describe, expect, it } from 'vitest';
import { FailedAttempts } from '../../src/auth/failed-attempts.js';

describe('failed authentication attempts per address', () => {
  it('let the first few pass, then make the address wait twice as long after each failure', () => {
    const attempts = new FailedAttempts({ freeFailures: 3, firstWaitMs: 1_000, maxWaitMs: 8_000 });
    const waits = Array.from({ length: 8 }, () => attempts.fail('10.0.0.1', 0));
    expect(waits).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(attempts.waitMs('10.0.0.1', 3_000)).toBe(5_000);
    expect(attempts.waitMs('10.0.0.1', 9_000)).toBe(0);
  });

  it('keep addresses apart', () => {
    const attempts = new FailedAttempts({ freeFailures: 0, firstWaitMs: 1_000 });
    attempts.fail('10.0.0.1', 0);
    expect(attempts.waitMs('10.0.0.1', 0)).toBe(1_000);
    expect(attempts.waitMs('10.0.0.2', 0)).toBe(0);
  });

  it('remember a bounded number of addresses, forgetting the least recently failing', () => {
    const attempts = new FailedAttempts({ freeFailures: 0, maxAddresses: 100 });
    for (let n = 0; n < 10_000; n++) attempts.fail(`10.0.${n >> 8}.${n & 255}`, 0);
    expect(attempts.size).toBe(100);
    expect(attempts.waitMs('10.0.39.15', 0)).toBeGreaterThan(0);
    expect(attempts.waitMs('10.0.0.0', 0)).toBe(0);
  });
});
