// Where the database is: DATABASE_URL when set, otherwise the embedded PostgreSQL server
// in the project's .data folder, shared by every Folio process that needs it.
import type { Config } from '../config.js';
import { openEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseLocation {
  url: string;
  embedded: boolean;
  /**
   * Call once this process is done with the database (on shutdown, after closing its
   * connection pools). For the embedded server it stops the server unless another Folio
   * process is still using it; for DATABASE_URL it does nothing.
   */
  release(): Promise<void>;
}

/**
 * DATABASE_URL if set. Otherwise the embedded server: its data in `embeddedDataDir`, started
 * on `embeddedPort` unless already running, with a database named `folio`.
 */
export async function resolveDatabase(
  config: Pick<Config, 'databaseUrl' | 'embeddedDataDir' | 'embeddedPort' | 'logLevel'>,
  options: { log?: (message: string) => void } = {},
): Promise<DatabaseLocation> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, release: async () => {} };
  const server = await openEmbeddedPostgres({
    dataDir: config.embeddedDataDir,
    port: config.embeddedPort,
    database: 'folio',
    log: options.log,
    verbose: config.logLevel === 'debug' || config.logLevel === 'trace',
  });
  return { url: server.url, embedded: true, release: () => server.release() };
}
