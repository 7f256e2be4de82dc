// What a link in a post says about where it leads. Rendering happens when a post is saved, so the
// policy in force then is baked into the stored HTML: changing SITE_URL or NOFOLLOW_LINKS reaches
// older posts only when they are rendered again (bump RENDER_VERSION, see editing/rerender.ts).

export interface LinkPolicy {
  /** The site's own origin (SITE_URL); links there are not external. Null: every absolute link is. */
  siteOrigin: string | null;
  /** Which links get rel="nofollow". */
  nofollow: 'external' | 'all' | 'none';
}

export const DEFAULT_LINK_POLICY: LinkPolicy = { siteOrigin: null, nofollow: 'external' };

/** The rel and target a link with this href gets under the policy; none for own links. */
export function linkAttributes(href: string, policy: LinkPolicy): { rel?: string; target?: string } {
  const external = isExternal(href, policy.siteOrigin);
  const nofollow = policy.nofollow === 'all' || (policy.nofollow === 'external' && external);
  // An external page opened in a new tab must not get a handle on ours (window.opener).
  const rel = [...(nofollow ? ['nofollow'] : []), ...(external ? ['noopener', 'noreferrer'] : [])].join(' ');
  return { ...(rel && { rel }), ...(external && { target: '_blank' }) };
}

// Browsers drop tabs and newlines anywhere in a URL and read `\` as `/`, so `/\host`
// and `ht<tab>tps://host` both lead off-site.
function isExternal(href: string, siteOrigin: string | null): boolean {
  const url = href.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, '').replace(/\\/g, '/');
  if (!/^(?:https?:|\/\/)/i.test(url)) return false;
  if (siteOrigin === null) return true;
  try {
    return new URL(url, siteOrigin).origin !== siteOrigin;
  } catch {
    return true;
  }
}
