import { ChangeListener } from '../db/change-listener.js';
import type { Database } from '../db/client.js';
import { EventRelease } from '../db/event-release.js';
import type { Logger } from '../logger.js';

export interface ContentChangesOptions {
  databaseUrl: string;
  db: Database;
  logger: Logger;
  /** What a change makes this server forget: kept answers, and a replica's claim to be current. */
  forget?: () => Promise<void>;
  /** Told whenever this server released events (webhooks send them). */
  onReleased?: () => void;
}

/** A server following every change to content, until closed. */
export interface FollowedChanges {
  readonly eventRelease: EventRelease;
  close(): Promise<void>;
}

/**
 * Whoever changes content (this server, another, `npm run import`, plain SQL), the triggers notify
 * and this server hears it: its response cache forgets every answer, and its event release hands
 * the change's events to the change feed and webhooks. Resolves once listening (or once the first
 * attempt failed: the listener goes on trying).
 */
export async function followContentChanges({ databaseUrl, db, logger, forget, onReleased }: ContentChangesOptions): Promise<FollowedChanges> {
  const eventRelease = new EventRelease(db, logger, onReleased);
  const listener = new ChangeListener({
    databaseUrl,
    logger,
    onChange: async () => {
      await Promise.all([forget?.(), eventRelease.wake()]);
    },
  });
  await listener.start();
  return {
    eventRelease,
    async close() {
      eventRelease.stop();
      await listener.close();
    },
  };
}
