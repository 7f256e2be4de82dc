import GithubSlugger, { slug } from 'github-slugger';
import { escapeAttribute } from 'entities';
import { Lexer, Marked, Parser, Renderer, Tokenizer, type Tokens, type TokensList } from 'marked';
import markedFootnote from 'marked-footnote';
import { embedFor, embedHtml } from './markdown/embeds.js';
import { figureExtension } from './markdown/figure.js';
import { CodeHighlighter } from './markdown/highlight.js';
import { DEFAULT_LINK_POLICY, type LinkPolicy } from './markdown/links.js';
import { mathExtension } from './markdown/math.js';
import { htmlText, prefixedId, sanitizeHtml } from './sanitize.js';

export type { LinkPolicy } from './markdown/links.js';

export interface Heading {
  level: number;
  text: string;
  anchor: string;
}

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
}

/** An image from the media store, with the variants a browser chooses from. */
export interface MarkdownImage {
  src: string;
  width: number;
  height: number;
  srcSet: string;
  sizes: string;
}

/** What a render depends on besides the Markdown; plain data, so it travels to the rendering threads. */
export interface RenderOptions {
  /** Images from the media store, keyed by the src as written in the Markdown (see imageSources). */
  images?: ReadonlyMap<string, MarkdownImage>;
  /** Which links are the site's own and which get rel="nofollow". */
  links?: LinkPolicy;
}

/**
 * Renders a post's markdown (GFM, footnotes, math, embeds, highlighted code) to sanitized HTML
 * and lists its headings in document order, each with the `id` it carries in the HTML. Every call
 * uses its own marked instance, lexer, tokenizer, parser and renderer, never marked's global one,
 * so per-document state (anchors taken, footnotes, nesting depth) stays with the document.
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): RenderedMarkdown {
  const marked = richMarked();
  const tokens = lexWith(marked, markdown);
  marked.walkTokens(tokens, marked.defaults.walkTokens!);
  const renderer = new PostRenderer(options.images ?? new Map());
  const html = new Parser({ ...marked.defaults, renderer }).parse(tokens);
  return { html: sanitizeHtml(html, { links: options.links ?? DEFAULT_LINK_POLICY }), headings: renderer.headings };
}

/** Every image src in the Markdown, as written, footnotes included: what the write path looks up in the media store. */
export function imageSources(markdown: string): string[] {
  const marked = richMarked();
  const sources = new Set<string>();
  marked.walkTokens(lexWith(marked, markdown), (token) => {
    if (token.type === 'image') sources.add((token as Tokens.Image).href);
  });
  return [...sources];
}

/** Lexes GFM the way renderMarkdown does: with marked, bounded for hostile input (no extensions: the text of a post). */
export function lexMarkdown(markdown: string): TokensList {
  return lexWith(new Marked(), markdown);
}

// A fresh instance per document: marked-footnote keeps the document's footnotes in its closure.
function richMarked(): Marked {
  // Footnote ids get the sanitizer's prefix like every id, and their links follow (see sanitize.ts).
  // The back link's label names no footnote label: a label is author text, put in an attribute unescaped.
  return new Marked().use(markedFootnote({ prefixId: 'footnote-', backRefLabel: 'Back to the reference' }), mathExtension(), figureExtension());
}

function lexWith(marked: Marked, markdown: string): TokensList {
  const tokenizer = new BoundedTokenizer();
  const lexer = new Lexer({ ...marked.defaults, tokenizer });
  // The Lexer has just installed marked's stock rules on the tokenizer.
  tokenizer.rules.inline = LINEAR_GFM_INLINE;
  return lexer.lex(markdown);
}

// Bounds for hostile input, each a guard against marked or htmlparser2 going superlinear.
// marked recurses once per level of nesting and overflows the stack a few thousand levels
// down (`>>>>…`, `- - - …`, `*a *a *a …`): deeper blockquotes, lists, emphasis and
// strikethrough stay literal text.
const MAX_NESTING = 32;
// marked's link rule scans a destination to the end of a run without spaces, which makes
// `[]()[]()…` quadratic. A link's whole source (text, URL, title) may be this long.
const MAX_LINK_SOURCE = 2000;
// htmlparser2, under sanitize-html, unshifts each open element onto an array, so tens of
// thousands of unclosed raw tags take quadratic time. Raw HTML past this many tags is text.
const MAX_RAW_HTML_TAGS = 10_000;

class BoundedTokenizer extends Tokenizer {
  readonly #blocks = new NestingLimit();
  readonly #spans = new NestingLimit();
  readonly #rawHtml = new RawHtmlBudget();

  override blockquote(src: string) {
    return this.#blocks.enter(() => super.blockquote(src));
  }

  override list(src: string) {
    return this.#blocks.enter(() => super.list(src));
  }

  override emStrong(src: string, maskedSrc: string, prevChar?: string) {
    return this.#spans.enter(() => super.emStrong(src, maskedSrc, prevChar));
  }

  override del(src: string, maskedSrc: string, prevChar?: string) {
    return this.#spans.enter(() => super.del(src, maskedSrc, prevChar));
  }

  override link(src: string) {
    return super.link(src.slice(0, MAX_LINK_SOURCE));
  }

