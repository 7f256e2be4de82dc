import GithubSlugger, { slug } from 'github-slugger';
import { escapeAttribute } from 'entities';
import { getDefaults, Lexer, Parser, Renderer, Tokenizer, type Tokens, type TokensList } from 'marked';
import { htmlText, prefixedId, sanitizeHtml } from './sanitize.js';

export interface Heading {
  level: number;
  text: string;
  anchor: string;
}

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
}

/**
 * Renders a post's markdown (GFM) to sanitized HTML and lists its headings in document
 * order, each with the `id` it carries in the HTML. Every call uses its own marked lexer,
 * tokenizer, parser and renderer, never marked's global instance, so per-document state
 * (anchors taken, nesting depth) stays with the document.
 */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const renderer = new PostRenderer();
  const html = new Parser({ ...getDefaults(), renderer }).parse(lexMarkdown(markdown));
  return { html: sanitizeHtml(html), headings: renderer.headings };
}

/** Lexes GFM the way renderMarkdown does: with marked, bounded for hostile input. */
export function lexMarkdown(markdown: string): TokensList {
  const tokenizer = new BoundedTokenizer();
  const lexer = new Lexer({ ...getDefaults(), tokenizer });
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

  override heading({ tokens, depth }: Tokens.Heading): string {
    const html = this.parser.parseInline(tokens);
    const text = htmlText(html);
    const id = this.#slugger.slug(slug(text) === '' ? 'section' : text);
    // The sanitizer prefixes every id; the anchor names the id the HTML ends up with.
    this.headings.push({ level: depth, text, anchor: prefixedId(id) });
    return `<h${depth} id="${escapeAttribute(id)}">${html}</h${depth}>\n`;
  }

  override code(token: Tokens.Code): string {
    return super.code({ ...token, lang: codeLanguage(token.lang) });
  }
}

// Only a plain language name from the info string (```ts title="x") becomes a class.
function codeLanguage(info: string | undefined): string | undefined {
  return /^([A-Za-z0-9_+-]+)(?:\s|$)/.exec(info ?? '')?.[1];
}
