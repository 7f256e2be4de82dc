import type { Logger } from '../logger.js';

// While the database is down it is probed this often, so service resumes within this long of
// its return.
const PROBE_INTERVAL_MS = 500;

/**
 * Whether the database is reachable, as last seen. A lost connection or a failed connect makes
 * it probe the database; while the probe fails, the database counts as down, requests are
 * refused at once instead of each waiting for its own connection attempt, and the probe repeats
 * until the database answers again. Each change between up and down is logged once, however
 * many requests fail meanwhile.
 */
export class DatabaseHealth {
  private down = false;
  private probing: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly logger: Logger | undefined,
    private readonly identity: string,
  ) {}

  get isDown(): boolean {
    return this.down;
  }

  /** A connection failed or was lost: find out whether the database itself is gone. */
  connectionFailed(): Promise<void> {
    this.probing ??= this.check().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async check(): Promise<void> {
    try {
      await this.probe();
    } catch (error) {
      if (!this.down) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger?.error({ database: this.identity, reason }, 'database unreachable; answering requests with SERVICE_UNAVAILABLE');
      }
      this.down = true;
      this.scheduleRetry();
      return;
    }
    if (this.down) this.logger?.info({ database: this.identity }, 'database reachable again');
    this.down = false;
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connectionFailed(), PROBE_INTERVAL_MS);
    // A process that is otherwise done should not stay up just to probe.
    this.retry.unref();
  }
}
