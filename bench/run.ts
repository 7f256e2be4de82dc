// npm run bench -- [--posts 100000] [--duration 8] [--connections 10] [--rounds 3] [--only q1,q5,create]
//                   [--contenders folio,raw,postgraphile] [--database folio_bench] [--out bench/RESULTS.md]
//
// Measures Folio against a raw reference and PostGraphile on one synthetic dataset, prints the
// results and writes them, with the machine, the versions and the method, to bench/RESULTS.md
// (or --out: a 1M-post run goes beside the 100,000-post one, e.g. --out bench/RESULTS-1m.md).
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { runCommand } from '../src/cli/run-command.js';
import { readConfig } from '../src/config.js';
import { resolveDatabase } from '../src/db/database-url.js';
import { describePostGraphileOptions, installPostGraphileFunctions } from './contenders/postgraphile-server.js';
import { inspectFolioSql } from './folio-sql.js';
import { describeMachine, describeVersions, runCommandLine } from './machine.js';
import { readOptions, warmupSeconds } from './options.js';
import { findParameters } from './parameters.js';
import { type Bench, buildFolio, CACHE_TTL_SECONDS, cachedPhase, POOL_SIZE, startRaw, uncachedPhase, writePhase } from './phases.js';
import { stopAllServers } from './processes.js';
import { BENCH_QUERIES, type QueryName } from './queries.js';
import { renderMarkdown, renderSummary, type RunReport } from './report.js';
import { ensureSyntheticDatabase } from './seed-synthetic.js';
import { PROJECT_ROOT } from '../src/paths.js';

// The pages whose repeated requests the response cache is for, and the crawl, which it is not.
const CACHED_QUERIES: readonly QueryName[] = ['q1', 'q2', 'q5', 'q6'];
// The read load that createPost is measured under: the home page and a post page, in turn.
const READS_UNDER_WRITES: readonly QueryName[] = ['q1', 'q5'];

const log = (line: string) => console.error(line);

await runCommand(async () => {
  const options = readOptions(process.argv.slice(2));
  const started = performance.now();
  const location = await resolveDatabase(readConfig(), { log });
  let released = false;
  const cleanUp = async () => {
    await stopAllServers();
    if (!released) await location.release();
    released = true;
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    log(`Preparing the ${options.posts}-post dataset in "${options.database}".`);
    const { url, generated } = await ensureSyntheticDatabase({ adminUrl: location.url, database: options.database, posts: options.posts, log });
    const dataSeconds = (performance.now() - started) / 1000;
    if (options.contenders.includes('postgraphile')) await installPostGraphileFunctions(url);
    const { parameters, facts } = await findParameters(url);
    const queries = BENCH_QUERIES.filter((query) => options.only.includes(query.name));

    log('Building Folio as `npm start` does.');
    await buildFolio();
    log("Counting Folio's SQL statements and explaining its search statements.");
    const { statements, searchPlans } = await inspectFolioSql(url, queries, parameters);

    const bench: Bench = { databaseUrl: url, parameters, options, raw: await startRaw(url) };
    const uncached = await uncachedPhase(bench, queries.filter((query) => !query.varies));
    const cachedQueries = queries.filter((query) => CACHED_QUERIES.includes(query.name));
    const cached = cachedQueries.length > 0 ? await cachedPhase(bench, cachedQueries) : null;
    // Last, as it writes (and then deletes) posts.
    const readLoad = BENCH_QUERIES.filter((query) => READS_UNDER_WRITES.includes(query.name));
    const writes = options.only.includes('create') ? await writePhase(bench, readLoad) : null;
    await stopAllServers();

    const report: RunReport = {
      date: new Date(),
      command: runCommandLine(),
      elapsedSeconds: (performance.now() - started) / 1000,
      dataSeconds,
      dataGenerated: generated,
      machine: await describeMachine(),
      versions: await describeVersions(url),
      postgraphileOptions: describePostGraphileOptions(),
      load: { ...options, warmupSeconds: warmupSeconds(options), poolSize: POOL_SIZE },
      facts,
      parameters,
      uncached: uncached.runs,
      latencies: uncached.latencies,
      cached: cached?.runs ?? [],
      cacheTtlSeconds: CACHE_TTL_SECONDS,
      statements,
      folioRss: { uncached: uncached.folioRss, cached: cached?.folioRss ?? null },
      searchPlans,
      writes,
    };
    await writeFile(options.out, renderMarkdown(report));
    console.log(renderSummary(report));
    log(`Wrote ${relative(PROJECT_ROOT, options.out)}; the run took ${Math.round(report.elapsedSeconds)} s.`);
  } finally {
    await cleanUp();
  }
});
