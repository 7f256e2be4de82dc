/**
 * An answer to a GET that is not GraphQL (a feed, the sitemap, robots.txt), made from the
 * database. The HTTP server sends it through the response cache with the same caching headers
 * as a query's answer: `keys` (see cache-keys.ts) name what it holds, for purging.
 */
export interface RouteAnswer {
  status: number;
  contentType: string;
  body: string;
  keys: readonly string[];
}

/** Answers the paths it knows; null for any other path. */
export type Route = (path: string) => Promise<RouteAnswer | null>;
