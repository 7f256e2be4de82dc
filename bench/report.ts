// Turns a run's measurements into the results: medians, ratios, the targets, and the Markdown
// of bench/RESULTS.md.
import { readFileSync } from 'node:fs';
import type { SearchPlan } from './folio-sql.js';
import type { LoadShape, Measurement } from './load.js';
import type { DataFacts } from './parameters.js';
import { FOLIO_START_COMMAND, type Latencies } from './phases.js';
import type { RssReadings } from './processes.js';
import type { BenchParameters, Contender, QueryName } from './queries.js';
import { DISTINCT_BODIES } from './synthetic/body-pool.js';
import type { WritesUnderLoad } from './writes.js';

/** One query's measurements, each series holding one measurement per round. */
export interface QueryRun {
  name: QueryName;
  label: string;
  series: Record<string, Measurement[]>;
}

export interface RunReport {
  date: Date;
  command: string;
  elapsedSeconds: number;
  dataSeconds: number;
  dataGenerated: boolean;
  machine: { cpu: string; cores: number; memoryBytes: number; kernel: string };
  versions: Record<string, string>;
  postgraphileOptions: string;
  load: LoadShape & { posts: number; rounds: number; warmupSeconds: number; poolSize: number; contenders: readonly Contender[] };
  facts: DataFacts;
  parameters: BenchParameters;
  /** Response cache off: series folio, raw, postgraphile. */
  uncached: QueryRun[];
  /** Response cache off, one request at a time. */
  latencies: Latencies;
  /** Response cache on: series folio, raw. */
  cached: QueryRun[];
  /** createPost under a read load, when measured. */
  writes: WritesUnderLoad | null;
  cacheTtlSeconds: number;
  statements: Partial<Record<QueryName, number>>;
  folioRss: { uncached: RssReadings; cached: RssReadings | null };
  searchPlans: SearchPlan[];
}

