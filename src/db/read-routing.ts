import type { Logger } from '../logger.js';
import { Database } from './client.js';
import { isConnectionFailure } from './connection-failure.js';
import { Prisma } from './generated/prisma/client.js';
import type { Sql } from './generated/prisma/internal/prismaNamespace.js';

// How often the replica's replay position is compared with the primary's: the longest a replica
// that caught up goes unused, and how stale "how far behind" may be.
const POLL_INTERVAL_MS = 100;
// A hot standby cancels a query whose rows replay is about to remove ("conflict with recovery",
// 40001), or that holds a buffer replay waits for (reported as a deadlock, 40P01); the primary
// answers it instead.
const RECOVERY_CONFLICTS = new Set(['40001', '40P01']);

export interface ReadRoutingOptions {
  primary: Database;
  replicaUrl: string;
  /** How far behind the primary the replica may be and still answer (REPLICA_MAX_LAG_MS). */
  maxLagMs: number;
  logger: Logger;
}

/**
 * Sends anonymous reads to a streaming replica only while it holds every change this server has
 * heard of, so no answer is older than one this server gave, or kept, before.
 *
 * Every change this server makes or hears of (its mutations, a NOTIFY from the primary, a new
 * cache generation in Redis that another server started) is noted with the primary's WAL position
 * (`pg_current_wal_insert_lsn()`, which covers a commit not yet flushed) before any cached answer is forgotten. A poll reads the replica's
 * `pg_last_wal_replay_lsn()` every 100 ms; an anonymous read goes to the replica when that
 * position has reached every noted one and the replica was last level with the primary no longer
 * than `maxLagMs` ago. Otherwise, or while the replica is unreachable, it goes to the primary.
 * Writes, token and preview reads never come here: they always use the primary.
 */
export class ReadRouting {
  readonly replica: ReplicaDatabase;
  private readonly primary: Database;
  private readonly maxLagMs: number;
  private readonly logger: Logger;
  /** The highest primary position of a change noted; the replica must have replayed it. */
  private requiredLsn = 0n;
  /** Changes noted while the primary's position could not be read; the next poll reads it for them. */
  private unpositionedChanges = 0;
  /** The replica's replay position at the last poll; null while it is unreachable or not yet polled. */
  private replayedLsn: bigint | null = null;
  /** When a poll last found the replica level with the primary. */
  private levelAt = 0;
  private state: 'unknown' | 'current' | 'behind' | 'unreachable' = 'unknown';
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor({ primary, replicaUrl, maxLagMs, logger }: ReadRoutingOptions) {
    this.primary = primary;
    this.maxLagMs = maxLagMs;
    this.logger = logger;
    this.replica = new ReplicaDatabase(replicaUrl, primary, (error) => this.replicaLost(error));
  }

  /** Starts polling the replica; resolves after the first poll, so the first reads may use it. */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), POLL_INTERVAL_MS);
    this.timer.unref();
  }

  /** The database an anonymous read uses now. */
  databaseForAnonymousRead(): Database {
    return this.replicaIsCurrent() ? this.replica : this.primary;
  }

  /**
   * Content changed (committed here or elsewhere): anonymous reads avoid the replica until it has
   * replayed the change. Call before the response cache forgets, so no read that follows the
   * forgetting can put an older answer back.
   */
  async changeNoticed(): Promise<void> {
    try {
      this.require(await writtenPosition(this.primary));
    } catch {
      // The primary did not say where it is; until a poll reads that, the replica is not used.
      this.unpositionedChanges += 1;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
    await this.replica.close();
  }

  private replicaIsCurrent(): boolean {
    return (
      this.replayedLsn !== null &&
      this.unpositionedChanges === 0 &&
      this.replayedLsn >= this.requiredLsn &&
      Date.now() - this.levelAt <= this.maxLagMs
    );
  }

  private require(lsn: bigint): void {
    if (lsn > this.requiredLsn) this.requiredLsn = lsn;
  }

  private poll(): Promise<void> {
    this.polling ??= this.comparePositions().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async comparePositions(): Promise<void> {
    // Changes noted before the primary is asked are covered by its answer.
    const unpositioned = this.unpositionedChanges;
    let written: bigint;
    let writtenAt: number;
    try {
      written = await writtenPosition(this.primary);
      // Timed when the primary answered, so a wait for a pooled connection is not counted as lag.
      writtenAt = Date.now();
    } catch {
      return; // With the primary unreachable there is nothing to compare with; reads fail there anyway.
    }
    if (unpositioned > 0) {
      this.require(written);
      this.unpositionedChanges -= unpositioned;
    }
    let replayed: bigint | null;
    try {
      replayed = await this.replica.replayedPosition();
    } catch (error) {
      this.replicaLost(error);
      return;
    }
    if (replayed === null) {
      this.replicaLost(new Error('DATABASE_REPLICA_URL names a database that is not a replica in recovery (pg_last_wal_replay_lsn() is null)'));
      return;
    }
    if (replayed >= written) this.levelAt = writtenAt;
    this.replayedLsn = replayed;
    this.report(Date.now() - this.levelAt > this.maxLagMs ? 'behind' : 'current');
  }

  private replicaLost(error: unknown): void {
    this.replayedLsn = null;
    this.report('unreachable', error);
  }

  // Each change of state is logged once, however many reads it sends elsewhere.
  private report(state: 'current' | 'behind' | 'unreachable', error?: unknown): void {
    if (state === this.state) return;
    const was = this.state;
    this.state = state;
    const replica = this.replica.identity;
    if (state === 'unreachable') {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ replica, reason }, 'the read replica is unreachable; reading from the primary');
    } else if (state === 'behind') {
      this.logger.warn({ replica, maxLagMs: this.maxLagMs }, 'the read replica is behind by more than REPLICA_MAX_LAG_MS; reading from the primary');
    } else if (was !== 'unknown') {
      this.logger.info({ replica }, 'the read replica is current again; anonymous reads use it');
    }
  }
}

/**
 * The replica's pool. A statement that finds the replica gone, or that replay cancels, is sent
 * once to the primary, so losing the replica costs no request.
 */
export class ReplicaDatabase extends Database {
  constructor(
    url: string,
    private readonly primary: Database,
    private readonly onLost: (error: unknown) => void,
  ) {
    super(url);
  }

  override async rows<Row>(statement: Sql, options?: { prepare?: boolean }): Promise<Row[]> {
    try {
      return await super.rows<Row>(statement, options);
    } catch (error) {
      const conflict = RECOVERY_CONFLICTS.has(String((error as { code?: unknown }).code));
      if (!conflict && !isConnectionFailure(error)) throw error;
      if (!conflict) this.onLost(error);
      return this.primary.rows<Row>(statement, options);
    }
  }

  /** How far the replica has replayed the primary's WAL; null when it is not in recovery. */
  async replayedPosition(): Promise<bigint | null> {
    const [row] = await super.rows<{ replayed: string | null }>(Prisma.sql`SELECT pg_last_wal_replay_lsn()::text AS replayed`);
    return row?.replayed ? parseLsn(row.replayed) : null;
  }
}

async function writtenPosition(primary: Database): Promise<bigint> {
  const [row] = await primary.rows<{ written: string }>(Prisma.sql`SELECT pg_current_wal_insert_lsn()::text AS written`);
  return parseLsn(row!.written);
}

/** A WAL position as PostgreSQL prints it (`16/B374D848`: two hex halves), as one number. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}
