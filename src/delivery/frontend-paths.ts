import type { UrlPatterns } from '../config.js';

export type ContentKind = keyof UrlPatterns;

/** The path on the frontend where a post, page, tag or author is shown, from the site's root. */
export function frontendPath(patterns: UrlPatterns, kind: ContentKind, slug: string): string {
  return patterns[kind].replaceAll('{slug}', encodeURIComponent(slug));
}
