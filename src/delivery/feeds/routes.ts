import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { countSitemapEntries, sitemapEntries } from '../../db/queries/sitemap.js';
import { anonymousVisibility } from '../../db/queries/visibility.js';
import { LIST_KEYS } from '../cache-keys.js';
import { frontendPath } from '../frontend-paths.js';
import type { Route, RouteAnswer } from '../route-answer.js';
import { type FeedScope, readFeed } from './feed-content.js';
import { FEED_CONTENT_TYPES, feedDocument, type FeedFormat } from './feed-documents.js';
import { SITEMAP_PAGE_LIMIT, sitemapDocument, sitemapIndexDocument } from './sitemap-documents.js';

export interface FeedRoutesOptions {
  db: Database;
  config: Pick<Config, 'siteUrl' | 'mediaBaseUrl' | 'urlPatterns'>;
  /** The request's clock: what is published is judged at this instant. */
  now?: () => Date;
  /** How many of the newest posts each feed holds. */
  feedLength?: number;
  /** How many addresses one sitemap lists before /sitemap.xml becomes an index of /sitemaps/N.xml. */
  sitemapPageSize?: number;
}

const DEFAULT_FEED_LENGTH = 20;

const FEED_PATH = /^(?:\/(tags|authors)\/([^/]+))?\/(feed\.xml|atom\.xml|feed\.json)$/;
const SITEMAP_PAGE_PATH = /^\/sitemaps\/([1-9][0-9]{0,8})\.xml$/;
const FORMAT_OF_FILE: Record<string, FeedFormat> = { 'feed.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };
const SITEMAP_KEYS = [LIST_KEYS.posts, LIST_KEYS.pages, LIST_KEYS.tags, LIST_KEYS.authors];

/**
 * The site's feeds (RSS, Atom, JSON Feed; the whole site's, a tag's, an author's), its sitemap
 * and robots.txt. Every address in them is on the frontend (SITE_URL), which is expected to
 * proxy these paths to Folio, so that the sitemap lives on the host whose pages it lists.
 */
export function feedRoutes(options: FeedRoutesOptions): Route {
  const { db, config } = options;
  const now = options.now ?? (() => new Date());
  const sitemapPageSize = options.sitemapPageSize ?? SITEMAP_PAGE_LIMIT;

  return async (requested) => {
    const path = requested.split('?')[0]!;
    const feed = FEED_PATH.exec(path);
    const sitemapPage = SITEMAP_PAGE_PATH.exec(path);
    if (!feed && !sitemapPage && path !== '/sitemap.xml' && path !== '/robots.txt') return null;

    const siteUrl = config.siteUrl;
    if (!siteUrl) {
      return text(404, `Set SITE_URL to the frontend's address, e.g. https://blog.example, and restart Folio: ${path} lists addresses on the frontend`, []);
    }
    if (path === '/robots.txt') return text(200, `User-agent: *\nAllow: /\n\nSitemap: ${siteUrl}/sitemap.xml`, []);

    const visibility = anonymousVisibility(now());
    if (feed) {
      const [, section, slug, file] = feed;
      const scope = feedScope(section, slug);
      if (!scope) return text(404, `${path} is not a feed: the slug in it is not valid percent-encoding`, []);
      const content = await readFeed(
        { db, siteUrl, mediaBaseUrl: config.mediaBaseUrl ?? siteUrl, urlPatterns: config.urlPatterns, length: options.feedLength ?? DEFAULT_FEED_LENGTH },
        scope,
        visibility.now,
      );
      // The site's own feed is always there: only a tag or an author can be missing.
      if (!content) return unknownOwner(scope as Exclude<FeedScope, { kind: 'site' }>);
      const format = FORMAT_OF_FILE[file!]!;
      return { status: 200, contentType: FEED_CONTENT_TYPES[format], body: feedDocument(content, format), keys: content.keys };
    }

    const total = await countSitemapEntries(db, visibility);
    const pageCount = Math.max(1, Math.ceil(total / sitemapPageSize));
    if (path === '/sitemap.xml' && pageCount > 1) {
      const pages = Array.from({ length: pageCount }, (_, index) => `${siteUrl}/sitemaps/${index + 1}.xml`);
      return xml(await sitemapIndexDocument(pages));
    }
    const page = sitemapPage ? Number(sitemapPage[1]) : 1;
    if (page > pageCount) {
      return text(404, `The sitemap has ${pageCount} page${pageCount === 1 ? '' : 's'}; ${path} is past its end (see ${siteUrl}/sitemap.xml)`, SITEMAP_KEYS);
    }
    const entries = await sitemapEntries(db, visibility, (page - 1) * sitemapPageSize, sitemapPageSize);
    const urls = entries.map((entry) => ({ url: `${siteUrl}${frontendPath(config.urlPatterns, entry.kind, entry.slug)}`, lastmod: entry.lastmod }));
    return xml(await sitemapDocument(urls));
  };
}

function feedScope(section: string | undefined, encodedSlug: string | undefined): FeedScope | null {
  if (section === undefined || encodedSlug === undefined) return { kind: 'site' };
  let slug: string;
  try {
    slug = decodeURIComponent(encodedSlug);
  } catch {
    return null;
  }
  return section === 'tags' ? { kind: 'tag', slug } : { kind: 'author', slug };
}

// A tag with no published post is not shown to readers (visibility.ts), so its feed is unknown too.
function unknownOwner(scope: Exclude<FeedScope, { kind: 'site' }>): RouteAnswer {
  if (scope.kind === 'tag') {
    return text(404, `No tag with the slug "${scope.slug}" has a published post; check the tag's slug in the address`, [LIST_KEYS.tags, LIST_KEYS.posts]);
  }
  return text(404, `No author has the slug "${scope.slug}"; check the author's slug in the address`, [LIST_KEYS.authors]);
}

function text(status: number, body: string, keys: readonly string[]): RouteAnswer {
  return { status, contentType: 'text/plain; charset=utf-8', body: `${body}\n`, keys };
}

function xml(body: string): RouteAnswer {
  return { status: 200, contentType: 'application/xml', body, keys: SITEMAP_KEYS };
}
