import type { Database } from '../../src/db/client.js';
import { ResponseCache, type ResponseCacheOptions } from '../../src/http/response-cache.js';
import { listen } from '../../src/http/server.js';
import { createFolioYoga } from '../../src/http/yoga.js';

export interface CachedServer {
  url: string;
  close(): Promise<void>;
}

/** A server over a test's database with a response cache as `npm start` builds one, logging where told. */
export async function serveWithCache(db: Database, options: Omit<ResponseCacheOptions, 'db'>): Promise<CachedServer> {
  const cache = new ResponseCache({ db, ...options });
  const yoga = createFolioYoga({ db, logger: options.logger, contentChanged: () => cache.contentChanged() });
  const server = await listen(yoga, 0, '127.0.0.1', { responseCache: cache });
  return {
    url: server.url,
    async close() {
      await server.close();
      await cache.close();
    },
  };
}
