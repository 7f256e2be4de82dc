import { describe, expect, it } from 'vitest';
import { imageSources, type MarkdownImage, renderMarkdown } from '../../src/content/markdown.js';
import type { LinkPolicy } from '../../src/content/markdown/links.js';

const html = (markdown: string, links?: LinkPolicy) => renderMarkdown(markdown, { links }).html;

describe('footnotes', () => {
  const rendered = html('Claim[^1] and again[^note].\n\n[^1]: The *source*.\n[^note]: Another.\n');

  it('links each reference to its note and back, by ids that carry the sanitizer prefix', () => {
    expect(rendered).toContain('<sup><a id="user-content-footnote-ref-1" href="#user-content-footnote-1" data-footnote-ref aria-describedby="user-content-footnote-label">1</a></sup>');
    expect(rendered).toContain('<li id="user-content-footnote-1">\n<p>The <em>source</em>. <a href="#user-content-footnote-ref-1" data-footnote-backref');
    expect(rendered).toContain('<h2 id="user-content-footnote-label" class="sr-only">Footnotes</h2>');
    expect(rendered).toContain('<li id="user-content-footnote-note">');
  });

  it('puts the notes at the end, numbered in order of reference', () => {
    expect(rendered.indexOf('<section class="footnotes" data-footnotes>')).toBeGreaterThan(rendered.indexOf('again'));
    expect(rendered).toMatch(/footnote-ref-note" href="#user-content-footnote-note" data-footnote-ref aria-describedby="user-content-footnote-label">2</);
  });

  it('leaves a reference without a note as text', () => {
    expect(html('Dangling[^9].')).toBe('<p>Dangling[^9].</p>\n');
  });

  it('keeps every document to its own notes', () => {
    html('First[^a].\n\n[^a]: One.');
    expect(html('Second[^b].\n\n[^b]: Two.')).not.toContain('One.');
  });
});

describe('syntax highlighting', () => {
  it('colours code by CSS variables and keeps the language as a class', () => {
    const rendered = html('```ts\nconst answer = 42;\n```');
    expect(rendered).toMatch(/^<pre class="shiki css-variables" style="background-color:var\(--shiki-background\);color:var\(--shiki-foreground\)" tabindex="0"><code class="language-ts">/);
    expect(rendered).toContain('<span style="color:var(--shiki-token-keyword)">const</span>');
    expect(rendered).toContain('42');
  });

  it('knows the usual aliases of a language', () => {
    expect(html('```py\ndef f(): pass\n```')).toContain('<code class="language-py"><span class="line"><span style="color:var(--shiki-token-keyword)">def</span>');
  });

  it('escapes what it highlights', () => {
    const rendered = html('```html\n<script>alert(1)</script>\n```');
    expect(rendered).toContain('&lt;');
    expect(rendered).not.toContain('<script');
  });

  it('leaves an unknown language plain and escaped, with its class', () => {
    expect(html('```brainfuck\n<+>\n```')).toBe('<pre><code class="language-brainfuck">&lt;+&gt;\n</code></pre>\n');
  });
});

describe('math', () => {
  it('renders $...$ inline and $$...$$ as a display, as KaTeX HTML', () => {
    const inline = html('Energy: $E=mc^2$.');
    expect(inline).toMatch(/^<p>Energy: <span class="katex"><span class="katex-html" aria-hidden="true">/);
    expect(inline).toContain('<span class="mord mathnormal">m</span>');
    const display = html('$$\n\\frac{a}{b}\n$$\n');
    expect(display).toMatch(/^<p class="math-display"><span class="katex-display"><span class="katex">/);
    expect(display).toContain('class="mfrac"');
  });

  it('keeps KaTeX\'s drawing of a radical', () => {
    expect(html('$\\sqrt{x}$')).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="400em" height="1.08em" viewbox="0 0 400000 1080" preserveaspectratio="xMinYMin slice"><path d="M95,702/);
  });

  it.each([['$5 and $10'], ['costs $5, or $6.'], ['from $3 to $4'], ['\\$x\\$']])('leaves %s as prose', (text) => {
    expect(html(text)).not.toContain('katex');
  });

  it('renders invalid TeX as an error span instead of throwing', () => {
    expect(html('$\\frac{$')).toContain('<span class="katex-error" title="ParseError: KaTeX parse error');
  });

  it('does not let TeX link anywhere', () => {
    const rendered = html('$\\href{javascript:alert(1)}{x}$ $\\url{https://evil.example}$');
    expect(rendered).not.toContain('<a');
    expect(rendered).not.toContain('javascript:');
  });
});

describe('embeds', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'YouTube embed'],
    ['https://youtu.be/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'YouTube embed'],
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871', 'Vimeo embed'],
    ['https://codepen.io/someone/pen/abcDEF1', 'https://codepen.io/someone/embed/abcDEF1?default-tab=result', 'CodePen embed'],
    ['https://www.bilibili.com/video/BV1xx411c7mD', 'https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&amp;autoplay=0', 'Bilibili embed'],
    ['https://youtu.be/dQw4w9WgXcQ?t=42', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42', 'YouTube embed'],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90', 'YouTube embed'],
    ['https://vimeo.com/channels/staffpicks/76979871', 'https://player.vimeo.com/video/76979871', 'Vimeo embed'],
    ['https://codepen.io/team/codepen/pen/PNaGbb', 'https://codepen.io/team/codepen/embed/PNaGbb?default-tab=result', 'CodePen embed'],
    ['https://www.bilibili.com/video/av170001', 'https://player.bilibili.com/player.html?aid=170001&amp;autoplay=0', 'Bilibili embed'],
  ])('turns a link to %s alone on its line into the player', (link, src, title) => {
    expect(html(`Watch:\n\n${link}\n\nAfter.`)).toContain(
      `<figure class="embed"><iframe src="${src}" title="${title}" width="560" height="315" loading="lazy" sandbox="allow-scripts allow-same-origin allow-popups allow-presentation" allow="accelerometer; clipboard-write; encrypted-media; fullscreen; gyroscope; picture-in-picture" allowfullscreen referrerpolicy="strict-origin-when-cross-origin"></iframe></figure>`,
    );
  });

  it.each([
    ['a link inside a sentence', 'See https://youtu.be/dQw4w9WgXcQ here'],
    ['a link with its own text', '[my video](https://youtu.be/dQw4w9WgXcQ)'],
    ['a host not on the list', 'https://evil.example/watch?v=dQw4w9WgXcQ'],
    ['a look-alike host', 'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ'],
    ['a malformed video id', 'https://www.youtube.com/watch?v=dQw4w9"><script>'],
  ])('leaves %s a link', (_name, markdown) => {
    expect(html(markdown)).not.toContain('<iframe');
  });

  it('strips iframes to anything but an embed URL, and fixes the attributes of those it keeps', () => {
    expect(html('<iframe src="https://evil.example/"></iframe>')).toBe('');
    expect(html('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ/../../evil"></iframe>')).toBe('');
    const kept = html('<iframe src="https://player.vimeo.com/video/1" sandbox="allow-top-navigation" onload="x()" srcdoc="<b>"></iframe>');
    expect(kept).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"');
    expect(kept).not.toMatch(/allow-top-navigation|onload|srcdoc/);
  });
});

