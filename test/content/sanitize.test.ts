import { decodeHTMLStrict } from 'entities';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/content/markdown.js';
import { htmlText, sanitizeHtml } from '../../src/content/sanitize.js';

const ALLOWED_TAGS = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp',
  'sup', 'sub', 'em', 'strong', 'del', 's', 'ins', 'mark', 'b', 'i', 'u', 'small', 'abbr', 'a', 'img',
  'figure', 'figcaption', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'input', 'table', 'thead', 'tbody',
  'tr', 'th', 'td', 'details', 'summary',
  // Kept for footnotes, KaTeX and Shiki, with no attribute that can script or link.
  'section', 'span', 'svg', 'path', 'line',
]);

/** Fails unless `html` holds only allow-listed tags, no handlers and no dangerous URLs. */
function expectInert(html: string): void {
  for (const [, tag] of html.matchAll(/<\/?([a-z][a-z0-9-]*)/gi)) {
    expect(ALLOWED_TAGS, `tag <${tag}> in ${html}`).toContain(tag!.toLowerCase());
  }
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
  for (const [, url] of html.matchAll(/\s(?:href|src)="([^"]*)"/gi)) {
    const scheme = decodeHTMLStrict(url!).replace(/[\x00-\x20]/g, '');
    expect(scheme).not.toMatch(/^(?:javascript|vbscript|data|file):/i);
  }
}

describe('sanitizeHtml', () => {
  it.each([
    ['script tag', '<p>hi</p><script>alert(1)</script>'],
    ['script with attributes', '<script src="https://evil.example/x.js"></script>'],
    ['img onerror', '<img src=x onerror=alert(1)>'],
    ['mixed-case javascript: href', '<a href="JaVaScRiPt:alert(1)">x</a>'],
    ['tab inside the scheme', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ['newline inside the scheme', '<a href="java\nscript:alert(1)">x</a>'],
    ['entity-encoded scheme', '<a href="&#106;&#97;vascript&colon;alert(1)">x</a>'],
    ['hex-encoded scheme', '<a href="&#x6A;&#x61;&#x76;&#x61;script:alert(1)">x</a>'],
    ['leading space before the scheme', '<a href=" javascript:alert(1)">x</a>'],
    ['vbscript: href', '<a href="vbscript:msgbox(1)">x</a>'],
    ['data: href', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
    ['data: image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="x">'],
    ['javascript: image', '<img src="javascript:alert(1)">'],
    ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
    ['svg script', '<svg><script>alert(1)</script></svg>'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['style element', '<style>body { background: url(javascript:alert(1)) }</style>'],
    ['style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
    ['math with xlink', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>'],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf">'],
    ['form and button', '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button></form>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
    ['base href', '<base href="https://evil.example/">'],
    ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">'],
    ['event handler on an allowed tag', '<h2 id="x" onclick="alert(1)" onmouseover="alert(1)">h</h2>'],
    ['noscript confusion', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
    ['text input', '<input type="text" value="x" onfocus="alert(1)" autofocus>'],
  ])('leaves no active content from %s', (_name, dirty) => {
    expectInert(sanitizeHtml(dirty));
  });

  it.each([
    ['[x](javascript:alert(1))'],
    ['[x](JAVASCRIPT:alert(1))'],
    ['[x](vbscript:msgbox(1))'],
    ['![x](data:image/png;base64,AAAA)'],
    ['<a href="javascript:alert(1)">x</a>'],
    ['<img src=x onerror=alert(1)>'],
    ['[x]: javascript:alert(1)\n\n[link][x]'],
    ['<javascript:alert(1)>'],
  ])('leaves no active content from the markdown %s', (markdown) => {
    expectInert(renderMarkdown(markdown).html);
  });

  it('removes the content of script and style along with the tags', () => {
    expect(sanitizeHtml('<p>a</p><script>alert(1)</script><style>p{}</style>')).toBe('<p>a</p>');
  });

  it('keeps the text of disallowed formatting tags', () => {
    expect(sanitizeHtml('<font color="red">kept</font>')).toBe('kept');
  });

  it('keeps tables with cell alignment', () => {
    const table = '<table><thead><tr><th align="left">a</th></tr></thead><tbody><tr><td align="right">1</td></tr></tbody></table>';
    expect(sanitizeHtml(table)).toBe(table);
  });

  it('keeps task list checkboxes, always disabled', () => {
    expect(sanitizeHtml('<input type="checkbox" checked>')).toBe('<input type="checkbox" disabled checked />');
    expect(sanitizeHtml('<input type="checkbox">')).toBe('<input type="checkbox" disabled />');
  });

  it('keeps only language-X classes, and only on code', () => {
    expect(sanitizeHtml('<code class="language-ts highlight">x</code>')).toBe('<code class="language-ts">x</code>');
    expect(sanitizeHtml('<code class="language-a&quot;b">x</code>')).toBe('<code>x</code>');
    expect(sanitizeHtml('<p class="language-ts">x</p>')).toBe('<p>x</p>');
  });

  it('keeps heading ids, prefixed', () => {
    expect(sanitizeHtml('<h2 id="intro">Intro</h2>')).toBe('<h2 id="user-content-intro">Intro</h2>');
  });

  it.each([
    ['https://example.com/a', true],
    ['http://example.com', true],
    ['//example.com', true],
    ['/\\example.com', true],
    ['/posts/hello', false],
    ['?page=2', false],
    ['mailto:me@example.com', false],
  ])('marks a link to %s as another site: %s', (href, external) => {
    const html = sanitizeHtml(`<a href="${href}" rel="opener">x</a>`);
    expect(html).toContain(`href="${href}"`);
    if (external) expect(html).toContain('rel="nofollow noopener noreferrer"');
    else expect(html).not.toContain('rel=');
  });

  it('points an in-page link at the prefixed id, leaving rel alone', () => {
    expect(sanitizeHtml('<a href="#section" rel="opener">x</a>')).toBe('<a href="#user-content-section">x</a>');
  });

  it('keeps images from http, https and relative URLs', () => {
    expect(sanitizeHtml('<img src="https://cdn.example/a.png" alt="a" title="t">')).toBe(
      '<img src="https://cdn.example/a.png" alt="a" title="t" />',
    );
    expect(sanitizeHtml('<img src="/a.png" alt="a">')).toBe('<img src="/a.png" alt="a" />');
  });
});

describe('htmlText', () => {
  it('drops tags, script and style content, decodes entities and collapses whitespace', () => {
    expect(htmlText('<p>Fish &amp; <b>chips</b></p>\n<script>alert(1)</script><style>p{}</style>  &lt;tag&gt; &copy;')).toBe(
      'Fish & chips <tag> ©',
    );
  });
});
