// The measured part of a run: the servers, started as their own processes, take turns under
// the same load, query after query.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/paths.js';
import { type Measurement, measure, type RequestSource } from './load.js';
import { type Options, warmupSeconds } from './options.js';
import { type RssReadings, sampleRss, type ServerProcess, type ServerSpec, startServer } from './processes.js';
import { type BenchParameters, type BenchQuery, type BenchRequest, checkSameAnswers, type Contender, type QueryName, send } from './queries.js';
import type { QueryRun } from './report.js';
import { writesUnderLoad, type WritesUnderLoad } from './writes.js';

/** Database connections per server: Folio's default pool size, given to the others too. */
export const POOL_SIZE = 10;
export const CACHE_TTL_SECONDS = 60;
/** The command `npm start` runs, read from package.json so that the bench measures what users run. */
export const FOLIO_START_COMMAND: string = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts.start;

const log = (line: string) => console.error(line);
const GRAPHQL_PROBE: BenchRequest = { path: '/graphql', body: JSON.stringify({ query: '{ __typename }' }) };

/** What every phase of a run shares: the data, the parameters, the options and the raw reference. */
export interface Bench {
  databaseUrl: string;
  parameters: BenchParameters;
  options: Options;
  raw: ServerProcess;
}

export interface Phase {
  runs: QueryRun[];
  folioRss: RssReadings;
}

/** How long one request takes when it has a server to itself: one connection, one request at a time. */
export type Latencies = { name: QueryName; label: string; byContender: Partial<Record<Contender, Measurement>> }[];

// Long enough for a few hundred requests to even the slowest query's p50.
const LATENCY_SECONDS = 4;

/** Folio without a response cache, against the raw reference and PostGraphile (unless left out). */
export async function uncachedPhase(bench: Bench, queries: readonly BenchQuery[]): Promise<Phase & { latencies: Latencies }> {
  const folio = await startFolio(bench.databaseUrl, 0);
  const postgraphile = bench.options.contenders.includes('postgraphile')
    ? await startServer(contenderSpec('postgraphile', bench.databaseUrl))
    : undefined;
  const servers = { folio, raw: bench.raw, ...(postgraphile && { postgraphile }) };
  await checkSameAnswers(queries, bench.parameters, originsOf(servers));
  log(`${Object.values(servers).map((server) => server.name).join(', ')} answer every query with the same data.`);
  const memory = sampleRss(folio.pid);
  const runs = await measureQueries(queries, bench, servers);
  const folioRss = await memory.stop();
  const latencies = await measureLatencies(queries, bench, servers);
  await Promise.all([folio.stop(), postgraphile?.stop()]);
  return { runs, folioRss, latencies };
}

/** A Folio with its response cache on, against the raw reference: every request repeats one query. */
export async function cachedPhase(bench: Bench, queries: readonly BenchQuery[]): Promise<Phase> {
  const folio = await startFolio(bench.databaseUrl, CACHE_TTL_SECONDS);
  await checkSameAnswers(queries, bench.parameters, originsOf({ folio, raw: bench.raw }));
  const memory = sampleRss(folio.pid);
  const runs = await measureQueries(queries, bench, { folio, raw: bench.raw });
  const folioRss = await memory.stop();
  await folio.stop();
  return { runs, folioRss };
}

/** createPost on a Folio without a response cache, while `readQueries` load it. */
export async function writePhase(bench: Bench, readQueries: readonly BenchQuery[]): Promise<WritesUnderLoad> {
  const folio = await startFolio(bench.databaseUrl, 0);
  try {
    const result = await writesUnderLoad(folio.origin, bench.databaseUrl, bench.parameters, readQueries, bench.options);
    folio.assertRunning();
    log(`createPost under a read load: ${result.writes} posts, p50 ${result.p50} ms, p99 ${result.p99} ms`);
    return result;
  } finally {
    await folio.stop();
  }
}

/** Starts the raw reference, which every phase measures against. */
export function startRaw(databaseUrl: string): Promise<ServerProcess> {
  return startServer(contenderSpec('raw', databaseUrl));
}

