// What the fault tests share: a PostgreSQL server of the test's own, which it may stop, start
// and kill connections on without disturbing anyone else; a Folio server in this process that
// logs into an array; and a bounded load of requests whose every outcome is recorded.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { Database } from '../../src/db/client.js';
import { openEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { migrate } from '../../src/db/migrate.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createFolioYoga } from '../../src/http/yoga.js';
import { freePort, makeScratchDir, onServer } from '../support/test-server.js';

export class OwnPostgres {
  private constructor(
    private server: EmbeddedPostgres,
    private readonly scratchDir: string,
    private readonly port: number,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const scratchDir = await makeScratchDir('folio-faults-');
    const port = await freePort();
    const own = new OwnPostgres(await openServer(scratchDir, port), scratchDir, port);
    await migrate(own.url);
    return own;
  }

  get url(): string {
    return this.server.url;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** Starts it again on the same port, as after a restart. */
  async restart(): Promise<void> {
    this.server = await openServer(this.scratchDir, this.port);
  }

  /** Freezes the server and every backend (SIGSTOP): it accepts connections but answers nothing. */
  async freeze(): Promise<void> {
    await this.signalAll('SIGSTOP');
  }

  async thaw(): Promise<void> {
    await this.signalAll('SIGCONT');
  }

  private async signalAll(signal: NodeJS.Signals): Promise<void> {
    const postmaster = Number((await readFile(join(this.scratchDir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const children = await new Promise<string>((resolve) => execFile('pgrep', ['-P', String(postmaster)], (_error, stdout) => resolve(stdout)));
    for (const pid of [postmaster, ...children.split('\n').filter(Boolean).map(Number)]) process.kill(pid, signal);
  }

  /** Runs one statement as an administrator, on a connection of its own. */
  sql<Row = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<Row[]> {
    return onServer(this.url, async (client) => (await client.query(text, values)).rows as Row[]);
  }

  async close(): Promise<void> {
    await this.server.stop().catch(() => {});
    await rm(this.scratchDir, { recursive: true, force: true });
  }
}

function openServer(scratchDir: string, port: number): Promise<EmbeddedPostgres> {
  return openEmbeddedPostgres({ dataDir: join(scratchDir, 'data'), port, database: 'folio', durable: false });
}

/** A Folio server in this process over `databaseUrl`, its log lines kept in `log`. */
export class InProcessFolio {
  private constructor(
    readonly log: string[],
    readonly db: Database,
    private readonly server: RunningServer,
  ) {}

  static async start(databaseUrl: string): Promise<InProcessFolio> {
    const log: string[] = [];
    const logger = pino({ level: 'debug', base: undefined }, { write: (line: string) => void log.push(line) });
    const db = new Database(databaseUrl, { logger });
    const server = await listen(createFolioYoga({ db, logger }), 0, '127.0.0.1', { db });
    return new InProcessFolio(log, db, server);
  }

  get url(): string {
    return this.server.url;
  }

  /** Log lines at `level` or above (pino's numbers: 40 warn, 50 error). */
  linesFrom(start: number, level = 30): Record<string, unknown>[] {
    return this.log
      .slice(start)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => Number(entry.level) >= level);
  }

  async stop(): Promise<void> {
    await this.server.close();
    await this.db.close();
  }
}

export interface Outcome {
  startedAt: number;
  ms: number;
  status: number | 'no answer';
  code?: string;
  requestId?: string;
  body?: unknown;
}

/** Sends one GraphQL query and records what came back; a broken connection is an outcome too. */
export async function ask(url: string, query: string, headers: Record<string, string> = {}): Promise<Outcome> {
  const startedAt = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string; requestId?: string } }[] };
    const error = body.errors?.[0]?.extensions;
    return { startedAt, ms: Date.now() - startedAt, status: response.status, code: error?.code, requestId: error?.requestId, body };
  } catch (error) {
    return { startedAt, ms: Date.now() - startedAt, status: 'no answer', body: String(error) };
  }
}

export const READ_QUERY = '{ posts(first: 5) { totalCount edges { node { slug title } } } }';

/**
 * Keeps `concurrency` clients asking `READ_QUERY` one request after another until `stop()` is
 * called, at most `maxRequests` in all.
 */
export function load(url: string, { concurrency = 4, maxRequests = 2_000, pauseMs = 10 } = {}) {
  const outcomes: Outcome[] = [];
  let running = true;
  const client = async () => {
    while (running && outcomes.length < maxRequests) {
      outcomes.push(await ask(url, READ_QUERY));
      await sleep(pauseMs);
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    outcomes,
    async stop(): Promise<Outcome[]> {
      running = false;
      await Promise.all(clients);
      return outcomes;
    },
  };
}

/** Polls `condition` until it holds; fails after `timeoutMs`. Returns how long it took. */
export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`Gave up after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
  return Date.now() - start;
}
