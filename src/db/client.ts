import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.js';
import type { Sql } from './generated/prisma/internal/prismaNamespace.js';
import { preparedStatementName } from './prepared-statements.js';

export interface DatabaseOptions {
  /** Called with the text of every SQL statement sent to PostgreSQL, from Prisma or from `rows`. */
  onStatement?: (sql: string) => void;
  maxConnections?: number;
}

/**
 * One connection pool shared by two ways in: Prisma for writes and single-record lookups, and
 * `rows` for the hot read paths (listings, batched relations), where a hand-written statement
 * sent through `pg` costs a third of the same read through Prisma's query engine.
 */
export class Database {
  readonly prisma: PrismaClient;
  /** Which database this is (host, port and name, without credentials). */
  readonly identity: string;
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string, options: DatabaseOptions = {}) {
    const url = new URL(databaseUrl);
    this.identity = `${url.hostname}:${url.port || 5432}${url.pathname}`;
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: options.maxConnections ?? 10,
      Client: options.onStatement ? recordingClient(options.onStatement) : pg.Client,
    });
    // The server may close an idle connection (a restart, an administrator); the pool drops it
    // and opens another for the next query. Unheard, the pool's error would end the process.
    this.pool.on('error', () => {});
    const adapter = new PrismaPg(this.pool, { statementNameGenerator: (query) => preparedStatementName(query.sql) });
    this.prisma = new PrismaClient({ adapter });
  }

  /**
   * Runs one statement built with `Prisma.sql`, as a prepared statement unless `prepare` is
   * false: PostgreSQL may settle on one generic plan for a prepared statement, which suits most
   * statements but not those whose best plan depends on the values (a search is narrow or broad).
   */
  async rows<Row>(statement: Sql, { prepare = true } = {}): Promise<Row[]> {
    const result = await this.pool.query({
      ...(prepare ? { name: preparedStatementName(statement.text) } : {}),
      text: statement.text,
      values: statement.values,
    });
    return result.rows as Row[];
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
    await this.pool.end();
  }
}

function recordingClient(onStatement: (sql: string) => void): typeof pg.Client {
  return class RecordingClient extends pg.Client {
    // pg's overloads make a precise override signature unwieldy; the arguments pass through as given.
    override query(...args: unknown[]): never {
      const [first] = args;
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
      if (text) onStatement(text);
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}
