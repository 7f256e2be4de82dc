import { createToken } from '../../src/auth/tokens.js';
import { Database } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { ResponseCache } from '../../src/http/response-cache.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createFolioYoga, type FolioYoga } from '../../src/http/yoga.js';
import type { MediaLibrary } from '../../src/media/library.js';
import { createTestDatabase } from './database.js';

export interface GraphQLResponse<Data = Record<string, any>> {
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

interface AppOptions {
  responseCache?: CacheSettings;
  /** Where the app serves GraphiQL's bundle from. */
  graphiqlAssetsDir?: string;
  /** Where uploads go; by default the folder MEDIA_DIR names. */
  media?: MediaLibrary;
}

interface CacheSettings {
  ttlSeconds: number;
  redisUrl?: string;
}

/**
 * A Folio API over a fresh database of its own, answered in-process through Yoga's fetch.
 * `statements` records every SQL statement sent, for tests that count them.
 */
export class TestApp {
  readonly statements: string[] = [];
  readonly db: Database;
  readonly yoga: FolioYoga;

  readonly responseCache: ResponseCache | undefined;
  readonly media: MediaLibrary | undefined;

  private constructor(
    readonly url: string,
    private readonly dropDatabase: () => Promise<void>,
    { responseCache: cache, graphiqlAssetsDir, media }: AppOptions,
  ) {
    this.db = new Database(url, { onStatement: (sql) => this.statements.push(sql) });
    const logger = createLogger('silent');
    const responseCache = cache && new ResponseCache({ db: this.db, logger, ttlSeconds: cache.ttlSeconds, redisUrl: cache.redisUrl ?? null });
    this.responseCache = responseCache;
    this.media = media;
    this.yoga = createFolioYoga({
      db: this.db,
      logger,
      contentChanged: async () => responseCache?.contentChanged(),
      graphiqlAssetsDir,
      media,
    });
  }

  /** A fresh database; with `responseCache`, its server (see `listen`) caches as in production. */
  static async start(options: AppOptions = {}): Promise<TestApp> {
    const database = await createTestDatabase();
    return new TestApp(database.url, database.drop, options);
  }

  async query<Data = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<Data>> {
    const response = await this.yoga.fetch('http://folio.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<Data>;
  }

  /** Like `query`, but fails the test when the response has errors. */
  async data<Data = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<Data> {
    const result = await this.query<Data>(query, variables, headers);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
    return result.data as Data;
  }

  /** Serves the API over a real socket on 127.0.0.1, with the response cache if the app has one. */
  listen(): Promise<RunningServer> {
    return listen(this.yoga, 0, '127.0.0.1', { responseCache: this.responseCache, db: this.db, media: this.media });
  }

  /** Headers that authenticate as the holder of a new API token. */
  async authorHeaders(name = `author-${Math.random().toString(36).slice(2)}`): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await createToken(this.db, name)}` };
  }

  /** Counts the statements one operation sends. */
  async countStatements(run: () => Promise<unknown>): Promise<{ count: number; statements: string[] }> {
    const start = this.statements.length;
    await run();
    const statements = this.statements.slice(start);
    return { count: statements.length, statements };
  }

  async stop(): Promise<void> {
    await this.responseCache?.close();
    await this.db.close();
    await this.dropDatabase();
  }
}
