// Says which dataset a database holds. It lives in a schema of its own, bench_meta, beside
// Folio's tables and never among them, and its row is written only once the dataset is
// complete: a run that dies halfway leaves a database that the next run rebuilds.
import type pg from 'pg';

/** Everything the rows depend on. A database made with other parameters is rebuilt. */
export interface DatasetParameters {
  generatorVersion: number;
  seed: number;
  posts: number;
  distinctBodies: number;
  /** Folio's RENDER_VERSION: html and the other derived columns depend on it. */
  renderVersion: number;
}

/** Makes the (still empty) marker table: from then on the database counts as the generator's. */
export async function claimDatabase(client: pg.Client): Promise<void> {
  await client.query('CREATE SCHEMA bench_meta');
  await client.query(
    `CREATE TABLE bench_meta.dataset (parameters jsonb NOT NULL, completed_at timestamptz NOT NULL DEFAULT now())`,
  );
}

export async function markComplete(client: pg.Client, parameters: DatasetParameters): Promise<void> {
  await client.query('INSERT INTO bench_meta.dataset (parameters) VALUES ($1)', [parameters]);
}

export type DatabaseState = 'complete' | 'stale' | 'empty' | 'foreign';

/**
 * `complete` when the database holds a finished dataset made with `parameters`; `stale` when it
 * was made by the generator otherwise (other parameters, or not finished); `empty` when it has
 * no tables; `foreign` when it has tables of someone else's, which the generator must not drop.
 */
export async function databaseState(client: pg.Client, parameters: DatasetParameters): Promise<DatabaseState> {
  const { rows } = await client.query<{ claimed: boolean; tables: number }>(
    `SELECT to_regclass('bench_meta.dataset') IS NOT NULL AS claimed,
            (SELECT count(*)::int FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')) AS tables`,
  );
  const { claimed, tables } = rows[0]!;
  if (!claimed) return tables === 0 ? 'empty' : 'foreign';
  const marker = await client.query('SELECT 1 FROM bench_meta.dataset WHERE parameters = $1::jsonb', [parameters]);
  return marker.rowCount === 1 ? 'complete' : 'stale';
}
