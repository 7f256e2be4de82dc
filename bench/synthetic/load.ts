// Bulk writes into Folio's tables. Rows go in with COPY, on a connection where triggers do not
// fire (`session_replication_role = replica`, which takes a superuser): the dataset is a starting
// state, not a history, so the outbox stays empty, and the counters the triggers keep are
// computed once at the end instead of row by row. Secondary indexes are dropped first and built
// again from their own definitions once the rows are in.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { POST_COLUMNS, POST_TAG_COLUMNS, type PostBatch } from './post-batch.js';
import type { SyntheticTag } from './tags.js';

// Fixed timestamps keep the rows the same from one run to the next (the columns default to now()).
const TAGS_CREATED_AT = '2018-01-01T00:00:00.000Z';
/** The tables the dataset fills, whose secondary indexes wait for the rows. */
export const LOADED_TABLES = ['posts', 'tags', 'post_tags'] as const;

/** Runs `load` with the triggers off on `client`, and on again afterwards whatever happens. */
export async function withTriggersOff(client: pg.Client, load: () => Promise<void>): Promise<void> {
  await turnTriggersOff(client);
  try {
    await load();
  } finally {
    await client.query('RESET session_replication_role');
  }
}

async function turnTriggersOff(client: pg.Client): Promise<void> {
  await client.query('SET session_replication_role = replica').catch((error: Error) => {
    throw new Error(`Loading the synthetic dataset turns triggers off, which takes a superuser: ${error.message}`);
  });
}

/**
 * COPY on a few connections at once, each with triggers off, so that PostgreSQL parses,
 * compresses and logs rows on more than one core; batches go to the connections in turn.
 * A load that dies halfway leaves an unfinished dataset, which the next run rebuilds, so the
 * commits need not wait for the disk.
 */
export class ParallelCopy {
  #next = 0;
  #failure: unknown = null;

  private constructor(private readonly lanes: { client: pg.Client; busy: Promise<void> }[]) {}

  static async open(url: string, connections: number): Promise<ParallelCopy> {
    const lanes = await Promise.all(
      Array.from({ length: connections }, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await turnTriggersOff(client);
        await client.query('SET synchronous_commit = off');
        return { client, busy: Promise.resolve() };
      }),
    );
    return new ParallelCopy(lanes);
  }

  /** Waits for the next connection to be free, and starts copying `batch` on it. */
  async copy(batch: PostBatch): Promise<void> {
    const lane = this.lanes[this.#next++ % this.lanes.length]!;
    await lane.busy;
    this.#throwIfFailed();
    lane.busy = copyPostBatch(lane.client, batch).catch((error: unknown) => {
      this.#failure ??= error;
    });
  }

  /** Waits for every batch to be in, then closes the connections. */
  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.busy));
    await Promise.all(this.lanes.map((lane) => lane.client.end()));
    this.#throwIfFailed();
  }

  #throwIfFailed(): void {
    if (this.#failure !== null) throw this.#failure;
  }
}

export async function insertTags(client: pg.Client, tags: SyntheticTag[]): Promise<void> {
  await client.query(
    `INSERT INTO tags (id, slug, name, description, created_at, updated_at)
     SELECT id, slug, name, description, $2, $2
       FROM json_to_recordset($1::json) AS t(id int, slug text, name text, description text)`,
    [JSON.stringify(tags), TAGS_CREATED_AT],
  );
}

/** Copies a batch of posts and their tags in. */
async function copyPostBatch(client: pg.Client, { postRows, postTagRows }: PostBatch): Promise<void> {
  await copyRows(client, 'posts', POST_COLUMNS, postRows);
  await copyRows(client, 'post_tags', POST_TAG_COLUMNS, postTagRows);
}

async function copyRows(client: pg.Client, table: string, columns: readonly string[], rows: string): Promise<void> {
  await pipeline(Readable.from([rows]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

export interface IndexDefinition {
  name: string;
  definition: string;
}

/**
 * Drops the secondary indexes of `tables` (all but those behind a primary key or another
 * constraint) and returns their definitions, for createIndexes once the rows are in: one build is
 * far cheaper than growing an index row by row. Should the load fail, they stay dropped, but then
 * the dataset is unfinished and gets rebuilt anyway.
 */
export async function dropSecondaryIndexes(client: pg.Client, tables: readonly string[]): Promise<IndexDefinition[]> {
  const { rows: indexes } = await client.query<IndexDefinition>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY ($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY name`,
    [tables],
  );
  for (const { name } of indexes) await client.query(`DROP INDEX ${name}`);
  return indexes;
}

export async function createIndexes(client: pg.Client, indexes: readonly IndexDefinition[]): Promise<void> {
  // More than the default 64 MB takes a sixth off the search index's build (12 s instead of 14 s
  // for 100,000 posts).
  await client.query(`SET maintenance_work_mem = '256MB'`);
  for (const { definition } of indexes) await client.query(definition);
  await client.query('RESET maintenance_work_mem');
}

/**
 * Sets what Folio's triggers keep, one statement each, from the rows: the count of published
 * posts (pages left out) and each tag's count of published posts. (The status and publishedAt
 * that post_tags rows copy from their post are written by the load itself.)
 */
export async function countPublished(client: pg.Client): Promise<void> {
  await client.query(
    `UPDATE post_statistics SET published_posts = (SELECT count(*) FROM posts WHERE status = 'PUBLISHED' AND kind = 'POST')`,
  );
  await client.query(
    `UPDATE tags t SET published_post_count = c.n
       FROM (SELECT tag_id, count(*)::int AS n FROM post_tags WHERE status = 'PUBLISHED' GROUP BY tag_id) c
      WHERE t.id = c.tag_id`,
  );
}

/** Points the id sequences past the explicit ids, so Folio can create posts and tags in the dataset. */
export async function advanceSequences(client: pg.Client): Promise<void> {
  for (const table of ['posts', 'tags']) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${table}))`, [table]);
  }
}

/** Sets the visibility map, which index-only scans need, and gives the planner statistics. */
export async function vacuumAnalyze(client: pg.Client): Promise<void> {
  await client.query('VACUUM (ANALYZE) posts, tags, post_tags');
}
