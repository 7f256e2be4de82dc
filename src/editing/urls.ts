import { invalid } from './errors.js';
import { LIMITS } from './limits.js';

/** An absolute http(s) URL, as written; BAD_USER_INPUT naming `field` otherwise. */
export function checkAbsoluteUrl(url: string, field: string): string {
  const trimmed = url.trim();
  let parsed: URL | null = null;
  try {
    parsed = new URL(trimmed);
  } catch {
    // not a URL at all; refused below
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || trimmed.length > 2000) {
    throw invalid(field, `${field} must be an absolute http(s) URL of at most 2000 characters, like "https://example.com/about" (got "${trimmed.slice(0, 100)}")`);
  }
  return trimmed;
}

/** Links to profiles elsewhere, a site's or an author's: each kind a lowercase word, each URL absolute. */
export function checkSocialLinks(links: readonly { kind: string; url: string }[], field: string): { kind: string; url: string }[] {
  if (links.length > LIMITS.socialLinks) throw invalid(field, `${field} takes at most ${LIMITS.socialLinks} links (got ${links.length})`);
  return links.map((link, index) => {
    const kind = link.kind.trim().toLowerCase();
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(kind) || kind.length > 40) {
      throw invalid(`${field}[${index}].kind`, `${field}[${index}].kind must be lowercase letters, digits and hyphens, like "github" (got "${link.kind.slice(0, 100)}")`);
    }
    return { kind, url: checkAbsoluteUrl(link.url, `${field}[${index}].url`) };
  });
}
