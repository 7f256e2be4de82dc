import path from 'node:path';

/**
 * Where an image source sits in a post's Markdown: `![alt](src "title")`, `<img src="...">` or
 * Hugo's `{{< figure src="..." >}}`. start and end bound the source text alone, so a rewrite
 * leaves everything around it as it was.
 */
export interface ImageSourceSpan {
  src: string;
  start: number;
  end: number;
}

/** A source Folio can bring in: a path into the site, not a URL elsewhere. */
export interface ImageReference {
  /** As written in the Markdown or the front matter. */
  src: string;
  /** The file it names, relative to the site's root, with / separators. */
  file: string;
  /** True for the front matter's cover image, which may be in the Markdown too: each source is listed once. */
  cover: boolean;
}

export interface ResolvedImages {
  images: ImageReference[];
  /** One line per missing file, naming the post file and the source as written. */
  errors: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// `![alt](` with brackets nested one level deep, as alt texts with links in them have.
const MARKDOWN_IMAGE = /!\[(?:[^[\]\\]|\\.|\[[^[\]]*\])*\]\(\s*/g;
// src, not data-src or srcset.
const HTML_IMAGE_SRC = /<img\b[^>]*?(?<![\w-])src\s*=\s*(["'])/gi;
const HUGO_FIGURE_SRC = /\{\{[<%]\s*figure\b[^}]*?(?<![\w-])src\s*=\s*(["'])/g;
// A scheme (https:, data:) or a protocol-relative //host: not a file of the site.
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Every image source in the Markdown, in document order, outside fenced code blocks and
 * inline code (where `![x](y)` is an example, not an image). Reference-style images
 * (`![alt][id]`) are not followed.
 */
export function findImageSources(markdown: string): ImageSourceSpan[] {
  const spans: ImageSourceSpan[] = [];
  for (const region of proseRegions(markdown)) {
    const text = markdown.slice(region.start, region.end);
    for (const match of text.matchAll(MARKDOWN_IMAGE)) {
      const span = markdownDestination(text, match.index + match[0].length);
      if (span !== null) spans.push(offset(span, region.start));
    }
    for (const pattern of [HTML_IMAGE_SRC, HUGO_FIGURE_SRC]) {
      for (const match of text.matchAll(pattern)) {
        const start = match.index + match[0].length;
        const end = text.indexOf(match[1]!, start);
        if (end > start) spans.push(offset({ src: text.slice(start, end), start, end }, region.start));
      }
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * The images a post brings with it, each found as a file of the site: a relative path in the
 * post's own folder (a page bundle), then under `static/`, then at the site's root; a
 * site-absolute path (`/images/x.png`) under `static/`, then at the root. URLs elsewhere are
 * left alone. `postFile` and `siteFiles` are relative to the site root with / separators.
 */
export function resolveImageReferences(
  post: { markdown: string; coverImage: { path: string } | null },
  postFile: string,
  siteFiles: ReadonlySet<string>,
): ResolvedImages {
  const sources = findImageSources(post.markdown).map((span) => ({ src: span.src, cover: false }));
  if (post.coverImage !== null) sources.unshift({ src: post.coverImage.path, cover: true });
  const images: ImageReference[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const { src, cover } of sources) {
    if (seen.has(src) || EXTERNAL.test(src) || src.startsWith('#')) continue;
    seen.add(src);
    const candidates = candidateFiles(src, postFile);
    const file = candidates.find((candidate) => siteFiles.has(candidate));
    if (file === undefined) {
      errors.push(`${postFile}: image ${JSON.stringify(src)} not found; looked for ${candidates.join(', ')}`);
    } else {
      images.push({ src, file, cover });
    }
  }
  return { images, errors };
}

/** Where a site path (a cover, an avatar, a logo) may be, in the order resolveImageReferences tries. */
export function candidateFiles(src: string, postFile: string): string[] {
  const clean = decodePath(src.replace(/[?#].*$/, ''));
  if (clean.startsWith('/')) {
    const inSite = path.posix.normalize(clean).slice(1);
    return [`static/${inSite}`, inSite];
  }
  const inFolder = path.posix.join(path.posix.dirname(postFile), clean);
  const candidates = [inFolder, path.posix.join('static', clean), path.posix.normalize(clean)];
  return [...new Set(candidates)].filter((file) => file !== '..' && !file.startsWith('../'));
}

/**
 * The Markdown with each source found by findImageSources that the map names replaced by its
 * new URL; every other byte stays as it was. In a Markdown destination, a URL with spaces or
 * parentheses is written in angle brackets, so it stays one destination.
 */
export function rewriteImageSources(markdown: string, urlBySrc: ReadonlyMap<string, string>): string {
  let result = '';
  let last = 0;
  for (const span of findImageSources(markdown)) {
    const url = urlBySrc.get(span.src);
    if (url === undefined) continue;
    // A quoted attribute (HTML, a shortcode) takes any URL; a Markdown destination needs brackets for some.
    const before = markdown[span.start - 1];
    const wrapped = before !== '<' && before !== '"' && before !== "'" && /[\s()<>]/.test(url) ? `<${url}>` : url;
    result += markdown.slice(last, span.start) + wrapped;
    last = span.end;
  }
  return result + markdown.slice(last);
}

/** The parts of the Markdown outside fenced code blocks and inline code spans. */
function proseRegions(markdown: string): Array<{ start: number; end: number }> {
  const regions: Array<{ start: number; end: number }> = [];
  let fence: string | null = null;
  let position = 0;
  let proseStart = 0;
  for (const line of markdown.split('\n')) {
    const lineEnd = position + line.length + 1;
    const opener = FENCE.exec(line)?.[1];
    if (fence === null && opener !== undefined) {
      regions.push(...outsideCodeSpans(markdown, proseStart, position));
      fence = opener;
    } else if (fence !== null && opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) {
      fence = null;
      proseStart = lineEnd;
    }
    position = lineEnd;
  }
  if (fence === null) regions.push(...outsideCodeSpans(markdown, proseStart, markdown.length));
  return regions;
}

function outsideCodeSpans(markdown: string, start: number, end: number): Array<{ start: number; end: number }> {
  const regions: Array<{ start: number; end: number }> = [];
  const text = markdown.slice(start, end);
  let from = 0;
  for (const match of text.matchAll(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g)) {
    regions.push({ start: start + from, end: start + match.index });
    from = match.index + match[0].length;
  }
  regions.push({ start: start + from, end });
  return regions.filter((region) => region.end > region.start);
}

/** The destination right after `](`: `<with spaces>` or a run without spaces, parentheses balanced. */
function markdownDestination(text: string, at: number): { src: string; start: number; end: number } | null {
  if (text[at] === '<') {
    const end = text.indexOf('>', at + 1);
    return end < 0 || text.slice(at + 1, end).includes('\n') ? null : { src: text.slice(at + 1, end), start: at + 1, end };
  }
  let depth = 0;
  let end = at;
  for (; end < text.length; end++) {
    const char = text[end]!;
    if (char === '\\') end++;
    else if (/\s/.test(char)) break;
    else if (char === '(') depth++;
    else if (char === ')' && depth-- === 0) break;
  }
  return end === at ? null : { src: text.slice(at, end), start: at, end };
}

function offset(span: ImageSourceSpan, by: number): ImageSourceSpan {
  return { src: span.src, start: span.start + by, end: span.end + by };
}

function decodePath(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
