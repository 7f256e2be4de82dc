import { readConfig, type UrlPatterns } from '../config.js';
import type { PostRow } from '../db/queries/rows.js';
import type { SiteRow } from '../db/queries/site.js';
import { frontendPath } from '../delivery/frontend-paths.js';
import { builder } from './builder.js';

/** What a post's or page's meta tags say, every fallback already applied. */
export interface SeoShape {
  title: string;
  description: string;
  canonicalUrl: string | null;
  /** The social image (socialImageId, else the cover image); `image` in image-uses.ts loads it. */
  imageId: number | null;
  noIndex: boolean;
}

/**
 * The SEO fields of a post or page: each the author's override, else what the post has. The
 * canonical URL without an override is the post's address on the site when the site's url is
 * known — by POST_URL_PATTERN or PAGE_URL_PATTERN, `${site.url}/posts/${slug}` unless set — else null.
 */
export function seoOf(post: PostRow, site: Pick<SiteRow, 'url'>): SeoShape {
  return {
    title: post.seoTitle ?? post.title,
    description: post.seoDescription ?? post.excerpt,
    canonicalUrl: post.canonicalUrl ?? (site.url ? `${site.url}${contentPath(post)}` : null),
    imageId: post.socialImageId ?? post.coverImageId,
    noIndex: post.noIndex,
  };
}

// Read on first use, not when the schema is imported: a bad variable is then reported by the
// command that reads the configuration first, as a message rather than a stack trace.
let urlPatterns: UrlPatterns | undefined;

/** Where the site shows a post or page, from its root. */
export function contentPath(post: Pick<PostRow, 'kind' | 'slug'>): string {
  urlPatterns ??= readConfig().urlPatterns;
  return frontendPath(urlPatterns, post.kind === 'PAGE' ? 'page' : 'post', post.slug);
}

export const Seo = builder.objectRef<SeoShape>('Seo').implement({
  description: 'What a page’s <title>, meta description, canonical link, og:image and robots tags say; each field falls back to what the post has.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'seoTitle, else the title.' }),
    description: t.exposeString('description', { description: 'seoDescription, else the excerpt.' }),
    canonicalUrl: t.string({
      nullable: true,
      description: 'canonicalUrl, else the address on the site (site.url + "/posts/<slug>" for a post, "/<slug>" for a page); null while site.url is unset.',
      resolve: (seo) => seo.canonicalUrl,
    }),
    noIndex: t.exposeBoolean('noIndex', { description: 'True: ask search engines not to index it (robots noindex).' }),
  }),
});
