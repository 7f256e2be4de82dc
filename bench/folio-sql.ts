// Folio's SQL seen from inside: Folio's own Database and Yoga in this process, against the bench
// database, to count the statements one request sends and to show how PostgreSQL plans them.
import pg from 'pg';
import { Database } from '../src/db/client.js';
import { createFolioYoga, type FolioYoga } from '../src/http/yoga.js';
import { createLogger } from '../src/logger.js';
import { type BenchParameters, type BenchQuery, type BenchRequest, type QueryName, send } from './queries.js';

interface SentStatement {
  text: string;
  values: unknown[];
  /** Sent as a named (prepared) statement, which PostgreSQL may come to run with a generic plan. */
  prepared: boolean;
}

export interface SearchPlan {
  query: QueryName;
  statement: string;
  plan: string;
  indexes: string[];
}

/**
 * How many statements Folio sends for each query, and the plans of the statements it sends
 * for Q4 that read the search index.
 */
export async function inspectFolioSql(
  databaseUrl: string,
  queries: readonly BenchQuery[],
  parameters: BenchParameters,
): Promise<{ statements: Partial<Record<QueryName, number>>; searchPlans: SearchPlan[] }> {
  const folio = FolioInProcess.open(databaseUrl);
  const statements: Partial<Record<QueryName, number>> = {};
  const searchStatements: { query: QueryName; statement: SentStatement }[] = [];
  try {
    for (const query of queries) {
      const sent = await folio.statementsOf(query.request.folio(parameters));
      statements[query.name] = sent.length;
      if (query.name.startsWith('q4')) {
        for (const statement of sent.filter((s) => s.text.includes('search_vector'))) searchStatements.push({ query: query.name, statement });
      }
    }
  } finally {
    await folio.close();
  }
  const searchPlans: SearchPlan[] = [];
  for (const { query, statement } of searchStatements) {
    const plan = await explainAsSent(databaseUrl, statement);
    searchPlans.push({ query, statement: statement.text, plan, indexes: indexesIn(plan) });
  }
  return { statements, searchPlans };
}

class FolioInProcess {
  private constructor(
    private readonly db: Database,
    private readonly yoga: FolioYoga,
  ) {}

  static open(databaseUrl: string): FolioInProcess {
    const db = new Database(databaseUrl, { maxConnections: 2 });
    return new FolioInProcess(db, createFolioYoga({ db, logger: createLogger('silent') }));
  }

  /** The statements one request sends once its statements are prepared and its code is warm. */
  async statementsOf(request: BenchRequest): Promise<SentStatement[]> {
    await this.answer(request);
    return recordStatements(() => this.answer(request));
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async answer(request: BenchRequest): Promise<unknown> {
    return send('http://folio.bench', request, async (url, init) => this.yoga.fetch(url, init));
  }
}

/**
 * Records the text and values of every statement sent through `pg` while `run` runs. Folio's
 * `onStatement` hook reports the text only, and EXPLAIN needs the values too, so this wraps
 * pg's Client.query, which Prisma's adapter and Folio's own SQL both go through.
 */
async function recordStatements(run: () => Promise<unknown>): Promise<SentStatement[]> {
  const statements: SentStatement[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    const valuesArgument = Array.isArray(second) ? second : [];
    if (typeof first === 'string') statements.push({ text: first, values: valuesArgument, prepared: false });
    else if (first && typeof first === 'object' && 'text' in first) {
      const config = first as { text: string; values?: unknown[]; name?: string };
      statements.push({ text: config.text, values: config.values ?? valuesArgument, prepared: Boolean(config.name) });
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = query;
  }
  return statements;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a statement as Folio runs it under load. A prepared one is first
 * executed 5 times, after which PostgreSQL settles on a generic or a custom plan; an unprepared
 * one is planned for its values every time.
 */
async function explainAsSent(databaseUrl: string, statement: SentStatement): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let explained: { text: string; values: unknown[] } = { text: statement.text, values: statement.values };
    if (statement.prepared) {
      const name = 'bench_explained';
      for (let i = 0; i < 5; i++) await client.query({ name, text: statement.text, values: statement.values });
      const literals = statement.values.map((value) => client.escapeLiteral(literalText(value)));
      explained = { text: `EXECUTE ${name}(${literals.join(', ')})`, values: [] };
    }
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${explained.text}`, explained.values);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}

/** The indexes a plan reads, by name. */
function indexesIn(plan: string): string[] {
  const names = [...plan.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\S+)/g)];
  return [...new Set(names.map((match) => match[1]!))];
}

function literalText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new Error(`Cannot write ${JSON.stringify(value)} as an SQL literal for EXPLAIN`);
}
