import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/content/markdown.js';

function count(html: string, fragment: string): number {
  return html.split(fragment).length - 1;
}

describe('renderMarkdown', () => {
  it('renders GFM: tables, task lists, strikethrough and autolinks', () => {
    const { html } = renderMarkdown(
      '| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~gone~~ www.example.com me@example.com',
    );
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain('<td align="right">2</td>');
    expect(html).toContain('<input type="checkbox" disabled checked /> done');
    expect(html).toContain('<input type="checkbox" disabled /> todo');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<a href="http://www.example.com" rel="nofollow noopener noreferrer" target="_blank">www.example.com</a>');
    expect(html).toContain('<a href="mailto:me@example.com">me@example.com</a>');
  });

  it('gives every heading an id and lists the headings in document order', () => {
    const { html, headings } = renderMarkdown('# One\n\ntext\n\n## Two\n\n> ### Quoted\n\n- #### Listed\n\nSetext\n------\n');
    expect(headings).toEqual([
      { level: 1, text: 'One', anchor: 'user-content-one' },
      { level: 2, text: 'Two', anchor: 'user-content-two' },
      { level: 3, text: 'Quoted', anchor: 'user-content-quoted' },
      { level: 4, text: 'Listed', anchor: 'user-content-listed' },
      { level: 2, text: 'Setext', anchor: 'user-content-setext' },
    ]);
    for (const { level, anchor } of headings) expect(html).toContain(`<h${level} id="${anchor}">`);
  });

  it('prefixes heading ids so they cannot shadow names of the page that embeds the html', () => {
    const { html, headings } = renderMarkdown('# Forms\n\n## Document\n\n<h2 id="cookie">Raw</h2>\n');
    expect(html).toContain('<h1 id="user-content-forms">Forms</h1>');
    expect(html).toContain('<h2 id="user-content-document">Document</h2>');
    expect(html).toContain('<h2 id="user-content-cookie">Raw</h2>');
    expect(html).not.toMatch(/id="(?!user-content-)/);
    expect(headings.map((heading) => heading.anchor)).toEqual(['user-content-forms', 'user-content-document']);
  });

  it('points links to a heading of the post at its prefixed id', () => {
    const { html, headings } = renderMarkdown('## Set up\n\nSee [setting up](#set-up), <a href="#set-up">again</a> or [top](#).\n');
    expect(html).toContain(`<a href="#${headings[0]!.anchor}">setting up</a>`);
    expect(html).toContain(`<a href="#${headings[0]!.anchor}">again</a>`);
    expect(html).toContain('<a href="#">top</a>');
  });

  it('numbers duplicate anchors GitHub style', () => {
    const { headings } = renderMarkdown('# Intro\n\n## Intro\n\n## Intro 1\n\n### Intro');
    expect(headings.map((heading) => heading.anchor)).toEqual(['intro', 'intro-1', 'intro-1-1', 'intro-2'].map((id) => `user-content-${id}`));
  });

  it('keeps CJK in anchors', () => {
    const { html, headings } = renderMarkdown('## 什么是 FQDN\n\n## 日本語の見出し');
    expect(headings.map((heading) => heading.anchor)).toEqual(['user-content-什么是-fqdn', 'user-content-日本語の見出し']);
    expect(html).toContain('<h2 id="user-content-什么是-fqdn">什么是 FQDN</h2>');
  });

  it('names headings without sluggable text section, section-1, ...', () => {
    const { headings } = renderMarkdown('# !!!\n\n## ???\n\n## Section\n\n## ![logo](logo.png)');
    expect(headings.map((heading) => heading.anchor)).toEqual(['section', 'section-1', 'section-2', 'section-3'].map((id) => `user-content-${id}`));
  });

  it('gives heading text without markup and with entities decoded', () => {
    const { headings } = renderMarkdown('## **Bold** `a<b>` &amp; [link](/x) &copy; <em>raw</em>\n');
    expect(headings[0]).toEqual({ level: 2, text: 'Bold a<b> & link © raw', anchor: 'user-content-bold-ab--link--raw' });
  });

  it('keeps the language of fenced code it does not highlight as a class and escapes the code', () => {
    const { html } = renderMarkdown('```zig title="x.zig"\nconst a = b < c && "d";\n```');
    expect(html).toBe('<pre><code class="language-zig">const a = b &lt; c &amp;&amp; "d";\n</code></pre>\n');
  });

  it.each([['c#'], ['"><script>'], ['js}']])('drops the info string %s', (info) => {
    const { html } = renderMarkdown(`\`\`\`${info}\nx\n\`\`\``);
    expect(html).toBe('<pre><code>x\n</code></pre>\n');
  });

  it.each([['c++'], ['objective-c'], ['shell_session']])('keeps the language %s', (language) => {
    expect(renderMarkdown(`\`\`\`${language}\nx\n\`\`\``).html).toContain(`<code class="language-${language}">`);
  });

  it('lets raw HTML in, sanitized', () => {
    const { html } = renderMarkdown('<details><summary>More</summary>\n\n<b onclick="x()">bold</b><script>alert(1)</script>\n\n</details>');
    expect(html).toContain('<details><summary>More</summary>');
    expect(html).toContain('<b>bold</b>');
    expect(html).not.toContain('script');
    expect(html).not.toContain('onclick');
  });

  it('does not render javascript: links', () => {
    expect(renderMarkdown('[click](javascript:alert(1))').html).toBe('<p><a>click</a></p>\n');
  });
});

// Each case must simply finish: vitest's timeout is the guard against a hang.
describe('renderMarkdown on hostile input', () => {
  const MEGABYTE = 1_000_000;

  it('survives 1 MB of [', () => {
    expect(count(renderMarkdown('['.repeat(MEGABYTE)).html, '[')).toBe(MEGABYTE);
  });

  it('survives 1 MB of *', () => {
    expect(renderMarkdown('*'.repeat(MEGABYTE)).html).toBe('<hr />\n');
  });

  it('survives 1 MB of <', () => {
    expect(count(renderMarkdown('<'.repeat(MEGABYTE)).html, '&lt;')).toBe(MEGABYTE);
  });

  it('survives 1 MB of &', () => {
    expect(count(renderMarkdown('&'.repeat(MEGABYTE)).html, '&amp;')).toBe(MEGABYTE);
  });

  it('caps blockquotes nested 10,000 deep', () => {
    const { html } = renderMarkdown(`${'>'.repeat(10_000)} deep`);
    expect(count(html, '<blockquote>')).toBe(32);
    expect(html).toContain('deep');
  });

  it('caps lists nested 5,000 deep', () => {
    for (const marker of ['- ', '1. ', '* ']) {
      const { html } = renderMarkdown(`${marker.repeat(5_000)}deep`);
      expect(count(html, '<li>')).toBe(32);
      expect(html).toContain('deep');
    }
  });

  it('caps lists nested by indentation', () => {
    const markdown = Array.from({ length: 1_000 }, (_, depth) => `${'  '.repeat(depth)}- item ${depth}`).join('\n');
    const { html } = renderMarkdown(markdown);
    expect(count(html, '<ul>')).toBe(32);
    expect(html).toContain('item 999');
  });

  it('caps blockquotes and lists nested in each other', () => {
    expect(count(renderMarkdown(`${'> - '.repeat(5_000)}deep`).html, '<blockquote>')).toBe(16);
  });

  it('caps emphasis and strikethrough nested 10,000 deep', () => {
    for (const [open, close, tag] of [['*a ', ' a*', '<em>'], ['**a ', ' a**', '<strong>'], ['~~a ', ' a~~', '<del>']]) {
      const { html } = renderMarkdown(open!.repeat(10_000) + close!.repeat(10_000));
      expect(count(html, tag!)).toBe(32);
    }
  });

  it('survives an unclosed fence', () => {
    const { html } = renderMarkdown(`\`\`\`js\n${'<script>\n'.repeat(100_000)}`);
    expect(html.startsWith('<pre><code class="language-js">&lt;script&gt;\n')).toBe(true);
    expect(html).not.toContain('<script>');
  });

  it.each([
    ['a_a_a_…', 'a_'.repeat(MEGABYTE / 2)],
    ['a!a!a!…', 'a!'.repeat(MEGABYTE / 2)],
    ['*a*a*a…', '*a'.repeat(MEGABYTE / 2)],
    ['[]()[]()…', '[]()'.repeat(MEGABYTE / 4)],
    ['`[]()<>…', '`[]()<>'.repeat(MEGABYTE / 7)],
    ['![![![…', `${'!['.repeat(50_000)}a${'](b)'.repeat(50_000)}`],
  ])('stays fast on %s (1 MB)', (_name, markdown) => {
    expect(renderMarkdown(markdown).html.length).toBeGreaterThan(0);
  });

  it('treats raw HTML past 10,000 tags as text', () => {
    const { html } = renderMarkdown('x <b>'.repeat(50_000));
    expect(count(html, '<b>')).toBe(10_000);
    expect(html).toContain('&lt;b&gt;');
  });

  it('survives a block of 200,000 unclosed raw tags', () => {
    const { html } = renderMarkdown('<div>'.repeat(200_000));
    expect(html).not.toContain('<div>');
  });
});
