// Makes sure a database on the given server holds the synthetic dataset, building it only
// when it is missing, unfinished or made with other parameters.
import pg from 'pg';
import { RENDER_VERSION } from '../../src/content/derive.js';
import { migrate } from '../../src/db/migrate.js';
import { DISTINCT_BODIES } from './body-pool.js';
import {
  advanceSequences,
  countPublished,
  createIndexes,
  dropSecondaryIndexes,
  insertTags,
  LOADED_TABLES,
  ParallelCopy,
  vacuumAnalyze,
  withTriggersOff,
} from './load.js';
import { claimDatabase, databaseState, markComplete, type DatabaseState, type DatasetParameters } from './marker.js';
import { postBatches } from './post-batches.js';
import { loadPhases, loadProgress } from './progress.js';
import { publicationTimes } from './schedule.js';
import { syntheticTags } from './tags.js';

/** Bump whenever the generator changes what it writes, so existing datasets are rebuilt. */
export const GENERATOR_VERSION = 2;
/** Fixed, so that every machine benchmarks the same posts. */
export const DATASET_SEED = 20260101;
const BATCH_SIZE = 1000;
// Connections that COPY at once: PostgreSQL's share of a load is more than the workers' (it
// parses the search vectors, compresses the bodies and logs every row).
const COPY_CONNECTIONS = 2;
// Held on the admin connection, with the database's name, while a dataset is checked and built:
// a second process asking for it meanwhile waits, then finds it complete; other datasets on the
// same server build meanwhile.
const BUILD_LOCK = 72707371;
const RESERVED_DATABASES = new Set(['postgres', 'template0', 'template1']);

export interface SyntheticDatabaseOptions {
  /** A URL on the server to use; the dataset goes into another database beside the one it names. */
  adminUrl: string;
  database: string;
  posts: number;
  log?: (line: string) => void;
  /** Rebuild even if the database already holds this dataset. */
  force?: boolean;
  /** How many posts have bodies of their own; the others borrow theirs (see body-pool.ts). */
  distinctBodies?: number;
}

export class SyntheticDatabaseError extends Error {
  override name = 'SyntheticDatabaseError';
}

/** The database's URL, and whether the dataset had to be generated (false: it was already there). */
export async function ensureSyntheticDatabase(options: SyntheticDatabaseOptions): Promise<{ url: string; generated: boolean }> {
  const { adminUrl, database, posts, force = false, distinctBodies = DISTINCT_BODIES } = options;
  const log = options.log ?? (() => {});
  checkOptions(options);
  const url = databaseUrl(adminUrl, database);
  const parameters: DatasetParameters = {
    generatorVersion: GENERATOR_VERSION,
    seed: DATASET_SEED,
    posts,
    distinctBodies,
    renderVersion: RENDER_VERSION,
  };

  return withClient(adminUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1, hashtext($2))', [BUILD_LOCK, database]);
    const state = await existingState(admin, url, database, parameters);
    if (state === 'foreign') {
      throw new SyntheticDatabaseError(
        `The database "${database}" already has tables that the synthetic generator did not make; ` +
          `it will not drop it. Pass another --database, or drop it yourself.`,
      );
    }
    if (state === 'complete' && !force) {
      log(`The database "${database}" already holds the ${posts}-post dataset.`);
      // Brings the schema up to date should Folio have gained a migration since; one that
      // rewrites rows leaves them unvacuumed.
      const { applied } = await migrate(url, { log });
      if (applied.length > 0) await withClient(url, vacuumAnalyze);
      return { url, generated: false };
    }
    const name = admin.escapeIdentifier(database);
    if (state === 'complete' || state === 'stale') {
      log(`Dropping the database "${database}" to rebuild it.`);
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    if (state !== 'empty') {
      log(`Creating the database "${database}".`);
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    }
    await withClient(url, (client) => claimDatabase(client));
    await migrate(url, { log });
    await withClient(url, (client) => fill(client, url, parameters, log));
    return { url, generated: true };
  });
}

function checkOptions({ adminUrl, database, posts, distinctBodies = DISTINCT_BODIES }: SyntheticDatabaseOptions): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database) || RESERVED_DATABASES.has(database)) {
    throw new SyntheticDatabaseError(
      `"${database}" cannot be the synthetic database: use lowercase letters, digits and _ (not postgres or a template).`,
    );
  }
  if (decodeURIComponent(new URL(adminUrl).pathname.slice(1)) === database) {
    throw new SyntheticDatabaseError(`The synthetic database must not be the one the admin URL names ("${database}").`);
  }
  if (!Number.isInteger(posts) || posts < 1) throw new SyntheticDatabaseError(`The number of posts must be a whole number from 1 (got ${posts}).`);
  if (!Number.isInteger(distinctBodies) || distinctBodies < 1) {
    throw new SyntheticDatabaseError(`The number of distinct bodies must be a whole number from 1 (got ${distinctBodies}).`);
  }
}

async function existingState(
  admin: pg.Client,
  url: string,
  database: string,
  parameters: DatasetParameters,
): Promise<DatabaseState | 'missing'> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (rowCount === 0) return 'missing';
  return withClient(url, (client) => databaseState(client, parameters));
}

async function fill(client: pg.Client, url: string, parameters: DatasetParameters, log: (line: string) => void): Promise<void> {
  const { seed, posts, distinctBodies } = parameters;
  const phases = loadPhases();
  await withTriggersOff(client, async () => {
    const indexes = await dropSecondaryIndexes(client, LOADED_TABLES);
    await insertTags(client, syntheticTags(seed));
    const progress = loadProgress(posts, log);
    const shape = { seed, posts, distinctBodies };
    const batches = postBatches({ shape, publishedAt: publicationTimes(seed, posts), batchSize: BATCH_SIZE });
    // The workers write and render while COPY runs: the time spent waiting on each says which is slower.
    const copy = await ParallelCopy.open(url, COPY_CONNECTIONS);
    try {
      let done = 0;
      for (;;) {
        const next = await phases.time('waiting for the workers', () => batches.next());
        if (next.done) break;
        await phases.time('waiting for COPY', () => copy.copy(next.value));
        done += next.value.posts;
        progress.update(done);
      }
    } finally {
      await phases.time('waiting for COPY', () => copy.close());
    }
    log('Building the indexes and counting.');
    await phases.time('building the indexes', () => createIndexes(client, indexes));
    await phases.time('counting published posts', () => countPublished(client));
  });
  await advanceSequences(client);
  log('Vacuuming and analyzing.');
  await phases.time('VACUUM ANALYZE', () => vacuumAnalyze(client));
  await markComplete(client, parameters);
  log(`Time spent ${phases.describe()}`);
}

/** The URL of another database on the same server, with the same credentials. */
function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}
