import { escapeAttribute } from 'entities';

// Embeds: a link to a video or a pen alone on its own line becomes the host's player, as in
// Ghost and Hashnode. Only these hosts, and only their embed URLs in the exact shapes below,
// ever reach an <iframe>; the sanitizer checks every iframe against the same list.

interface EmbedProvider {
  name: string;
  /** The embed URL for a link to this host, or undefined when the link is not one of its pages. */
  embedUrl(url: URL): string | undefined;
  /** Embed URLs this provider produces; an iframe with any other src is removed. */
  embedPattern: RegExp;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

const PROVIDERS: readonly EmbedProvider[] = [
  {
    name: 'YouTube',
    embedUrl(url) {
      const id = youtubeId(url);
      const start = startSeconds(url.searchParams.get('t') ?? url.searchParams.get('start'));
      return id && `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}`;
    },
    embedPattern: /^https:\/\/www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{11}(?:\?start=\d{1,6})?$/,
  },
  {
    name: 'Vimeo',
    embedUrl(url) {
      // vimeo.com/<id>, or a video shown in a channel, group or showcase: /channels/staffpicks/<id>.
      const id = hostIs(url, 'vimeo.com') ? /^(?:\/(?:channels|groups|showcase)\/[\w-]{1,64}(?:\/videos)?)?\/(\d{1,12})\/?$/.exec(url.pathname)?.[1] : undefined;
      return id && `https://player.vimeo.com/video/${id}`;
    },
    embedPattern: /^https:\/\/player\.vimeo\.com\/video\/\d{1,12}$/,
  },
  {
    name: 'CodePen',
    embedUrl(url) {
      // A pen of a user (/someone/pen/<id>) or of a team (/team/someone/pen/<id>).
      const match = hostIs(url, 'codepen.io') ? /^\/((?:team\/)?[A-Za-z0-9_-]{1,64})\/(?:pen|embed)\/([A-Za-z0-9]{1,16})\/?$/.exec(url.pathname) : null;
      return match ? `https://codepen.io/${match[1]}/embed/${match[2]}?default-tab=result` : undefined;
    },
    embedPattern: /^https:\/\/codepen\.io\/(?:team\/)?[A-Za-z0-9_-]{1,64}\/embed\/[A-Za-z0-9]{1,16}\?default-tab=result$/,
  },
  {
    name: 'Bilibili',
    embedUrl(url) {
      // Videos are named by a BV id, or by the older numeric av id.
      const match = hostIs(url, 'bilibili.com') ? /^\/video\/(?:(BV[A-Za-z0-9]{10})|av(\d{1,12}))\/?$/.exec(url.pathname) : null;
      if (!match) return undefined;
      return `https://player.bilibili.com/player.html?${match[1] ? `bvid=${match[1]}` : `aid=${match[2]}`}&autoplay=0`;
    },
    embedPattern: /^https:\/\/player\.bilibili\.com\/player\.html\?(?:bvid=BV[A-Za-z0-9]{10}|aid=\d{1,12})&autoplay=0$/,
  },
];

// The player runs its own scripts in its own origin; it may go full screen and open links in a
// new tab, never navigate the reader's page.
const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-presentation';
const ALLOW = 'accelerometer; clipboard-write; encrypted-media; fullscreen; gyroscope; picture-in-picture';

export interface EmbedFrame {
  src: string;
  title: string;
}

/** The player for a link alone on its line, or undefined when its host is not on the list. */
export function embedFor(href: string): EmbedFrame | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  for (const provider of PROVIDERS) {
    const src = provider.embedUrl(url);
    if (src) return { src, title: `${provider.name} embed` };
  }
  return undefined;
}

/** The <iframe> an embed renders as. */
export function embedHtml({ src, title }: EmbedFrame): string {
  return `<figure class="embed"><iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}"></iframe></figure>\n`;
}

/**
 * The only attributes an iframe keeps, or undefined when its src is not an allow-listed embed URL.
 * Everything but src and title is fixed here, so no author-written sandbox or allow survives.
 */
export function embedFrameAttributes(attribs: Record<string, string>): Record<string, string> | undefined {
  const src = attribs.src ?? '';
  if (!PROVIDERS.some((provider) => provider.embedPattern.test(src))) return undefined;
  return {
    src,
    title: attribs.title || 'Embedded content',
    width: '560',
    height: '315',
    loading: 'lazy',
    sandbox: SANDBOX,
    allow: ALLOW,
    allowfullscreen: '',
    referrerpolicy: 'strict-origin-when-cross-origin',
  };
}

function youtubeId(url: URL): string | undefined {
  let id: string | null | undefined;
  if (url.hostname === 'youtu.be') id = url.pathname.slice(1);
  else if (hostIs(url, 'youtube.com')) {
    id = url.pathname === '/watch' ? url.searchParams.get('v') : /^\/(?:embed|shorts|live)\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  }
  return id && YOUTUBE_ID.test(id) ? id : undefined;
}

/** A start time as YouTube links write it, "90", "90s" or "1m30s", in seconds; 0 when there is none. */
function startSeconds(value: string | null): number {
  const match = value ? /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$/.exec(value) : null;
  if (!match) return 0;
  return Math.min(Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0), 999_999);
}

function hostIs(url: URL, domain: string): boolean {
  return url.hostname === domain || url.hostname === `www.${domain}` || (domain === 'youtube.com' && url.hostname === 'm.youtube.com');
}