describe('links', () => {
  const markdown = '[out](https://other.example/a) [home](https://blog.example/about) [rel](/tags) [top](#x) [mail](mailto:me@blog.example)';
  const site = 'https://blog.example';

  it('marks links to other hosts nofollow, opened apart, and leaves own links alone by default', () => {
    expect(html(markdown, { siteOrigin: site, nofollow: 'external' })).toBe(
      '<p><a href="https://other.example/a" rel="nofollow noopener noreferrer" target="_blank">out</a> <a href="https://blog.example/about">home</a> <a href="/tags">rel</a> <a href="#user-content-x">top</a> <a href="mailto:me@blog.example">mail</a></p>\n',
    );
  });

  it('follows every link with nofollow none, still opening external ones apart', () => {
    expect(html(markdown, { siteOrigin: site, nofollow: 'none' })).toContain('<a href="https://other.example/a" rel="noopener noreferrer" target="_blank">out</a> <a href="https://blog.example/about">home</a>');
  });

  it('marks every link nofollow with all', () => {
    expect(html(markdown, { siteOrigin: site, nofollow: 'all' })).toContain('<a href="https://blog.example/about" rel="nofollow">home</a> <a href="/tags" rel="nofollow">rel</a>');
  });

  it('treats every absolute link as external when the site has no address', () => {
    expect(html('[home](https://blog.example/about)')).toContain('rel="nofollow noopener noreferrer" target="_blank"');
  });

  it.each([['//evil.example/x'], ['/\\evil.example/x'], ['https://blog.example.evil.example/']])('sees %s as leaving the site', (href) => {
    expect(html(`<a href="${href}">x</a>`, { siteOrigin: site, nofollow: 'external' })).toContain('target="_blank"');
  });

  it('drops the rel and target an author wrote', () => {
    expect(html('<a href="/x" rel="opener" target="_top">x</a>', { siteOrigin: site, nofollow: 'external' })).toBe('<p><a href="/x">x</a></p>\n');
  });
});

