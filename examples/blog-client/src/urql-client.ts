import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';

/**
 * An urql client with the normalised cache (graphcache). Every Folio type has an `id` except
 * `Heading`, which belongs to its post: `keys` says so, and graphcache keeps it embedded
 * instead of warning that it cannot key it. `relayPagination` merges the pages of each
 * connection, so paging on with `after` grows one list.
 */
export function createFolioClient(url: string): Client {
  return new Client({
    url,
    exchanges: [
      cacheExchange({
        keys: { Heading: () => null },
        resolvers: {
          Query: { posts: relayPagination() },
          Tag: { posts: relayPagination() },
          ArchiveMonth: { posts: relayPagination() },
        },
      }),
      fetchExchange,
    ],
  });
}
