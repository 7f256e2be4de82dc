import type { Logger } from '../logger.js';
import type { Database } from './client.js';
import { msUntilNextDueEvent, releaseDueEvents } from './queries/content-events.js';

// After a failed release, it is tried again this often until the database answers.
const RETRY_MS = 1_000;
// Timers cannot wait longer than this (about 24.8 days); a later event is looked at again then.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Releases the outbox's due events (see `releaseDueEvents`) in the background: when woken (a
 * change was notified) and at the time the next pending event falls due, so a scheduled
 * publication is released at its time even when nothing else happens. Every server runs one;
 * releases are serialized in the database, so they never conflict.
 */
export class EventRelease {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    /** Told whenever events were released, e.g. so that webhooks send them. */
    private readonly onReleased: () => void = () => {},
  ) {}

  /** Releases what is due now, then waits for the next due event; resolves when this round is done. */
  wake(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      if (this.stopped) return;
      try {
        if ((await releaseDueEvents(this.db)) > 0) this.onReleased();
        this.schedule(await msUntilNextDueEvent(this.db));
        if (this.failing) this.logger.info('releasing content events again');
        this.failing = false;
      } catch (error) {
        if (!this.failing) this.logger.warn({ reason: (error as Error).message }, 'could not release content events; trying again');
        this.failing = true;
        this.schedule(RETRY_MS);
      }
    } while (this.again);
  }

  private schedule(ms: number | null): void {
    clearTimeout(this.timer);
    if (ms === null || this.stopped) return;
    this.timer = setTimeout(() => void this.wake(), Math.min(Math.max(ms, 1), MAX_TIMER_MS));
    this.timer.unref();
  }
}
