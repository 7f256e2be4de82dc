import type { UrlPatterns } from '../../config.js';
import type { Database } from '../../db/client.js';
import { authorBySlug, authorsOfPosts } from '../../db/queries/authors.js';
import { tagBySlug } from '../../db/queries/lookups.js';
import { listPosts, type PostListFilter } from '../../db/queries/posts.js';
import { postBodies } from '../../db/queries/relations.js';
import { siteSettings } from '../../db/queries/site.js';
import { anonymousVisibility, type Visibility } from '../../db/queries/visibility.js';
import { LIST_KEYS, rowKey } from '../cache-keys.js';
import { type ContentKind, frontendPath } from '../frontend-paths.js';
import { withAbsoluteUrls } from './absolute-urls.js';

/** Whose posts a feed holds: the whole site's, one tag's or one author's. */
export type FeedScope = { kind: 'site' } | { kind: 'tag'; slug: string } | { kind: 'author'; slug: string };

export interface FeedLink {
  name: string;
  url: string;
}

export interface FeedEntry {
  /** Stays the same when the post is renamed, so a reader does not show it as new. */
  id: string;
  title: string;
  url: string;
  /** Plain text: the post's summary, else its excerpt. */
  summary: string;
  /** The post's HTML with absolute addresses. */
  html: string;
  published: Date;
  updated: Date;
  authors: FeedLink[];
  tags: FeedLink[];
}

/** What every format of one feed says, read once. */
export interface FeedContent {
  title: string;
  description: string;
  language: string;
  /** The site itself, named as the feed's author: Atom needs one for entries without a byline. */
  publisher: FeedLink;
  /** The page on the site the feed follows: the home page, a tag's or an author's. */
  pageUrl: string;
  /** The feed's own address in each format. */
  feedUrls: { rss: string; atom: string; json: string };
  /** When the newest change to an entry was made; the site's last change when there is none. */
  updated: Date;
  entries: FeedEntry[];
  /** The cache keys of everything shown (cache-keys.ts). */
  keys: string[];
}

export interface FeedSource {
  db: Database;
  /** The frontend's address (SITE_URL), without a trailing slash. */
  siteUrl: string;
  /** Where `/media/...` is reached from outside. */
  mediaBaseUrl: string;
  urlPatterns: UrlPatterns;
  /** How many of the newest posts a feed holds. */
  length: number;
}

/** The feed's content, read as an anonymous reader at `now`; null when the tag or author does not exist. */
export async function readFeed(source: FeedSource, scope: FeedScope, now: Date): Promise<FeedContent | null> {
  const { db, siteUrl, urlPatterns } = source;
  const visibility = anonymousVisibility(now);
  const [site, owner] = await Promise.all([siteSettings(db), feedOwner(db, visibility, scope)]);
  if (!owner) return null;

  const page = await listPosts(db, {
    visibility,
    filter: { statuses: ['PUBLISHED'], ...owner.filter },
    order: 'NEWEST',
    window: { after: null, before: null, fromEnd: false },
    limit: source.length,
    withTotal: false,
    withTags: true,
  });
  const ids = page.rows.map((row) => row.id);
  const [bodies, authors] = await Promise.all([postBodies(db, ids), authorsOfPosts(db, ids)]);
  const htmlOf = new Map(bodies.map((body) => [body.id, body.html]));
  const urlOf = (kind: ContentKind, slug: string) => `${siteUrl}${frontendPath(urlPatterns, kind, slug)}`;
  const host = new URL(siteUrl).hostname;

  const entries = page.rows.map((post): FeedEntry => {
    // Rows of a published listing always have a publishedAt.
    const published = post.publishedAt!;
    const url = urlOf('post', post.slug);
    return {
      id: `tag:${host},${published.toISOString().slice(0, 10)}:post-${post.id}`,
      title: post.title,
      url,
      summary: post.summary ?? post.excerpt,
      html: withAbsoluteUrls(htmlOf.get(post.id) ?? '', { pageUrl: url, mediaBaseUrl: source.mediaBaseUrl }),
      published,
      // A post written long before its scheduled time was last changed before it appeared.
      updated: post.updatedAt > published ? post.updatedAt : published,
      authors: authors.filter((author) => author.postId === post.id).map((author) => ({ name: author.name, url: urlOf('author', author.slug) })),
      tags: (post.tags ?? []).map((tag) => ({ name: tag.name, url: urlOf('tag', tag.slug) })),
    };
  });

  const feedBase = `${siteUrl}${owner.pathPrefix}`;
  const keys = new Set<string>([LIST_KEYS.site, LIST_KEYS.posts, ...owner.keys]);
  for (const post of page.rows) {
    keys.add(rowKey('post', post.id));
    for (const tag of post.tags ?? []) keys.add(rowKey('tag', tag.id));
  }
  for (const author of authors) keys.add(rowKey('author', author.id));

  return {
    title: owner.title ? `${site.title}: ${owner.title}` : site.title,
    description: owner.description || site.description,
    language: site.language,
    publisher: { name: site.title, url: `${siteUrl}/` },
    pageUrl: owner.pageSlug ? urlOf(owner.pageSlug.kind, owner.pageSlug.slug) : `${siteUrl}/`,
    feedUrls: { rss: `${feedBase}/feed.xml`, atom: `${feedBase}/atom.xml`, json: `${feedBase}/feed.json` },
    updated: entries.length ? new Date(Math.max(...entries.map((entry) => entry.updated.getTime()))) : site.updatedAt,
    entries,
    keys: [...keys],
  };
}

interface FeedOwner {
  filter: Pick<PostListFilter, 'tagId' | 'authorId'>;
  /** Added to the site's title; null for the site's own feed. */
  title: string | null;
  description: string | null;
  pageSlug: { kind: ContentKind; slug: string } | null;
  /** Where the feed's paths start, e.g. `/tags/rust`. */
  pathPrefix: string;
  keys: string[];
}

async function feedOwner(db: Database, visibility: Visibility, scope: FeedScope): Promise<FeedOwner | null> {
  if (scope.kind === 'site') return { filter: {}, title: null, description: null, pageSlug: null, pathPrefix: '', keys: [] };
  if (scope.kind === 'tag') {
    const tag = await tagBySlug(db, visibility, scope.slug);
    if (!tag) return null;
    return {
      filter: { tagId: tag.id },
      title: tag.name,
      description: tag.description,
      pageSlug: { kind: 'tag', slug: tag.slug },
      pathPrefix: `/tags/${encodeURIComponent(tag.slug)}`,
      keys: [LIST_KEYS.tags, rowKey('tag', tag.id)],
    };
  }
  const author = await authorBySlug(db, scope.slug);
  if (!author) return null;
  return {
    filter: { authorId: author.id },
    title: author.name,
    description: author.bio,
    pageSlug: { kind: 'author', slug: author.slug },
    pathPrefix: `/authors/${encodeURIComponent(author.slug)}`,
    keys: [LIST_KEYS.authors, rowKey('author', author.id)],
  };
}
