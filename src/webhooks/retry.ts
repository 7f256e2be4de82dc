// When a failed delivery is tried again: after 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then every
// 3 h, each delay give or take a tenth so that receivers coming back are not hit all at once,
// until a day after the first attempt; then it is given up.

export interface RetryPolicy {
  /** The delay after each failed attempt; the last one repeats. */
  delaysMs: readonly number[];
  /** How long after the first attempt a delivery is still tried. */
  windowMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  delaysMs: [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000],
  windowMs: 24 * 3_600_000,
};

const JITTER = 0.1;

/** When to try again after `failedAttempts` failures, or null when the window is over. */
export function nextAttemptAfterFailure(
  policy: RetryPolicy,
  failedAttempts: number,
  firstAttemptAt: Date,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const delay = policy.delaysMs[Math.min(failedAttempts, policy.delaysMs.length) - 1]!;
  const jittered = delay * (1 + JITTER * (2 * random() - 1));
  const next = new Date(now.getTime() + jittered);
  return next.getTime() - firstAttemptAt.getTime() > policy.windowMs ? null : next;
}
