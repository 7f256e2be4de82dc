// Bulk writes into Folio's tables: a statement per table per batch, rows passed as one JSON
// parameter (built by the workers, so the inserting thread only ships the text).
import type pg from 'pg';
import type { PostBatch } from './post-batch.js';
import type { SyntheticTag } from './tags.js';

// Fixed timestamps keep the rows the same from one run to the next (the columns default to now()).
const TAGS_CREATED_AT = '2018-01-01T00:00:00.000Z';

export async function insertTags(client: pg.Client, tags: SyntheticTag[]): Promise<void> {
  await client.query(
    `INSERT INTO tags (id, slug, name, description, created_at, updated_at)
     SELECT id, slug, name, description, $2, $2
       FROM json_to_recordset($1::json) AS t(id int, slug text, name text, description text)`,
    [JSON.stringify(tags), TAGS_CREATED_AT],
  );
}

/** Inserts a batch of posts with their tags, in one transaction. */
export async function insertPostBatch(client: pg.Client, { postsJson, postTags }: PostBatch): Promise<void> {
  await client.query('BEGIN');
  try {
    // search_vector goes through tsvector's input function, as `$1::tsvector` does on Folio's
    // write path; a post was created and last updated when it was published.
    await client.query(
      `INSERT INTO posts (id, slug, title, summary, markdown, html, headings, excerpt, word_count, reading_minutes,
                          search_vector, render_version, status, published_at, created_at, updated_at)
       SELECT id, slug, title, summary, markdown, html, headings, excerpt, word_count, reading_minutes,
              search_vector, render_version, 'PUBLISHED', published_at, published_at, published_at
         FROM json_to_recordset($1::json) AS p(id int, slug text, title text, summary text, markdown text, html text,
              headings jsonb, excerpt text, word_count int, reading_minutes int, search_vector tsvector,
              render_version int, published_at timestamptz)`,
      [postsJson],
    );
    await client.query('INSERT INTO post_tags (post_id, tag_id) SELECT * FROM unnest($1::int[], $2::int[])', [
      postTags.postIds,
      postTags.tagIds,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * Runs `load` with the GIN indexes on posts (the search index) dropped, then builds them again
 * from their own definitions: one build is far cheaper than growing a GIN index row by row.
 * If `load` fails they stay dropped, but then the dataset is unfinished and gets rebuilt anyway.
 */
export async function withGinIndexesDeferred(client: pg.Client, load: () => Promise<void>): Promise<void> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      WHERE i.indrelid = 'posts'::regclass AND am.amname = 'gin'`,
  );
  for (const { name } of indexes) await client.query(`DROP INDEX ${name}`);
  await load();
  // More than the default 64 MB takes a sixth off the build (12 s instead of 14 s for 100,000 posts).
  await client.query(`SET maintenance_work_mem = '256MB'`);
  for (const { definition } of indexes) await client.query(definition);
  await client.query('RESET maintenance_work_mem');
}

/** Points the id sequences past the explicit ids, so Folio can create posts and tags in the dataset. */
export async function finishLoad(client: pg.Client): Promise<void> {
  for (const table of ['posts', 'tags']) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${table}))`, [table]);
  }
  await vacuumAnalyze(client);
}

/** Sets the visibility map, which index-only scans need, and gives the planner statistics. */
export async function vacuumAnalyze(client: pg.Client): Promise<void> {
  await client.query('VACUUM (ANALYZE) posts, tags, post_tags');
}
