import pg from 'pg';
import type { Logger } from '../logger.js';

/** The channel the content triggers notify on (migration 20261129030100_content_event_triggers). */
export const CONTENT_CHANGED_CHANNEL = 'folio_content_changed';

// Reconnecting waits this long after the first failure, doubling up to the most.
const FIRST_RETRY_MS = 100;
const MOST_RETRY_MS = 5_000;
const CONNECT_TIMEOUT_MS = 3_000;

export interface ChangeListenerOptions {
  databaseUrl: string;
  logger: Logger;
  /**
   * Content changed: a notification arrived, or the listener (re)connected and may have missed
   * some while it was away, so every change must be assumed. Notifications that arrive while it
   * runs fold into one more run after it, so a bulk import does not queue one run per post.
   */
  onChange: () => Promise<void>;
}

/**
 * Hears of every change to content, however it was made (this server, another, an import, plain
 * SQL), through LISTEN on a connection of its own: the pool's connections are lent out and
 * returned, and a notification only reaches the connection that listens.
 *
 * A lost connection is made again with backoff, without end, and logged once when lost and once
 * when back; until then no notification arrives, and on reconnecting `onChange` runs once for
 * whatever was missed.
 */
export class ChangeListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private lost = false;
  private closed = false;
  private handling: Promise<void> | undefined;
  private connecting: Promise<void> | undefined;
  private changedMeanwhile = false;

  constructor(private readonly options: ChangeListenerOptions) {}

  /** Connects; resolves once listening, or once the first attempt failed (it goes on trying). */
  start(): Promise<void> {
    return this.attempt();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    // An attempt under way ends its own connection once it sees the listener closed; waited for, so
    // that no connection of this process outlives close (the embedded server counts them).
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    // Not awaited for long: closing politely waits for a server that may never answer.
    await client?.end().catch(() => {});
  }

  private attempt(): Promise<void> {
    this.connecting = this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      application_name: 'folio-listener',
    });
    let dropped = false;
    const drop = (error?: Error) => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => {});
      this.connectionLost(error);
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', () => this.changed());
    try {
      await client.connect();
      await client.query(`LISTEN ${CONTENT_CHANGED_CHANNEL}`);
    } catch (error) {
      drop(error as Error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.failures = 0;
    if (this.lost) this.options.logger.info('hearing of content changes from the database again');
    this.lost = false;
    this.changed();
  }

  private changed(): void {
    if (this.handling) {
      this.changedMeanwhile = true;
      return;
    }
    this.handling = (async () => {
      do {
        this.changedMeanwhile = false;
        await this.options.onChange().catch((error: unknown) => {
          this.options.logger.error({ err: error }, 'could not act on a content change');
        });
      } while (this.changedMeanwhile && !this.closed);
    })().finally(() => {
      this.handling = undefined;
    });
  }

  private connectionLost(error: Error | undefined): void {
    if (this.closed) return;
    if (!this.lost) {
      this.lost = true;
      this.options.logger.warn(
        { reason: error?.message ?? 'connection closed' },
        'not hearing of content changes from the database; reconnecting (cached answers may be stale meanwhile)',
      );
    }
    const delay = Math.min(FIRST_RETRY_MS * 2 ** this.failures, MOST_RETRY_MS);
    this.failures += 1;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.attempt(), delay);
    this.retry.unref();
  }
}
