// npm run seed:synthetic -- [--posts 100000] [--database folio_bench] [--force]
//
// Fills a database beside Folio's own (on DATABASE_URL's server, or the embedded one) with a
// deterministic synthetic blog for benchmarks, unless it already holds that very dataset.
// The benchmark harness calls ensureSyntheticDatabase itself.
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { parseCommandLine, runCommand, UsageError } from '../src/cli/run-command.js';
import { readConfig } from '../src/config.js';
import { resolveDatabase } from '../src/db/database-url.js';
import { ensureSyntheticDatabase, SyntheticDatabaseError } from './synthetic/ensure-database.js';
import { duration } from './synthetic/progress.js';
import { datasetStats, describeStats } from './synthetic/stats.js';

export { ensureSyntheticDatabase } from './synthetic/ensure-database.js';

const USAGE = 'Usage: npm run seed:synthetic -- [--posts 100000] [--database folio_bench] [--force]';

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const log = (line: string) => console.error(line);
  const location = await resolveDatabase(readConfig(), { log });
  try {
    const started = performance.now();
    const { url, generated } = await ensureSyntheticDatabase({ adminUrl: location.url, ...options, log }).catch((error: unknown) => {
      throw error instanceof SyntheticDatabaseError ? new UsageError(error.message) : error;
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`${generated ? 'Generated' : 'Already there:'} ${withoutPassword(url)}${generated ? ` in ${duration(seconds)}` : ''}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const line of describeStats(await datasetStats(client))) console.log(line);
    } finally {
      await client.end();
    }
  } finally {
    await location.release();
  }
}

function readOptions(args: string[]): { posts: number; database: string; force: boolean } {
  const { values } = parseCommandLine(
    {
      args,
      options: {
        posts: { type: 'string', default: '100000' },
        database: { type: 'string', default: 'folio_bench' },
        force: { type: 'boolean', default: false },
      },
    },
    USAGE,
  );
  const posts = Number(values.posts);
  if (!/^\d+$/.test(values.posts) || posts < 1) throw new UsageError(`--posts takes a whole number from 1 (got "${values.posts}")\n${USAGE}`);
  return { posts, database: values.database, force: values.force };
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

// Run as a command, not when the harness imports ensureSyntheticDatabase from here.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runCommand(main);
