import { ContentFormatError } from '../content/format-error.js';
import { isDataFields } from './data-file.js';

export interface SocialLink {
  kind: string;
  url: string;
}

// Themes accept a bare handle for these; anything else must be written as a URL.
const PROFILE_URL: Record<string, (handle: string) => string> = {
  github: (handle) => `https://github.com/${handle}`,
  gitlab: (handle) => `https://gitlab.com/${handle}`,
  twitter: (handle) => `https://x.com/${handle}`,
  x: (handle) => `https://x.com/${handle}`,
  linkedin: (handle) => `https://www.linkedin.com/in/${handle}`,
  instagram: (handle) => `https://www.instagram.com/${handle}`,
  bilibili: (handle) => `https://space.bilibili.com/${handle}`,
  weibo: (handle) => `https://weibo.com/${handle}`,
};

/**
 * Social links as Hugo themes and Jekyll write them: a mapping `{ github: url-or-handle }`, or a
 * list of `{ kind | name, url }` (PaperMod's socialIcons). Kinds are lowercased; handles become
 * profile URLs where the kind says where. A handle Folio can't turn into a URL is left out with
 * a warning.
 */
export function parseSocialLinks(value: unknown, key: string, fileName: string, warnings: string[]): SocialLink[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) && !isDataFields(value)) {
    throw new ContentFormatError(`${key} must be a mapping of kind to URL, or a list of { kind, url }`, fileName);
  }
  const entries: Array<[unknown, unknown]> = Array.isArray(value)
    ? value.map((item, index) => {
        if (!isDataFields(item)) throw new ContentFormatError(`${key}: item ${index + 1} must be a mapping with kind and url`, fileName);
        return [item.kind ?? item.name, item.url];
      })
    : Object.entries(value);
  const links: SocialLink[] = [];
  for (const [rawKind, rawUrl] of entries) {
    if (typeof rawKind !== 'string' || typeof rawUrl !== 'string' || rawUrl.trim() === '') {
      throw new ContentFormatError(`${key}: each link needs a kind and a URL as text`, fileName);
    }
    const kind = rawKind.trim().toLowerCase();
    const url = profileUrl(kind, rawUrl.trim());
    if (url === null) warnings.push(`${fileName}: ${key}.${kind} ${JSON.stringify(rawUrl)} ignored: give the full URL`);
    else links.push({ kind, url });
  }
  return links;
}

/** The mapping form when every kind is there once (what themes read), else the list form. */
export function formatSocialLinks(links: readonly SocialLink[]): Record<string, string> | SocialLink[] {
  const kinds = new Set(links.map((link) => link.kind));
  if (kinds.size < links.length) return links.map(({ kind, url }) => ({ kind, url }));
  return Object.fromEntries(links.map((link) => [link.kind, link.url]));
}

function profileUrl(kind: string, value: string): string | null {
  if (/^(https?:\/\/|mailto:)/i.test(value)) return value;
  const handle = value.replace(/^@/, '');
  const build = PROFILE_URL[kind];
  return build !== undefined && /^[\w.-]+$/.test(handle) ? build(handle) : null;
}
