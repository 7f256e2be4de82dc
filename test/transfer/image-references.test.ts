import { describe, expect, it } from 'vitest';
import {
  candidateFiles,
  findImageSources,
  resolveImageReferences,
  rewriteImageSources,
} from '../../src/transfer/image-references.js';

const sources = (markdown: string) => findImageSources(markdown).map((span) => span.src);

describe('findImageSources', () => {
  it('finds Markdown images, HTML img tags and Hugo figures in document order', () => {
    const markdown = [
      '![a](one.png) text ![b [nested]](/images/two.png "title")',
      '<img alt="x" src="three.jpg" width="3">',
      '{{< figure src="four.webp" caption="图" >}}',
      '![spaces](<my picture.png>) ![parens](a(1).png)',
    ].join('\n');
    expect(sources(markdown)).toEqual(['one.png', '/images/two.png', 'three.jpg', 'four.webp', 'my picture.png', 'a(1).png']);
  });

  it('gives spans that cover exactly the source', () => {
    const markdown = 'x ![a](<b c.png> "t") y';
    const [span] = findImageSources(markdown);
    expect(markdown.slice(span!.start, span!.end)).toBe('b c.png');
  });

  it('skips fenced code blocks and inline code', () => {
    const markdown = [
      '```md',
      '![in fence](no1.png)',
      '```',
      'Write `![code](no2.png)` or ``![x](no3.png)`` to show one.',
      '~~~~',
      '![tilde](no4.png)',
      '```',
      '~~~~',
      '![after](yes.png)',
    ].join('\n');
    expect(sources(markdown)).toEqual(['yes.png']);
  });

  it('reads src, not data-src or srcset', () => {
    expect(sources('<img data-src="lazy.png" srcset="a.png 2x" src="real.png">')).toEqual(['real.png']);
  });

  it('ignores a link that is not an image, and an unclosed fence hides the rest', () => {
    expect(sources('[link](page.png) ![](img.png)')).toEqual(['img.png']);
    expect(sources('```\n![a](b.png)\n')).toEqual([]);
  });
});

describe('resolveImageReferences', () => {
  const site = new Set([
    'content/posts/my-post/index.md',
    'content/posts/my-post/diagram.png',
    'content/posts/my-post/cover.jpg',
    'static/images/network.png',
    'images/root-only.png',
    'static/posts/shared.png',
  ]);
  const postFile = 'content/posts/my-post/index.md';

  it('looks in the bundle folder, then static/, then the site root, and puts the cover first', () => {
    const markdown = '![d](diagram.png) ![n](/images/network.png) ![r](/images/root-only.png) ![s](posts/shared.png)';
    const { images, errors } = resolveImageReferences({ markdown, coverImage: { path: 'cover.jpg' } }, postFile, site);
    expect(errors).toEqual([]);
    expect(images).toEqual([
      { src: 'cover.jpg', file: 'content/posts/my-post/cover.jpg', cover: true },
      { src: 'diagram.png', file: 'content/posts/my-post/diagram.png', cover: false },
      { src: '/images/network.png', file: 'static/images/network.png', cover: false },
      { src: '/images/root-only.png', file: 'images/root-only.png', cover: false },
      { src: 'posts/shared.png', file: 'static/posts/shared.png', cover: false },
    ]);
  });

  it('lists the cover once when the Markdown shows it too', () => {
    const { images } = resolveImageReferences({ markdown: '![c](cover.jpg)', coverImage: { path: 'cover.jpg' } }, postFile, site);
    expect(images).toEqual([{ src: 'cover.jpg', file: 'content/posts/my-post/cover.jpg', cover: true }]);
  });

  it('leaves URLs elsewhere alone and lists an image used twice once', () => {
    const markdown = '![a](https://cdn.example/x.png) ![b](//cdn.example/y.png) ![c](data:image/png;base64,AA) ![d](diagram.png) ![e](diagram.png)';
    const { images } = resolveImageReferences({ markdown, coverImage: null }, postFile, site);
    expect(images.map((image) => image.src)).toEqual(['diagram.png']);
  });

  it('decodes percent-escapes and drops a query or fragment to find the file', () => {
    const files = new Set(['content/a/my pic.png']);
    const { images } = resolveImageReferences({ markdown: '![x](my%20pic.png?v=2#top)', coverImage: null }, 'content/a/index.md', files);
    expect(images).toEqual([{ src: 'my%20pic.png?v=2#top', file: 'content/a/my pic.png', cover: false }]);
  });

  it('reports each missing file naming the post file, the source and where it looked', () => {
    const { images, errors } = resolveImageReferences(
      { markdown: '![m](missing.png)', coverImage: { path: '/img/gone.jpg' } },
      postFile,
      site,
    );
    expect(images).toEqual([]);
    expect(errors).toEqual([
      'content/posts/my-post/index.md: image "/img/gone.jpg" not found; looked for static/img/gone.jpg, img/gone.jpg',
      'content/posts/my-post/index.md: image "missing.png" not found; looked for content/posts/my-post/missing.png, static/missing.png, missing.png',
    ]);
  });

  it('never looks outside the site', () => {
    expect(candidateFiles('../../../etc/passwd', 'content/a.md')).toEqual([]);
    expect(candidateFiles('/../../etc/passwd', 'content/a.md')).toEqual(['static/etc/passwd', 'etc/passwd']);
  });
});

describe('rewriteImageSources', () => {
  it('replaces only the sources it is given, every other byte unchanged', () => {
    const markdown = '# 标题\r\n\r\n![图](diagram.png "t")  <img src="/images/n.png">\r\n`![code](diagram.png)`\r\n![keep](other.png)\n';
    const rewritten = rewriteImageSources(
      markdown,
      new Map([
        ['diagram.png', '/media/ab/diagram.png'],
        ['/images/n.png', '/media/cd/n.png'],
      ]),
    );
    expect(rewritten).toBe(
      '# 标题\r\n\r\n![图](/media/ab/diagram.png "t")  <img src="/media/cd/n.png">\r\n`![code](diagram.png)`\r\n![keep](other.png)\n',
    );
  });

  it('wraps a URL with spaces in angle brackets, unless it is in brackets already', () => {
    expect(rewriteImageSources('![a](x.png)', new Map([['x.png', 'my pic.png']]))).toBe('![a](<my pic.png>)');
    expect(rewriteImageSources('![a](<x y.png>)', new Map([['x y.png', 'my pic.png']]))).toBe('![a](<my pic.png>)');
  });

  it('writes a URL with spaces into an HTML attribute as it is', () => {
    expect(rewriteImageSources('<img src="x.png">', new Map([['x.png', 'my pic.png']]))).toBe('<img src="my pic.png">');
  });

  it('is the identity with an empty map', () => {
    const markdown = '![a](x.png) <img src="y.png">';
    expect(rewriteImageSources(markdown, new Map())).toBe(markdown);
  });
});