interface Target {
  what: string;
  measured: string;
  pass: boolean;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const medianOf = (run: QueryRun, series: string, metric: keyof Measurement) => median(run.series[series]!.map((m) => m[metric]));

/**
 * Throughput of `series` over `reference`, round by round (the two ran back to back, so drift
 * between rounds cancels), then the median of those ratios.
 */
function throughputRatio(run: QueryRun, series: string, reference: string): number {
  const ours = run.series[series]!;
  const theirs = run.series[reference]!;
  return median(ours.map((m, round) => m.requestsPerSecond / theirs[round]!.requestsPerSecond));
}

// A run of this many posts or more is held to the large-dataset targets.
const LARGE_DATASET = 1_000_000;

function targets(report: RunReport): Target[] {
  const results: Target[] = [];
  const uncached = new Map(report.uncached.map((run) => [run.name, run]));
  const large = report.load.posts >= LARGE_DATASET;
  const alone = (name: QueryName) => report.latencies.find((latency) => latency.name === name)?.byContender.folio;
  for (const [name, share] of [['q1', 0.5], ['q2', 0.5], ['q5', 0.7]] as const) {
    const run = uncached.get(name);
    if (!run) continue;
    const toRaw = throughputRatio(run, 'folio', 'raw');
    results.push({ what: `${run.label}: throughput ≥ ${share}× raw`, measured: `${toRaw.toFixed(2)}×`, pass: toRaw >= share });
    if (!run.series.postgraphile) continue;
    const toPeer = throughputRatio(run, 'folio', 'postgraphile');
    results.push({ what: `${run.label}: throughput ≥ 1.3× PostGraphile`, measured: `${toPeer.toFixed(2)}×`, pass: toPeer >= 1.3 });
  }
  const q1 = uncached.get('q1');
  const q3 = uncached.get('q3');
  if (q1 && q3) {
    const ratio = medianOf(q3, 'folio', 'p50') / medianOf(q1, 'folio', 'p50');
    results.push({ what: 'Q3 deep page: p50 within 1.5× of Q1', measured: `${ratio.toFixed(2)}×`, pass: ratio <= 1.5 });
  }
  const q5 = uncached.get('q5');
  const q5Alone = alone('q5');
  if (q5 && q5Alone && !large) {
    results.push({ what: `${q5.label} by itself: p50 ≤ 5 ms`, measured: `${q5Alone.p50} ms`, pass: q5Alone.p50 <= 5 });
    const rate = Math.round(medianOf(q5, 'folio', 'requestsPerSecond'));
    results.push({ what: `${q5.label} under load: ≥ 300 req/s`, measured: `${rate} req/s`, pass: rate >= 300 });
  }
  if (large) {
    for (const name of ['q1', 'q2', 'q3', 'q5'] as const) {
      const latency = alone(name);
      const run = uncached.get(name);
      if (run && latency) results.push({ what: `${run.label} by itself: p50 ≤ 10 ms`, measured: `${latency.p50} ms`, pass: latency.p50 <= 10 });
    }
  }
  for (const name of ['q4-zh', 'q4-en'] as const) {
    const run = uncached.get(name);
    if (!run) continue;
    // A request's latency is what it takes with the server to itself; under full load every
    // request also waits for the others (see the load table's p50).
    const latency = alone(name);
    if (latency) results.push({ what: `${run.label}: p50 under 50 ms`, measured: `${latency.p50} ms`, pass: latency.p50 < 50 });
    const plans = report.searchPlans.filter((plan) => plan.query === name);
    const indexed = plans.length > 0 && plans.every((plan) => plan.indexes.length > 0);
    const used = [...new Set(plans.flatMap((plan) => plan.indexes))].join(', ') || 'none';
    results.push({ what: `${run.label}: every search statement's plan reads an index`, measured: used, pass: indexed });
  }
  const q1Statements = report.statements.q1;
  if (q1Statements !== undefined) {
    results.push({ what: 'Q1: at most 3 SQL statements per request', measured: String(q1Statements), pass: q1Statements <= 3 });
  }
  const peak = report.folioRss.uncached.largest;
  results.push({ what: 'Folio peak RSS under load ≤ 250 MB', measured: megabytes(peak), pass: peak <= 250 * 1e6 });
  for (const run of report.cached) {
    // The crawl is the cache's worst case: nothing repeats, so it must cost little over no cache.
    const [share, what] = run.name === 'q6' ? [0.7, '0.7× raw'] : [3, '3× raw'];
    const ratio = throughputRatio(run, 'folio', 'raw');
    results.push({ what: `${run.label}, response cache on: throughput ≥ ${what}`, measured: `${ratio.toFixed(2)}×`, pass: ratio >= share });
  }
  if (report.writes) {
    const { p50 } = report.writes;
    results.push({ what: 'createPost under a read load: p50 ≤ 50 ms', measured: `${p50} ms`, pass: p50 <= 50 });
  }
  return results;
}

export function renderMarkdown(report: RunReport): string {
  const { machine, load, facts, parameters } = report;
  const withPostGraphile = load.contenders.includes('postgraphile');
  const lines = [
    '# Benchmark results',
    '',
    `Run on ${report.date.toISOString()} with:`,
    '',
    '```sh',
    report.command,
    '```',
    '',
    `The run took ${duration(report.elapsedSeconds)}, of which ${duration(report.dataSeconds)} went to ` +
      `${report.dataGenerated ? 'generating' : 'checking'} the data.`,
    '',
    '## Machine and versions',
    '',
    `- ${machine.cpu}, ${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB memory, Linux ${machine.kernel}`,
    ...Object.entries(report.versions).map(([name, version]) => `- ${name}: ${version}`),
    '',
    '## Data',
    '',
    `- ${facts.visiblePosts.toLocaleString('en')} visible posts, ${facts.tags} tags, ${facts.postTags.toLocaleString('en')} post-tag links.`,
    `- Q2 tag: \`${parameters.popularTag}\`, the most used (${facts.popularTagPosts.toLocaleString('en')} posts).`,
    `- Q3 page: the 20 posts after the ${parameters.deepPage.position.toLocaleString('en')}th newest ` +
      `(publishedAt ${parameters.deepPage.publishedAt.toISOString()}, id ${parameters.deepPage.id}).`,
    `- Q4 searches: "${parameters.searches.zh.text}" (tsquery \`${parameters.searches.zh.tsquery}\`, ${facts.searchMatches.zh} posts) ` +
      `and "${parameters.searches.en.text}" (tsquery \`${parameters.searches.en.tsquery}\`, ${facts.searchMatches.en} posts).`,
    `- Q5 post: \`${parameters.postSlug}\`, the second newest post with the Q2 tag and at least three tags.`,
    ...(load.posts > DISTINCT_BODIES
      ? [
          `- Bodies: ${DISTINCT_BODIES.toLocaleString('en')} distinct; each later post has the Markdown (and so the HTML) of ` +
            `post (id − 1) mod ${DISTINCT_BODIES.toLocaleString('en')} + 1, with a title, summary and tags of its own ` +
            '(bench/synthetic/body-pool.ts): search words keep their share of posts.',
        ]
      : []),
    '',
    '## Method',
    '',
    `- Servers on 127.0.0.1 over the same database: Folio as \`npm start\` runs it (\`npm run build\`, then ` +
      `\`${FOLIO_START_COMMAND}\`, NODE_ENV=production, ` +
      `LOG_LEVEL=warn), the raw reference (one SQL statement per query, PostgreSQL builds the JSON)` +
      (withPostGraphile
        ? ` and PostGraphile ${report.versions.postgraphile ?? ''} with pg-many-to-many`
        : ', and no PostGraphile in this run (`--contenders folio,raw`)') +
      `; each with a pool of ${load.poolSize} connections.`,
    ...(withPostGraphile
      ? [
          `- PostGraphile runs as a library with \`${report.postgraphileOptions}\`, the plugins ` +
            '@graphile-contrib/pg-many-to-many and smart tags (api_tokens and _prisma_migrations hidden, tags.slug unique), ' +
            'and the STABLE SQL functions of bench/contenders/postgraphile.sql for visibility, orderings (`@sortable`, so ' +
            'pages use keyset cursors), previous, next and related posts.',
        ]
      : []),
    '- All servers answered every query with the same data (checked once per run, after normalising their shapes).',
    `- Load: autocannon, ${load.connections} connections, ${load.durationSeconds} s per measurement, after ` +
      `${load.warmupSeconds} s of warm-up per server and query. For each query the servers take turns ` +
      `(Folio, raw${withPostGraphile ? ', PostGraphile' : ''}, Folio, ...) for ${load.rounds} round${load.rounds === 1 ? '' : 's'}, so drift over time touches all alike.`,
    '- Each number is the median of the rounds; a ratio is the median of the per-round ratios. Absolute numbers ' +
      'drift from run to run on a shared machine; the ratios are what the turns make comparable.',
    `- The load tables' latency is measured at saturation: with ${load.connections} connections, a server answering R ` +
      `requests/s has a p50 near ${load.connections}/R seconds. The latency of a request by itself is measured apart, ` +
      'with one connection, and is what the Q4 target reads.',
    `- The response-cache table runs a second Folio with RESPONSE_CACHE_TTL=${report.cacheTtlSeconds} (in-memory cache), ` +
      'taking turns with the raw reference the same way; its requests repeat one query, so all but the first hit the cache, ' +
      `except Q6's: each asks for the next post page of ${parameters.crawlSlugs.length.toLocaleString('en')} visible posts ` +
      'in a fixed shuffled order, as a crawler or a static site build would, every server getting the same sequence from ' +
      'its start (carried on from warm-up to round to round, and starting over only after the last).',
    '- SQL statements: each query sent once more, after a warm-up, to Folio running in the harness process, counting ' +
      'what reaches `pg`. Peak RSS: the largest VmRSS of the Folio process, read from /proc every 250 ms while it was measured.',
    '',
    '## Response cache off',
    '',
    ...uncachedTable(report.uncached),
    '',
    '## One request at a time',
    '',
    `Each query on each server with one connection for a few seconds, after the load: what a request takes when it ` +
      'does not queue behind others.',
    '',
    ...latencyTable(report.latencies),
    '',
    '## Response cache on',
    '',
    ...cachedTable(report.cached),
    '',
    '## createPost under a read load',
    '',
    ...writesSection(report.writes),
    '',
    '## Targets',
    '',
    '| Target | Measured | Result |',
    '|---|---|---|',
    ...targets(report).map((t) => `| ${t.what} | ${t.measured} | ${t.pass ? 'PASS' : '**MISS**'} |`),
    '',
    MISSES_EXPLAINED.trim(),
    '',
    '## SQL statements per request (Folio)',
    '',
    '| Query | Statements |',
    '|---|---|',
    ...report.uncached.map((run) => `| ${run.label} | ${report.statements[run.name] ?? '—'} |`),
    '',
    '## Peak RSS (Folio)',
    '',
    `- Response cache off: ${rss(report.folioRss.uncached)}`,
    ...(report.folioRss.cached === null ? [] : [`- Response cache on: ${rss(report.folioRss.cached)}`]),
    '',
    '## How PostgreSQL runs Folio\'s search statements',
    '',
    'EXPLAIN (ANALYZE, BUFFERS) of each statement Folio sends for Q4 that reads the search index, with the values it ' +
      'sent, run as Folio runs it: a prepared statement after 5 executions (so PostgreSQL has chosen its generic or ' +
      'custom plan), an unprepared one as it is.',
    ...report.searchPlans.flatMap((plan) => [
      '',
      `### ${labelOf(report, plan.query)}: indexes ${plan.indexes.join(', ') || 'none'}`,
      '',
      '```sql',
      plan.statement.trim(),
      '```',
      '',
      '```',
      plan.plan,
      '```',
    ]),
    '',
  ];
  return lines.join('\n');
}

// What bounds the targets that runs miss, with the measurements that show it: written by hand
// in bench/MISSES.md and carried into every RESULTS.md.
const MISSES_EXPLAINED = readFileSync(new URL('./MISSES.md', import.meta.url), 'utf8');

/** The headline numbers, for the terminal. */
export function renderSummary(report: RunReport): string {
  return [
    '',
    ...uncachedTable(report.uncached),
    '',
    ...cachedTable(report.cached),
    '',
    ...writesSection(report.writes),
    '',
    ...targets(report).map((t) => `${t.pass ? 'PASS' : 'MISS'}  ${t.what}: ${t.measured}`),
    '',
  ].join('\n');
}

function latencyTable(latencies: Latencies): string[] {
  const cell = (m: Measurement | undefined) => (m ? `${round(m.p50)} / ${round(m.p99)}` : '—');
  return [
    '| Query | Folio p50 / p99 ms | raw p50 / p99 ms | PostGraphile p50 / p99 ms |',
    '|---|---:|---:|---:|',
    ...latencies.map(({ label, byContender: c }) => `| ${label} | ${cell(c.folio)} | ${cell(c.raw)} | ${cell(c.postgraphile)} |`),
  ];
}

function writesSection(writes: WritesUnderLoad | null): string[] {
  if (writes === null) return ['(not measured in this run)'];
  const { reads } = writes;
  return [
    `${writes.writes} createPost mutations, one at a time with an admin token, each a published post with the Q5 ` +
      `post's Markdown and the Q2 tag, while ${writes.readLoad.join(' and ')} (in turn on each connection) loaded the same ` +
      `Folio (response cache off). Before the read load, ${writes.alone.writes} more were sent with nothing else running: ` +
      `what a write costs by itself. Removed afterwards, with their outbox rows.`,
    '',
    '| createPost p50 / p99 ms by itself | createPost p50 / p99 ms under the reads | reads meanwhile req/s | reads p50 / p99 ms | read errors |',
    '|---:|---:|---:|---:|---:|',
    `| ${writes.alone.p50} / ${writes.alone.p99} | ${writes.p50} / ${writes.p99} | ${Math.round(reads.requestsPerSecond)} | ${round(reads.p50)} / ${round(reads.p99)} | ${reads.errors} |`,
  ];
}

function uncachedTable(runs: QueryRun[]): string[] {
  const header = [
    '| Query | Folio req/s | raw req/s | PostGraphile req/s | Folio/raw | Folio/PostGraphile |' +
      ' p50 ms F / R / P | p99 ms F / R / P | errors F / R / P |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  return [
    ...header,
    ...runs.map((run) => {
      // PostGraphile's cells read — in a run without it.
      const measured = (series: string) => run.series[series] !== undefined;
      const rps = (series: string) => (measured(series) ? String(Math.round(medianOf(run, series, 'requestsPerSecond'))) : '—');
      const trio = (metric: keyof Measurement) =>
        ['folio', 'raw', 'postgraphile'].map((series) => (measured(series) ? round(medianOf(run, series, metric)) : '—')).join(' / ');
      const errors = ['folio', 'raw', 'postgraphile']
        .map((series) => (measured(series) ? sum(run.series[series]!.map((m) => m.errors)) : '—'))
        .join(' / ');
      const toPeer = measured('postgraphile') ? throughputRatio(run, 'folio', 'postgraphile').toFixed(2) : '—';
      return (
        `| ${run.label} | ${rps('folio')} | ${rps('raw')} | ${rps('postgraphile')} | ` +
        `${throughputRatio(run, 'folio', 'raw').toFixed(2)} | ${toPeer} | ` +
        `${trio('p50')} | ${trio('p99')} | ${errors} |`
      );
    }),
  ];
}

function cachedTable(runs: QueryRun[]): string[] {
  if (runs.length === 0) return ['(not measured in this run)'];
  return [
    '| Query | Folio (cached) req/s | raw req/s | Folio/raw | p50 ms F / R | p99 ms F / R | errors F / R |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...runs.map((run) => {
      const pair = (metric: keyof Measurement) => ['folio', 'raw'].map((series) => round(medianOf(run, series, metric))).join(' / ');
      const errors = ['folio', 'raw'].map((series) => sum(run.series[series]!.map((m) => m.errors))).join(' / ');
      return (
        `| ${run.label} | ${Math.round(medianOf(run, 'folio', 'requestsPerSecond'))} | ` +
        `${Math.round(medianOf(run, 'raw', 'requestsPerSecond'))} | ${throughputRatio(run, 'folio', 'raw').toFixed(2)} | ` +
        `${pair('p50')} | ${pair('p99')} | ${errors} |`
      );
    }),
  ];
}

const labelOf = (report: RunReport, name: QueryName) => report.uncached.find((run) => run.name === name)?.label ?? name;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const round = (value: number) => (value >= 10 ? Math.round(value) : Math.round(value * 10) / 10);
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const rss = (readings: RssReadings) => `${megabytes(readings.largest)} at most (${megabytes(readings.first)} before the load began)`;
const duration = (seconds: number) =>
  seconds < 60 ? `${Math.round(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
