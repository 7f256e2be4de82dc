import type { UrlPatterns } from '../config.js';
import type { Database } from '../db/client.js';
import { isConnectionFailure } from '../db/connection-failure.js';
import {
  type AttemptRecord,
  attemptDueDelivery,
  type DescribeEvent,
  type DueDelivery,
  fanOutNextWebhook,
  nextDeliveryDue,
} from '../db/webhook-queue.js';
import type { Logger } from '../logger.js';
import { eventPayload } from './payload.js';
import { DEFAULT_RETRY_POLICY, nextAttemptAfterFailure, type RetryPolicy } from './retry.js';
import { sendDelivery } from './send.js';

export interface WebhookDispatcherOptions {
  db: Database;
  logger: Logger;
  urlPatterns: UrlPatterns;
  /** How many deliveries are sent at once. */
  concurrency?: number;
  /** How long a receiver has to answer. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /**
   * How often to look for work when nothing wakes the dispatcher: deliveries another server
   * left behind when it crashed, events whose wake-up was missed.
   */
  pollIntervalMs?: number;
  clock?: () => Date;
}

const DEFAULTS = { concurrency: 4, timeoutMs: 10_000, pollIntervalMs: 30_000 };
// After a failed pass (the database is away), how long until the next try.
const OUTAGE_RETRY_MS = 5_000;
// How many events one fan-out transaction turns into deliveries.
const FAN_OUT_BATCH = 500;

/**
 * Sends released content events to the webhooks, signed, at least once each. A pass fans the
 * released events out to deliveries (db/webhook-queue.ts), then sends the deliveries due, a few
 * at a time; the next pass runs when `wake()` is called (events were released: db/event-release.ts),
 * or at the next retry's time.
 * Every server may run one: the rows are shared out with FOR UPDATE SKIP LOCKED.
 */
export class WebhookDispatcher {
  private readonly db: Database;
  private readonly logger: Logger;
  private readonly urlPatterns: UrlPatterns;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly pollIntervalMs: number;
  private readonly clock: () => Date;
  private stopped = true;
  private pass: Promise<void> | undefined;
  private passAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(options: WebhookDispatcherOptions) {
    this.db = options.db;
    this.logger = options.logger;
    this.urlPatterns = options.urlPatterns;
    this.concurrency = options.concurrency ?? DEFAULTS.concurrency;
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
    this.clock = options.clock ?? (() => new Date());
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Runs a pass now, or right after the one under way: there may be new events or deliveries. */
  wake(): void {
    if (this.stopped) return;
    if (this.pass) {
      this.passAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.pass = this.runPass().finally(() => {
      this.pass = undefined;
      if (this.passAgain) {
        this.passAgain = false;
        this.wake();
      }
    });
  }

  /**
   * Starts nothing new and waits for the deliveries being sent, which are recorded as they end
   * (each within the receiver's timeout). What is left stays PENDING for the next start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.pass) await this.pass;
  }

  private async runPass(): Promise<void> {
    let delay: number;
    try {
      while (!this.stopped && (await this.fanOutOne()) !== null);
      await this.sendDue();
      const due = await nextDeliveryDue(this.db);
      delay = due ? Math.min(Math.max(due.getTime() - this.clock().getTime(), 0), this.pollIntervalMs) : this.pollIntervalMs;
      if (this.failing) this.logger.info('Webhook deliveries resumed');
      this.failing = false;
    } catch (error) {
      this.reportFailure(error);
      delay = Math.min(OUTAGE_RETRY_MS, this.pollIntervalMs);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => this.wake(), delay);
    // The HTTP server keeps a running process alive; this timer alone should not.
    this.timer.unref();
  }

  private fanOutOne(): Promise<number | null> {
    const describe: DescribeEvent = (event, tagSlugs) => JSON.stringify(eventPayload(event, tagSlugs, this.urlPatterns));
    return fanOutNextWebhook(this.db, describe, this.clock(), FAN_OUT_BATCH);
  }

  private async sendDue(): Promise<void> {
    const worker = async () => {
      while (!this.stopped && (await attemptDueDelivery(this.db, this.clock(), (delivery) => this.attempt(delivery), this.timeoutMs)));
    };
    const results = await Promise.allSettled(Array.from({ length: this.concurrency }, worker));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private async attempt(delivery: DueDelivery): Promise<AttemptRecord> {
    const attemptedAt = this.clock();
    const result = await sendDelivery({ ...delivery, deliveryId: delivery.id, at: attemptedAt, timeoutMs: this.timeoutMs });
    const { status, error } = result;
    if (result.delivered) return { state: 'DELIVERED', attemptedAt, status, error, nextAttemptAt: attemptedAt };
    const next = nextAttemptAfterFailure(this.retry, delivery.attempts + 1, delivery.firstAttemptAt ?? attemptedAt, this.clock());
    if (next) return { state: 'PENDING', attemptedAt, status, error, nextAttemptAt: next };
    this.logger.warn(`Gave up webhook delivery ${delivery.id} to ${delivery.url} after ${delivery.attempts + 1} attempts: ${error}`);
    return { state: 'FAILED', attemptedAt, status, error, nextAttemptAt: attemptedAt };
  }

  // Said once per outage, not on every retry.
  private reportFailure(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    if (isConnectionFailure(error)) {
      this.logger.warn(`Webhook deliveries paused: the database cannot be reached; trying again every ${OUTAGE_RETRY_MS / 1000} s`);
    } else {
      this.logger.error({ err: error }, `Webhook deliveries paused by an unexpected error; trying again every ${OUTAGE_RETRY_MS / 1000} s`);
    }
  }
}