describe('images', () => {
  const dog: MarkdownImage = { src: '/media/ab12/dog.jpg', width: 1600, height: 900, srcSet: '/media/ab12/dog-640.webp 640w, /media/ab12/dog-1280.webp 1280w', sizes: '(max-width: 720px) 100vw, 720px' };

  it('renders an image from the media store with its size and variants', () => {
    const { html: rendered } = renderMarkdown('![A dog](dog.jpg "Rex")', { images: new Map([['dog.jpg', dog]]) });
    expect(rendered).toBe(
      '<p><img src="/media/ab12/dog.jpg" width="1600" height="900" srcset="/media/ab12/dog-640.webp 640w, /media/ab12/dog-1280.webp 1280w" sizes="(max-width: 720px) 100vw, 720px" alt="A dog" title="Rex" loading="lazy" decoding="async" /></p>\n',
    );
  });

  it('renders any other image lazily, without a size', () => {
    expect(html('![x](https://cdn.example/x.png)')).toBe('<p><img src="https://cdn.example/x.png" alt="x" loading="lazy" decoding="async" /></p>\n');
  });

  it('carries the map through the rendering threads unchanged', async () => {
    const { renderOffThread } = await import('../../src/editing/render-pool.js');
    const derived = await renderOffThread({ title: 'Dog', markdown: '![A dog](dog.jpg)', summary: null }, { images: new Map([['dog.jpg', dog]]) });
    expect(derived.html).toContain('srcset="/media/ab12/dog-640.webp 640w, /media/ab12/dog-1280.webp 1280w"');
  });

  it('lists every image source as written, once, references and footnotes included', () => {
    const markdown = '![a](one.png) ![b](<two words.png>) ![c][ref] ![a again](one.png)\n\nNote[^1].\n\n[ref]: ../three.jpg\n[^1]: ![d](four.gif)\n';
    expect(imageSources(markdown)).toEqual(['one.png', 'two words.png', '../three.jpg', 'four.gif']);
  });
});

describe('Hugo figures', () => {
  it('render {{< figure >}} alone on its line as a figure with its caption, the image looked up like any', () => {
    const markdown = 'Intro.\n\n{{< figure src="/media/c4/original.png" alt="A cat" caption="On the <mat>" >}}\n\nAfter.';
    const images = new Map([['/media/c4/original.png', { src: '/media/c4/640.png', width: 640, height: 480, srcSet: '/media/c4/640.png 640w', sizes: '100vw' }]]);
    expect(imageSources(markdown)).toEqual(['/media/c4/original.png']);
    expect(renderMarkdown(markdown, { images }).html).toBe(
      '<p>Intro.</p>\n<figure><img src="/media/c4/640.png" width="640" height="480" srcset="/media/c4/640.png 640w" sizes="100vw" alt="A cat" loading="lazy" decoding="async" />' +
        '<figcaption>On the &lt;mat&gt;</figcaption></figure>\n<p>After.</p>\n',
    );
  });

  it('keep a figure without src as text, and a hostile src out', () => {
    expect(renderMarkdown('{{< figure title="no image" >}}').html).toContain('{{&lt; figure title="no image" &gt;}}');
    expect(renderMarkdown('{{< figure src="javascript:alert(1)" caption="x" >}}').html).toBe(
      '<figure><img alt="" loading="lazy" decoding="async" /><figcaption>x</figcaption></figure>\n',
    );
  });
});
