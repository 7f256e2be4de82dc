import { decodeHTMLStrict } from 'entities';
import sanitize from 'sanitize-html';
import { embedFrameAttributes } from './markdown/embeds.js';
import { DEFAULT_LINK_POLICY, linkAttributes, type LinkPolicy } from './markdown/links.js';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const TABLE_CELL_ALIGN = { name: 'align', values: ['left', 'center', 'right'] };
// Inline styles are limited to what KaTeX (lengths, colours) and Shiki (theme variables) write:
// no url(), no position, nothing that can load or overlay anything.
const LENGTH = /^-?(?:\d+\.?\d*|\.\d+)(?:em|ex|px|pt|%)?$/;
const COLOR = /^(?:#[0-9a-f]{3,8}|[a-z]{3,20})$/i;
// Shiki's colours are the theme's CSS variables, so the page's stylesheet picks them.
const SHIKI_VARIABLE = /^var\(--shiki-[a-z-]+\)$/;

// What marked and its extensions emit (footnotes, KaTeX, Shiki, embeds), plus a few harmless
// tags authors write by hand. Everything else (script, style, object, form, ...) is dropped; so
// is every attribute not listed, which covers all on* handlers.
const POST_HTML: sanitize.IOptions = {
  allowedTags: [
    ...HEADINGS,
    'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'sup', 'sub',
    'em', 'strong', 'del', 's', 'ins', 'mark', 'b', 'i', 'u', 'small', 'abbr',
    'a', 'img', 'figure', 'figcaption',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'input',
    'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'details', 'summary', 'section', 'span', 'iframe',
    // KaTeX draws radicals and strokes as SVG paths; no SVG element that can script or link is allowed.
    'svg', 'path', 'line',
  ],
  allowedAttributes: {
    ...Object.fromEntries(HEADINGS.map((tag) => [tag, ['id', 'class']])),
    a: ['href', 'title', 'rel', 'target', 'id', 'aria-label', 'aria-describedby', 'data-footnote-ref', 'data-footnote-backref'],
    img: ['src', 'alt', 'title', 'width', 'height', 'srcset', 'sizes', 'loading', 'decoding'],
    iframe: ['src', 'title', 'width', 'height', 'loading', 'sandbox', 'allow', 'allowfullscreen', 'referrerpolicy'],
    ol: ['start'],
    li: ['id'],
    th: [TABLE_CELL_ALIGN],
    td: [TABLE_CELL_ALIGN],
    input: ['type', 'checked', 'disabled'],
    details: ['open'],
    abbr: ['title'],
    section: ['class', 'data-footnotes'],
    figure: ['class'],
    p: ['class'],
    pre: ['class', 'style', 'tabindex'],
    code: ['class'],
    span: ['class', 'style', 'title', 'aria-hidden'],
    svg: ['xmlns', 'width', 'height', 'viewbox', 'preserveaspectratio'],
    path: ['d'],
    line: ['x1', 'y1', 'x2', 'y2', 'stroke-width'],
  },
  allowedClasses: {
    code: [/^language-[A-Za-z0-9_+-]+$/],
    pre: ['shiki', 'css-variables'],
    section: ['footnotes'],
    h2: ['sr-only'],
    figure: ['embed'],
    p: ['math-display'],
    // Shiki's lines and KaTeX's many layout classes; a class can only pick a style the page defines.
    span: [/^[a-z][a-z0-9-]*$/],
  },
  allowedStyles: {
    pre: { 'background-color': [SHIKI_VARIABLE], color: [SHIKI_VARIABLE] },
    span: {
      color: [SHIKI_VARIABLE, COLOR],
      'font-style': [/^(?:italic|normal)$/],
      'font-weight': [/^(?:bold|normal)$/],
      'text-decoration': [/^(?:underline|line-through|none)$/],
      ...Object.fromEntries(
        ['height', 'vertical-align', 'top', 'margin-right', 'margin-left', 'width', 'min-width', 'padding-left', 'border-bottom-width', 'border-right-width', 'border-top-width']
          .map((property) => [property, [LENGTH]]),
      ),
    },
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
  exclusiveFilter: (frame) =>
    // The only input marked writes is a GFM task list checkbox; any other input goes.
    (frame.tag === 'input' && !isCheckbox(frame.attribs)) ||
    // An iframe that is not an allow-listed embed was stripped of its src: it goes too.
    (frame.tag === 'iframe' && !frame.attribs.src),
  transformTags: {
    input: readOnlyCheckbox,
    iframe: (tagName, attribs) => ({ tagName, attribs: embedFrameAttributes(attribs) ?? {} }),
  },
};

export interface SanitizeOptions {
  /** Which links are the site's own and which get nofollow. */
  links: LinkPolicy;
}

/** Reduces HTML to the allow-listed markup a post may contain. */
export function sanitizeHtml(html: string, { links }: SanitizeOptions = { links: DEFAULT_LINK_POLICY }): string {
  return sanitize(html, {
    ...POST_HTML,
    transformTags: {
      ...POST_HTML.transformTags,
      // Every element that may carry an id gets the prefix (see ID_PREFIX).
      ...Object.fromEntries(['li', ...HEADINGS].map((tag) => [tag, withPrefixedId])),
      a: (tagName, attribs) => link(tagName, attribs, links),
    },
  });
}

// Drops every tag; the content of script, style and the like goes with it.
const TEXT_ONLY: sanitize.IOptions = { allowedTags: [], allowedAttributes: {} };

/** The text a reader sees in an HTML fragment: no tags, entities decoded, whitespace collapsed. */
export function htmlText(html: string): string {
  return decodeHTMLStrict(sanitize(html, TEXT_ONLY)).replace(/\s+/g, ' ').trim();
}

/**
 * Post HTML is embedded in a page of its own: a bare `id="forms"` would shadow `document.forms`
 * there (DOM clobbering). Every id carries this prefix, as GitHub's do, and in-page links follow.
 */
const ID_PREFIX = 'user-content-';

export function prefixedId(id: string): string {
  return `${ID_PREFIX}${id}`;
}

function withPrefixedId(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  return { tagName, attribs: attribs.id ? { ...attribs, id: prefixedId(attribs.id) } : attribs };
}

// Links to a place in the post name its prefixed id; other links get the rel and target the
// link policy gives them, never the author's own.
function link(tagName: string, attribs: sanitize.Attributes, policy: LinkPolicy): sanitize.Tag {
  const { rel: _authorRel, target: _authorTarget, ...rest } = withPrefixedId(tagName, attribs).attribs;
  // A footnote reference names the footnotes' heading, whose id has the prefix too.
  if (rest['aria-describedby']) rest['aria-describedby'] = prefixedId(rest['aria-describedby']);
  const href = rest.href ?? '';
  if (/^#./.test(href)) return { tagName, attribs: { ...rest, href: `#${prefixedId(href.slice(1))}` } };
  return { tagName, attribs: { ...rest, ...linkAttributes(href, policy) } };
}

function readOnlyCheckbox(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  if (!isCheckbox(attribs)) return { tagName, attribs };
  return { tagName, attribs: { type: 'checkbox', disabled: '', ...('checked' in attribs && { checked: '' }) } };
}

function isCheckbox(attribs: sanitize.Attributes): boolean {
  return attribs.type?.toLowerCase() === 'checkbox';
}
