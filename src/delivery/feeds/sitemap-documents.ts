import { Readable } from 'node:stream';
import { ErrorLevel, SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';

/** The most addresses one sitemap may list (sitemaps.org); past it, the sitemap is an index of pages. */
export const SITEMAP_PAGE_LIMIT = 50_000;

export interface SitemapUrl {
  url: string;
  lastmod: Date;
}

/** A sitemap (`<urlset>`) of absolute addresses. */
export function sitemapDocument(urls: readonly SitemapUrl[]): Promise<string> {
  const stream = new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news: false, video: false, xhtml: false, image: false } });
  return written(stream, urls.map(({ url, lastmod }) => ({ url, lastmod: lastmod.toISOString() })));
}

/** A sitemap index (`<sitemapindex>`) naming the sitemaps at these absolute addresses. */
export function sitemapIndexDocument(sitemapUrls: readonly string[]): Promise<string> {
  return written(new SitemapIndexStream({ level: ErrorLevel.THROW }), sitemapUrls.map((url) => ({ url })));
}

async function written(stream: SitemapStream | SitemapIndexStream, items: object[]): Promise<string> {
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}