/** Builds dist/main.mjs, the bundle that `npm start` runs, from the code as it is now. */
export async function buildFolio(): Promise<void> {
  await promisify(execFile)('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT });
}

function folioNodeArgs(): string[] {
  const [program, ...args] = FOLIO_START_COMMAND.split(' ');
  if (program !== 'node') throw new Error(`npm start runs "${FOLIO_START_COMMAND}"; the bench can only start a node command`);
  return args;
}

/** Folio as `npm start` runs it (after buildFolio). */
function startFolio(databaseUrl: string, cacheTtlSeconds: number): Promise<ServerProcess> {
  return startServer({
    name: cacheTtlSeconds ? 'Folio (response cache on)' : 'Folio',
    nodeArgs: folioNodeArgs(),
    env: {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      RESPONSE_CACHE_TTL: String(cacheTtlSeconds),
    },
    readyProbe: GRAPHQL_PROBE,
  });
}

function contenderSpec(kind: 'raw' | 'postgraphile', databaseUrl: string): ServerSpec {
  return {
    name: kind === 'raw' ? 'the raw reference' : 'PostGraphile',
    nodeArgs: ['--import', 'tsx', 'bench/contenders/serve.ts', kind],
    env: { DATABASE_URL: databaseUrl, NODE_ENV: 'production', POOL_SIZE: String(POOL_SIZE) },
    readyProbe: kind === 'raw' ? { path: '/posts', body: '{}' } : GRAPHQL_PROBE,
  };
}

/**
 * For each query: a warm-up of every server, then `rounds` rounds in which the servers take
 * turns in a fixed order.
 */
async function measureQueries(
  queries: readonly BenchQuery[],
  { parameters, options }: Bench,
  servers: Partial<Record<Contender, ServerProcess>>,
): Promise<QueryRun[]> {
  const contenders = Object.entries(servers) as [Contender, ServerProcess][];
  const runs: QueryRun[] = [];
  for (const query of queries) {
    const series: Record<string, Measurement[]> = {};
    const sources = new Map(contenders.map(([contender]) => [contender, requestSource(query, contender, parameters)]));
    for (const [contender, server] of contenders) {
      await measure(server.origin, sources.get(contender)!, { ...options, durationSeconds: warmupSeconds(options) });
      series[contender] = [];
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const [contender, server] of contenders) {
        const result = await measure(server.origin, sources.get(contender)!, options);
        server.assertRunning();
        series[contender]!.push(result);
        const request = query.request[contender](parameters);
        if (result.errors > 0) log(`${server.name} failed requests; one more answered: ${await answerOf(server, request)}`);
        log(
          `${query.label}, round ${round}/${options.rounds}, ${server.name}: ${Math.round(result.requestsPerSecond)} req/s, ` +
            `p50 ${result.p50} ms, p99 ${result.p99} ms${result.errors ? `, ${result.errors} errors` : ''}`,
        );
      }
    }
    runs.push({ name: query.name, label: query.label, series });
  }
  return runs;
}

/** Each query on each server, one request at a time, after the load (so every server is warm). */
async function measureLatencies(
  queries: readonly BenchQuery[],
  { parameters }: Bench,
  servers: Partial<Record<Contender, ServerProcess>>,
): Promise<Latencies> {
  const latencies: Latencies = [];
  for (const query of queries) {
    const byContender: Latencies[number]['byContender'] = {};
    for (const [contender, server] of Object.entries(servers) as [Contender, ServerProcess][]) {
      const result = await measure(server.origin, query.request[contender](parameters), { connections: 1, durationSeconds: LATENCY_SECONDS });
      byContender[contender] = result;
      log(`${query.label}, one request at a time, ${server.name}: p50 ${result.p50} ms, p99 ${result.p99} ms`);
    }
    latencies.push({ name: query.name, label: query.label, byContender });
  }
  return latencies;
}

/**
 * What a server is sent for a query throughout a phase: its one request, or for a query that
 * varies the next of its series, carried on from one measurement to the next so that no server
 * gets a request twice before it has had them all, and every server gets them in the same order.
 */
export function requestSource(query: BenchQuery, contender: Contender, parameters: BenchParameters): RequestSource {
  if (!query.varies) return query.request[contender](parameters);
  let sent = 0;
  return () => query.request[contender](parameters, sent++);
}

function originsOf(servers: Partial<Record<Contender, ServerProcess>>): Partial<Record<Contender, string>> {
  return Object.fromEntries(Object.entries(servers).map(([contender, server]) => [contender, server.origin]));
}

/** What the server answers to one request now, for the log when requests under load failed. */
async function answerOf(server: ServerProcess, request: BenchRequest): Promise<string> {
  try {
    return JSON.stringify(await send(server.origin, request)).slice(0, 300);
  } catch (error) {
    return (error as Error).message;
  }
}
