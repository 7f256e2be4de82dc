import { describe, expect, it } from 'vitest';
import { bundleImages } from '../../src/transfer/bundle-images.js';
import { rewriteImageSources } from '../../src/transfer/image-references.js';

describe('bundleImages', () => {
  const names = new Map([
    ['/media/aa/cover.jpg', 'cover.jpg'],
    ['/media/bb/diagram.png', 'diagram.png'],
    ['/media/cc/diagram.png', 'uploads/diagram.png'],
  ]);

  it('turns media URLs into file names beside the Markdown, the cover included', () => {
    const bundled = bundleImages(
      {
        markdown: '![d](/media/bb/diagram.png) ![again](/media/bb/diagram.png) ![other](/media/cc/diagram.png) ![ext](https://x.org/a.png)',
        coverImage: { path: '/media/aa/cover.jpg', alt: '封面' },
      },
      names,
    );
    expect(bundled).toEqual({
      markdown: '![d](diagram.png) ![again](diagram.png) ![other](diagram-2.png) ![ext](https://x.org/a.png)',
      coverImage: { path: 'cover.jpg', alt: '封面' },
      files: [
        { url: '/media/aa/cover.jpg', fileName: 'cover.jpg' },
        { url: '/media/bb/diagram.png', fileName: 'diagram.png' },
        { url: '/media/cc/diagram.png', fileName: 'diagram-2.png' },
      ],
    });
  });

  it('undoes an import: rewriting the names back to the URLs gives the Markdown again', () => {
    const markdown = '前言\n\n![d](/media/bb/diagram.png "图")\n\n```\n![x](/media/bb/diagram.png)\n```\n';
    const bundled = bundleImages({ markdown, coverImage: null }, names);
    expect(bundled.markdown).toBe('前言\n\n![d](diagram.png "图")\n\n```\n![x](/media/bb/diagram.png)\n```\n');
    const urlByName = new Map(bundled.files.map((file) => [file.fileName, file.url]));
    expect(rewriteImageSources(bundled.markdown, urlByName)).toBe(markdown);
  });

  it('leaves a cover the map does not know as it is', () => {
    const bundled = bundleImages({ markdown: '', coverImage: { path: 'https://x.org/c.jpg', alt: null } }, names);
    expect(bundled).toEqual({ markdown: '', coverImage: { path: 'https://x.org/c.jpg', alt: null }, files: [] });
  });
});
