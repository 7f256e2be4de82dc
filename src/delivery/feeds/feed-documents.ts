import { escapeText } from 'entities';
import { Feed } from 'feed';
import type { FeedContent } from './feed-content.js';

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** The feed in RSS 2.0, Atom 1.0 or JSON Feed 1.1. */
export function feedDocument(content: FeedContent, format: FeedFormat): string {
  if (format === 'rss') return feedOf(content, 'rss').rss2();
  if (format === 'atom') return feedOf(content, 'atom').atom1();
  return jsonFeed(content);
}

// Atom marks its titles and summaries type="html", and RSS readers take a description as HTML:
// plain text goes in escaped, or a title "a &lt; b" would read "a < b".
function feedOf(content: FeedContent, format: 'rss' | 'atom'): Feed {
  const feed = new Feed({
    id: content.pageUrl,
    title: content.title,
    description: content.description,
    link: content.pageUrl,
    language: content.language,
    author: { name: content.publisher.name, link: content.publisher.url },
    updated: content.updated,
    generator: 'Folio',
    feedLinks: content.feedUrls,
  });
  for (const entry of content.entries) {
    feed.addItem({
      id: entry.id,
      title: format === 'atom' ? escapeText(entry.title) : entry.title,
      link: entry.url,
      description: escapeText(entry.summary),
      content: entry.html,
      date: entry.updated,
      published: entry.published,
      // The feed package's JSON Feed fails on an empty list of authors.
      author: entry.authors.length ? entry.authors.map((author) => ({ name: author.name, link: author.url })) : undefined,
      category: entry.tags.map((tag) => ({ name: tag.name, term: tag.name, domain: tag.url })),
    });
  }
  return feed;
}

// The feed package writes JSON Feed 1.0 (one `author`, no `language`); 1.1 lists every author,
// and an item without any takes the feed's.
function jsonFeed(content: FeedContent): string {
  const { author: _publisher, ...document } = JSON.parse(feedOf(content, 'rss').json1()) as { items: Record<string, unknown>[] } & Record<string, unknown>;
  document.version = JSON_FEED_VERSION;
  document.language = content.language;
  document.authors = [{ name: content.publisher.name, url: content.publisher.url }];
  document.items = document.items.map(({ author: _first, ...item }, index) => {
    const entry = content.entries[index]!;
    const authors = entry.authors.map((author) => ({ name: author.name, url: author.url }));
    return { ...item, summary: entry.summary, ...(authors.length ? { authors } : {}) };
  });
  return JSON.stringify(document);
}
