import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, readConfig } from './config.js';
import { Database } from './db/client.js';
import { resolveDatabase } from './db/database-url.js';
import { ReadRouting } from './db/read-routing.js';
import { hasNoContent } from './db/queries/content-state.js';
import { migrate } from './db/migrate.js';
import { feedRoutes } from './delivery/feeds/routes.js';
import { followContentChanges } from './http/content-changes.js';
import { createFolioYoga } from './http/yoga.js';
import { RedisQueryStore } from './http/redis-query-store.js';
import { databaseIdentityOf } from './db/queries/database-identity.js';
import { ResponseCache } from './http/response-cache.js';
import { listen } from './http/server.js';
import { seedDatabase } from './transfer/seed.js';
import { createLogger } from './logger.js';
import { mediaLibraryFor } from './media/index.js';
import { rerenderOutdatedPosts } from './editing/rerender.js';
import { runCommand } from './cli/run-command.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

// After the last request, how long closing the cache and database connections may take.
const CLOSE_CONNECTIONS_MS = 2_000;

async function settledWithin(ms: number, work: (Promise<void> | undefined)[]): Promise<void> {
  await Promise.race([Promise.allSettled(work), sleep(ms, undefined, { ref: false })]);
}

await runCommand(async () => {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const location = await resolveDatabase(config, { log: (message) => logger.info(message) });
  await migrate(location.url, { log: (message) => logger.info(message) });
  const db = new Database(location.url, { logger });
  // Anonymous reads go to the replica while it holds every change this server knows of.
  const readRouting = config.databaseReplicaUrl
    ? new ReadRouting({ primary: db, replicaUrl: config.databaseReplicaUrl, maxLagMs: config.replicaMaxLagMs, logger })
    : undefined;
  await readRouting?.start();

  // The embedded database starts out with the sample content; a database of your own
  // (DATABASE_URL) is never filled unasked: `npm run seed` does that.
  if (location.embedded && (await hasNoContent(db))) {
    const summary = await seedDatabase(db);
    logger.info(`Loaded the sample content: ${summary.created} posts`);
  }
  const rerendered = await rerenderOutdatedPosts(db);
  if (rerendered > 0) logger.info(`Re-rendered ${rerendered} posts with the current renderer`);

  const responseCache =
    config.responseCacheTtlSeconds > 0
      ? new ResponseCache({
          db,
          logger,
          ttlSeconds: config.responseCacheTtlSeconds,
          redisUrl: config.redisUrl,
          // Through Redis, another server's change may start a generation before its NOTIFY arrives here.
          onNewGeneration: readRouting && config.redisUrl ? () => readRouting.changeNoticed() : undefined,
        })
      : undefined;
  // Sends content events to webhooks, woken whenever this server releases some.
  const webhooks = new WebhookDispatcher({ db, logger, urlPatterns: config.urlPatterns });
  // A change, made here or heard of, is noted by the read routing before any answer is forgotten,
  // so no answer read from a replica that lacks it is kept.
  const contentChanged = async () => {
    await readRouting?.changeNoticed();
    await responseCache?.contentChanged();
  };
  const changes = await followContentChanges({ databaseUrl: location.url, db, logger, forget: contentChanged, onReleased: () => void webhooks.wake() });
  const media = mediaLibraryFor(config);
  // Without Redis, each server keeps persisted queries in its own memory (createFolioYoga's default).
  const persistedQueryStore = config.redisUrl
    ? await RedisQueryStore.open({ url: config.redisUrl, databaseId: (await databaseIdentityOf(db)).databaseId, logger })
    : undefined;
  const yoga = createFolioYoga({ db, logger, contentChanged, media, persistedQueryStore, readRouting });
  const server = await listen(yoga, config.port, config.host, { responseCache, db, media, routes: [feedRoutes({ db, config })] }).catch(async (error: NodeJS.ErrnoException) => {
    await settledWithin(CLOSE_CONNECTIONS_MS, [changes.close(), responseCache?.close(), persistedQueryStore?.close(), readRouting?.close(), db.close()]);
    await location.release();
    if (error.code !== 'EADDRINUSE') throw error;
    throw new ConfigError(`Port ${config.port} on ${config.host} is already in use by another program; set PORT to a free port`);
  });
  logger.info(`Folio is serving GraphiQL at ${server.url}`);
  webhooks.start();

  const shutdown = async (signal: string) => {
    const deadline = Date.now() + config.shutdownTimeoutSeconds * 1000;
    logger.info(`${signal} received: answering the requests in progress, for at most ${config.shutdownTimeoutSeconds} s`);
    // A delivery still being sent at the deadline is left uncommitted, so it stays due: it is sent again later.
    await Promise.all([server.close(deadline), settledWithin(Math.max(deadline - Date.now(), 0), [webhooks.stop()])]);
    // Neither a cache nor a database that stopped answering may keep the process from ending.
    await settledWithin(CLOSE_CONNECTIONS_MS, [changes.close(), responseCache?.close(), persistedQueryStore?.close(), readRouting?.close(), db.close()]);
    await location.release();
    logger.info('Folio stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
});