  override html(src: string) {
    const block = super.html(src);
    return block && this.#rawHtml.admit(block.text) ? block : undefined;
  }

  override tag(src: string) {
    // Checked before lexing: a recognised tag such as <pre> changes the lexer's state.
    if (this.#rawHtml.exhausted) return undefined;
    const tag = super.tag(src);
    if (tag) this.#rawHtml.admit(tag.text);
    return tag;
  }
}

class NestingLimit {
  #depth = 0;

  /** Runs `tokenize` one level deeper, or returns undefined (no match) at the limit. */
  enter<T>(tokenize: () => T): T | undefined {
    if (this.#depth >= MAX_NESTING) return undefined;
    this.#depth++;
    try {
      return tokenize();
    } finally {
      this.#depth--;
    }
  }
}

class RawHtmlBudget {
  #tagsLeft = MAX_RAW_HTML_TAGS;

  get exhausted(): boolean {
    return this.#tagsLeft <= 0;
  }

  /** Spends the tags in `html` if there are enough left. */
  admit(html: string): boolean {
    const tags = html.split('<').length - 1;
    if (tags > this.#tagsLeft) return false;
    this.#tagsLeft -= tags;
    return true;
  }
}

// marked's GFM rules look for email addresses with an unbounded local part, rescanning a
// run like `a_a_a_…` at every `_`: quadratic, seconds for 30 kB. A local part has at most
// 64 characters, so the scan stops there.
const LINEAR_GFM_INLINE = linearInlineRules();

function linearInlineRules(): typeof Lexer.rules.inline.gfm {
  const stock = Lexer.rules.inline.gfm;
  return {
    ...stock,
    text: replaceInRule(stock.text, ']+@)', ']{1,64}@)'),
    url: replaceInRule(stock.url, '[A-Za-z0-9._+-]+', '[A-Za-z0-9._+-]{1,64}'),
  };
}

function replaceInRule(rule: RegExp, search: string, replacement: string): RegExp {
  if (!rule.source.includes(search)) {
    throw new Error(`marked changed its inline rules: ${search} is gone from ${rule.source}`);
  }
  return new RegExp(rule.source.replaceAll(search, replacement), rule.flags);
}

class PostRenderer extends Renderer {
  readonly headings: Heading[] = [];
  // Anchors are unique within one document: `intro`, `intro-1`, ...
  readonly #slugger = new GithubSlugger();
  readonly #highlighter = new CodeHighlighter();
  readonly #images: ReadonlyMap<string, MarkdownImage>;

  constructor(images: ReadonlyMap<string, MarkdownImage>) {
    super();
    this.#images = images;
  }

  override heading({ tokens, depth }: Tokens.Heading): string {
    const html = this.parser.parseInline(tokens);
    const text = htmlText(html);
    const id = this.#slugger.slug(slug(text) === '' ? 'section' : text);
    // The sanitizer prefixes every id; the anchor names the id the HTML ends up with.
    this.headings.push({ level: depth, text, anchor: prefixedId(id) });
    return `<h${depth} id="${escapeAttribute(id)}">${html}</h${depth}>\n`;
  }

  override code(token: Tokens.Code): string {
    const lang = codeLanguage(token.lang);
    const text = token.text.replace(/\n$/, '');
    const highlighted = lang === undefined || token.escaped ? undefined : this.#highlighter.highlight(text, lang);
    return highlighted === undefined ? super.code({ ...token, lang }) : `${highlighted}\n`;
  }

  // A link alone in its paragraph, its text the URL itself, to an allow-listed host: the host's player.
  override paragraph(token: Tokens.Paragraph): string {
    const [only, ...rest] = token.tokens;
    if (only?.type === 'link' && rest.length === 0 && (only as Tokens.Link).text === (only as Tokens.Link).href) {
      const embed = embedFor((only as Tokens.Link).href);
      if (embed) return embedHtml(embed);
    }
    return super.paragraph(token);
  }

  override image({ href, title, text }: Tokens.Image): string {
    const stored = this.#images.get(href);
    const alt = escapeAttribute(text);
    const titled = title ? ` title="${escapeAttribute(title)}"` : '';
    // Images below the fold need not hold up the page.
    const lazy = 'loading="lazy" decoding="async"';
    if (stored === undefined) return `<img src="${escapeAttribute(encodedUrl(href))}" alt="${alt}"${titled} ${lazy}>`;
    const { src, width, height, srcSet, sizes } = stored;
    return `<img src="${escapeAttribute(src)}" width="${width}" height="${height}" srcset="${escapeAttribute(srcSet)}" sizes="${escapeAttribute(sizes)}" alt="${alt}"${titled} ${lazy}>`;
  }
}

// As marked writes URLs: spaces and the like percent-encoded, existing escapes kept.
function encodedUrl(href: string): string {
  try {
    return encodeURI(href).replace(/%25/g, '%');
  } catch {
    return '';
  }
}

// Only a plain language name from the info string (```ts title="x") becomes a class.
function codeLanguage(info: string | undefined): string | undefined {
  return /^([A-Za-z0-9_+-]+)(?:\s|$)/.exec(info ?? '')?.[1];
}
