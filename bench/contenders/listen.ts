import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

export interface ListeningServer {
  /** The origin, e.g. http://127.0.0.1:4100. */
  origin: string;
  close(): Promise<void>;
}

export interface ContenderOptions {
  databaseUrl: string;
  /** 0 for any free port. */
  port: number;
  host: string;
  maxConnections: number;
}

/** What a contender serves over its pool, and what it must let go of before the pool ends. */
export interface PoolHandler {
  listener: RequestListener;
  release?: () => Promise<void>;
}

/** Serves a handler over a connection pool of its own; closing stops the server, the handler, then the pool. */
export async function servePool(options: ContenderOptions, handle: (pool: pg.Pool) => PoolHandler): Promise<ListeningServer> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.maxConnections });
  const { listener, release } = handle(pool);
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${options.host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await release?.();
      await pool.end();
    },
  };
}
