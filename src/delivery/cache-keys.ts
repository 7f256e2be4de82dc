// The names a cached answer is tagged with (Surrogate-Key, Cache-Tag) and a change purges.
// An answer is tagged with every post, page, tag and author it holds and with each kind of list
// it shows; a change to a post purges the post, its tags and the lists of posts, so a CDN
// forgets exactly the answers the change can touch. Names are single tokens: CDNs split on spaces.

export const LIST_KEYS = {
  /** Any listing, count, search or archive of posts, feeds and the sitemap included. */
  posts: 'posts',
  /** Any listing of tags. */
  tags: 'tags',
  /** Any listing of pages. */
  pages: 'pages',
  /** Any listing of authors. */
  authors: 'authors',
  /** The site's settings. */
  site: 'site',
} as const;

export type KeyedKind = 'post' | 'page' | 'tag' | 'author' | 'image';

/** The key of one row, e.g. `post-12`: ids, not slugs, so a renamed post keeps its key. */
export function rowKey(kind: KeyedKind, id: number): string {
  return `${kind}-${id}`;
}
