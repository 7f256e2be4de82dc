// The listener that hears of content changes survives the database going away: it reconnects
// with backoff, logs the outage once and the return once, and on reconnecting assumes it missed
// changes. Over a PostgreSQL server of the test's own, which it stops and starts.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeListener } from '../../src/db/change-listener.js';
import { OwnPostgres, waitFor } from './support.js';

let postgres: OwnPostgres;

beforeAll(async () => {
  postgres = await OwnPostgres.start();
});

afterAll(async () => {
  await postgres?.close();
});

describe('the change listener', () => {
  it('reconnects after the database restarts, forgets once for what it missed, and hears changes again', async () => {
    const log: Record<string, unknown>[] = [];
    const logger = pino({ level: 'debug', base: undefined }, { write: (line: string) => void log.push(JSON.parse(line) as Record<string, unknown>) });
    let changes = 0;
    const listener = new ChangeListener({ databaseUrl: postgres.url, logger, onChange: async () => void (changes += 1) });
    try {
      await listener.start();
      // On connecting it cannot know what changed before: once.
      expect(changes).toBe(1);
      await postgres.sql(`UPDATE site SET title = 'Heard'`);
      await waitFor(() => changes === 2, 5_000, 'the notification');

      await postgres.stop();
      // Down for long enough that several attempts to reconnect fail.
      await waitFor(() => log.some((entry) => entry.level === 40), 5_000, 'the outage to be logged');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await postgres.restart();
      await waitFor(() => changes === 3, 10_000, 'the forgetting on reconnecting');

      await postgres.sql(`UPDATE site SET title = 'Heard again'`);
      await waitFor(() => changes === 4, 5_000, 'a notification after the restart');
      expect(log.map((entry) => [entry.level, entry.msg])).toEqual([
        [40, 'not hearing of content changes from the database; reconnecting (cached answers may be stale meanwhile)'],
        [30, 'hearing of content changes from the database again'],
      ]);
    } finally {
      await listener.close();
    }
  });
});
