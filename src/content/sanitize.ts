import { decodeHTMLStrict } from 'entities';
import sanitize from 'sanitize-html';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const TABLE_CELL_ALIGN = { name: 'align', values: ['left', 'center', 'right'] };

// What marked emits, plus a few harmless tags authors write by hand. Everything else
// (script, style, iframe, svg, math, form, ...) is dropped; so is every attribute not
// listed, which covers all on* handlers.
const POST_HTML: sanitize.IOptions = {
  allowedTags: [
    ...HEADINGS,
    'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'sup', 'sub',
    'em', 'strong', 'del', 's', 'ins', 'mark', 'b', 'i', 'u', 'small', 'abbr',
    'a', 'img', 'figure', 'figcaption',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'input',
    'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'details', 'summary',
  ],
  allowedAttributes: {
    ...Object.fromEntries(HEADINGS.map((tag) => [tag, ['id']])),
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: [TABLE_CELL_ALIGN],
    td: [TABLE_CELL_ALIGN],
    input: ['type', 'checked', 'disabled'],
    details: ['open'],
    abbr: ['title'],
  },
  allowedClasses: { code: [/^language-[A-Za-z0-9_+-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  // The only input marked writes is a GFM task list checkbox; any other input goes.
  exclusiveFilter: (frame) => frame.tag === 'input' && !isCheckbox(frame.attribs),
  transformTags: {
    ...Object.fromEntries(HEADINGS.map((tag) => [tag, headingWithPrefixedId])),
    a: link,
    input: readOnlyCheckbox,
  },
};

// Drops every tag; the content of script, style and the like goes with it.
const TEXT_ONLY: sanitize.IOptions = { allowedTags: [], allowedAttributes: {} };

/** Reduces HTML to the allow-listed markup a post may contain. */
export function sanitizeHtml(html: string): string {
  return sanitize(html, POST_HTML);
}

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

function headingWithPrefixedId(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  return { tagName, attribs: attribs.id ? { ...attribs, id: prefixedId(attribs.id) } : attribs };
}

// Links to other sites must not get a handle on the reader's page nor rank from us; links to a
// place in the post name its prefixed id.
function link(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  const { rel: _authorRel, ...rest } = attribs;
  const href = rest.href ?? '';
  if (/^#./.test(href)) return { tagName, attribs: { ...rest, href: `#${prefixedId(href.slice(1))}` } };
  return {
    tagName,
    attribs: leavesSite(href) ? { ...rest, rel: 'nofollow noopener noreferrer' } : rest,
  };
}

// Browsers drop tabs and newlines anywhere in a URL and read `\` as `/`, so `/\host`
// and `ht<tab>tps://host` both lead off-site.
function leavesSite(href: string): boolean {
  const url = href.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, '');
  return /^(?:https?:|[\\/]{2})/i.test(url);
}

function readOnlyCheckbox(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  if (!isCheckbox(attribs)) return { tagName, attribs };
  return { tagName, attribs: { type: 'checkbox', disabled: '', ...('checked' in attribs && { checked: '' }) } };
}

function isCheckbox(attribs: sanitize.Attributes): boolean {
  return attribs.type?.toLowerCase() === 'checkbox';
}
