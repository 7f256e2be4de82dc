import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { isConnectionFailure } from './connection-failure.js';
import { PrismaClient } from './generated/prisma/client.js';
import type { Sql } from './generated/prisma/internal/prismaNamespace.js';
import { DatabaseHealth } from './health.js';
import { preparedStatementName } from './prepared-statements.js';

export interface DatabaseOptions {
  /** Called with the text of every SQL statement sent to PostgreSQL, from Prisma or from `rows`. */
  onStatement?: (sql: string) => void;
  maxConnections?: number;
  /** Where to say that the database became unreachable, and reachable again. */
  logger?: Logger;
}

// A connection attempt gives up after this long, so that an unreachable database fails requests
// quickly instead of holding them (pg's default is to wait forever). It also bounds how long a
// request waits for a free connection from the pool.
const CONNECT_TIMEOUT_MS = 3_000;
// On close, a connection still in use this long after the pool was asked to end belongs to work
// no one waits for any more (a request cut off at the shutdown deadline): it is ended, not awaited.
const ABANDON_AFTER_MS = 1_000;
// How the server's connections are named in pg_stat_activity.
const APPLICATION_NAME = 'folio';

/**
 * One connection pool shared by two ways in: Prisma for writes and the records mutations answer
 * with, and `rows` for every read a query makes (lookups, listings, batched relations), where a
 * hand-written statement sent through `pg` costs a third of the same read through Prisma's
 * query engine. The statements live in db/queries/, their row shapes in db/queries/rows.ts.
 */
export class Database {
  readonly prisma: PrismaClient;
  /** Which database this is (host, port and name, without credentials). */
  readonly identity: string;
  readonly health: DatabaseHealth;
  private readonly pool: pg.Pool;
  private readonly databaseUrl: string;
  private readonly connections = new Set<pg.Client>();

  constructor(databaseUrl: string, options: DatabaseOptions = {}) {
    const url = new URL(databaseUrl);
    this.identity = `${url.hostname}:${url.port || 5432}${url.pathname}`;
    this.databaseUrl = databaseUrl;
    this.health = new DatabaseHealth(() => this.ping(), options.logger, this.identity);
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      application_name: APPLICATION_NAME,
      Client: options.onStatement ? recordingClient(options.onStatement) : pg.Client,
    });
    // An idle connection that the server closes (a restart, an administrator, a pooler's idle
    // timeout) is dropped from the pool and reported here; unheard, the report would crash the
    // process. It costs no request, but may mean the database went away.
    this.pool.on('error', (error) => {
      if (isConnectionFailure(error)) void this.health.connectionFailed();
    });
    this.pool.on('connect', (client) => this.connections.add(client));
    this.pool.on('remove', (client) => this.connections.delete(client));
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

  /**
   * Connects afresh and runs `SELECT 1`: whether the database answers, independent of how busy
   * the pool is.
   */
  async ping(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A server that accepts connections but never answers (frozen, or its host stalled) must
      // still fail the probe, or the outage would go unnoticed until it ended.
      query_timeout: CONNECT_TIMEOUT_MS,
      application_name: APPLICATION_NAME,
    });
    // A failure also rejects the calls below; unheard, the event would crash the process.
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      // Not awaited: closing politely waits for a server that may never answer.
      void client.end().catch(() => {});
    }
  }

  async close(): Promise<void> {
    this.health.stop();
    await this.prisma.$disconnect();
    const abandon = setTimeout(() => {
      for (const client of this.connections) void client.end().catch(() => {});
    }, ABANDON_AFTER_MS);
    try {
      await this.pool.end();
    } finally {
      clearTimeout(abandon);
    }
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
