import sanitize from 'sanitize-html';
import { MEDIA_PATH_PREFIX } from '../../media/urls.js';

export interface AbsoluteBases {
  /** The address of the page the HTML is shown on: relative links and `#fragments` resolve against it. */
  pageUrl: string;
  /** Where `/media/...` is reached from outside: MEDIA_BASE_URL, or the site that proxies it. */
  mediaBaseUrl: string;
}

/**
 * A post's stored HTML with every link and image address made absolute, for readers that show
 * it away from the site (feed readers resolve a relative URL against the feed's address, or not
 * at all). The HTML was sanitized when the post was saved, so every tag and attribute stays.
 */
export function withAbsoluteUrls(html: string, bases: AbsoluteBases): string {
  return sanitize(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    // The saved HTML's schemes were checked then; nothing here may drop an address.
    allowedSchemesAppliedToAttributes: [],
    transformTags: {
      '*': (tagName, attribs) => ({ tagName, attribs: absoluteAttributes(attribs, bases) }),
    },
  });
}

function absoluteAttributes(attribs: sanitize.Attributes, bases: AbsoluteBases): sanitize.Attributes {
  const result = { ...attribs };
  for (const name of ['href', 'src'] as const) {
    if (result[name] !== undefined) result[name] = absoluteUrl(result[name], bases);
  }
  if (result.srcset !== undefined) {
    result.srcset = result.srcset
      .split(',')
      .map((candidate) => {
        const [url = '', ...descriptors] = candidate.trim().split(/\s+/);
        return [absoluteUrl(url, bases), ...descriptors].join(' ');
      })
      .join(', ');
  }
  return result;
}

function absoluteUrl(url: string, bases: AbsoluteBases): string {
  if (url.startsWith(MEDIA_PATH_PREFIX)) return `${bases.mediaBaseUrl}${url}`;
  if (URL.canParse(url)) return url;
  try {
    return new URL(url, bases.pageUrl).href;
  } catch {
    // Not a URL a browser could follow either: left as written.
    return url;
  }
}
