// Progress lines for a long load: posts done, rate and time left, at most every few seconds.
const INTERVAL_MS = 3000;

export function loadProgress(total: number, log: (line: string) => void) {
  const started = performance.now();
  let lastShown = started;
  return {
    update(done: number): void {
      const now = performance.now();
      if (done < total && now - lastShown < INTERVAL_MS) return;
      lastShown = now;
      const seconds = (now - started) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const eta = done < total ? `, ETA ${duration((total - done) / rate)}` : '';
      log(`Posts ${done}/${total} (${Math.floor((100 * done) / total)}%), ${Math.round(rate)} posts/s${eta}`);
    },
  };
}

/** Time spent in each phase of a load, summed over its repeats, to report where the time went. */
export function loadPhases() {
  const spent = new Map<string, number>();
  return {
    async time<T>(phase: string, body: () => Promise<T>): Promise<T> {
      const started = performance.now();
      try {
        return await body();
      } finally {
        spent.set(phase, (spent.get(phase) ?? 0) + (performance.now() - started) / 1000);
      }
    },
    /** "COPY 1m35s, VACUUM ANALYZE 12s, ...", in the order the phases first ran. */
    describe(): string {
      return [...spent].map(([phase, seconds]) => `${phase} ${duration(seconds)}`).join(', ');
    },
  };
}

/** 95 → "1m35s". */
export function duration(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}
