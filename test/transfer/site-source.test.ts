import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPostFile, parsePostFile } from '../../src/content/front-matter.js';
import { bundleImages } from '../../src/transfer/bundle-images.js';
import { rewriteImageSources } from '../../src/transfer/image-references.js';
import { readSiteSource } from '../../src/transfer/site-source.js';

const hugoSite = fileURLToPath(new URL('../fixtures/hugo-site/', import.meta.url));
const temporary: string[] = [];

afterAll(async () => {
  await Promise.all(temporary.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('readSiteSource on the Hugo fixture', () => {
  it('reads every post and page, sections aside, with nothing missing', async () => {
    const site = await readSiteSource(hugoSite);
    expect(site.errors).toEqual([]);
    expect(site.warnings).toEqual(['content/posts/my-post/index.md: aliases: "/?p=42" ignored: its last path segment is no slug']);
    expect(site.config?.timeZone).toBe('Asia/Shanghai');
    expect(site.authors.map((author) => author.slug)).toEqual(['jane-doe', 'li-lei']);
    expect(site.avatarFiles).toEqual(
      new Map([
        ['jane-doe', 'static/images/authors/jane-doe.jpg'],
        ['li-lei', 'static/images/authors/li-lei.jpg'],
      ]),
    );
    expect(site.posts.map(({ file, post }) => [file, post.slug, post.kind])).toEqual([
      ['content/about.md', 'about', 'PAGE'],
      ['content/pages/uses.md', 'uses', 'PAGE'],
      ['content/posts/2023-year-in-review.md', '2023-year-in-review', 'POST'],
      ['content/posts/draft-dns.md', 'draft-dns', 'POST'],
      ['content/posts/my-post/index.md', 'my-post', 'POST'],
      ['content/posts/raspberry-pi-kubernetes.md', 'raspberry-pi-kubernetes', 'POST'],
    ]);
  });

  it('reads the page bundle: authors, cover, SEO, former slugs and its images', async () => {
    const site = await readSiteSource(hugoSite);
    const bundle = site.posts.find((entry) => entry.file === 'content/posts/my-post/index.md')!;
    expect(bundle.post).toMatchObject({
      title: 'Rust 闭包的三个 trait',
      date: new Date('2024-03-10T13:30:00.000Z'),
      updated: new Date('2024-04-02T01:00:00.000Z'),
      authors: ['li-lei', 'jane-doe'],
      tags: ['rust', '闭包'],
      coverImage: { path: 'cover.jpg', alt: '一把锁和三把钥匙' },
      seo: { description: 'Fn、FnMut 和 FnOnce 的区别，用一张图说明。' },
      formerSlugs: ['rust-closures', 'closure-traits'],
    });
    // The example inside the code block is no image, and the badge lives elsewhere.
    expect(bundle.images).toEqual([
      { src: 'cover.jpg', file: 'content/posts/my-post/cover.jpg', cover: true },
      { src: 'diagram.png', file: 'content/posts/my-post/diagram.png', cover: false },
      { src: '/images/network.png', file: 'static/images/network.png', cover: false },
    ]);
  });

  it('reads the other front matter shapes of the fixture', async () => {
    const site = await readSiteSource(hugoSite);
    const bySlug = new Map(site.posts.map((entry) => [entry.post.slug, entry]));
    expect(bySlug.get('raspberry-pi-kubernetes')!.post).toMatchObject({
      authors: ['jane-doe'],
      coverImage: { path: '/images/network.png', alt: null },
    });
    expect(bySlug.get('raspberry-pi-kubernetes')!.images.map((image) => image.file)).toEqual(['static/images/network.png']);
    expect(bySlug.get('2023-year-in-review')!.post).toMatchObject({
      authors: ['li-lei'],
      coverImage: { path: '/images/about.png', alt: null },
      seo: { canonicalUrl: 'https://lilei.example.org/2023-review/' },
      tags: ['rust', '随笔'],
    });
    expect(bySlug.get('draft-dns')!.post).toMatchObject({ draft: true, seo: { noIndex: true }, coverImage: { path: '/images/network.png', alt: '域名树' } });
    expect(bySlug.get('about')!.post).toMatchObject({ kind: 'PAGE', seo: { description: '关于这个博客和它的作者。' } });
  });

  it('collects a missing image as an error and leaves that post out', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'folio-hugo-'));
    temporary.push(copy);
    await cp(hugoSite, copy, { recursive: true });
    await writeFile(path.join(copy, 'content/posts/broken.md'), '---\ntitle: Broken\ndate: 2024-01-01\nauthor: nobody\n---\n\n![gone](gone.png)\n');
    await writeFile(path.join(copy, 'data/authors/ghost.yaml'), 'name: Ghost\navatar: /images/ghost.png\n');
    const site = await readSiteSource(copy);
    expect(site.errors).toEqual([
      'data/authors/ghost.yaml: avatar "/images/ghost.png" of ghost not found; looked for static/images/ghost.png, images/ghost.png',
      'content/posts/broken.md: image "gone.png" not found; looked for content/posts/gone.png, static/gone.png, gone.png',
    ]);
    expect(site.warnings).toContain('content/posts/broken.md: the author nobody has no data file; only the slug is known');
    expect(site.posts.some((entry) => entry.file === 'content/posts/broken.md')).toBe(false);
    expect(site.posts).toHaveLength(6);
  });
});

describe('a page bundle through import and export', () => {
  it('comes back byte for byte: rewrite to media URLs, bundle back to file names, format, parse, format', async () => {
    const site = await readSiteSource(hugoSite);
    const { post, images } = site.posts.find((entry) => entry.file === 'content/posts/my-post/index.md')!;
    // What an import does with the media store's answers, and what an export undoes.
    const urlBySrc = new Map(images.map((image, index) => [image.src, `/media/h${index}/${path.posix.basename(image.file)}`]));
    const imported = {
      ...post,
      slug: post.slug!,
      markdown: rewriteImageSources(post.markdown, urlBySrc),
      coverImage: post.coverImage && { ...post.coverImage, path: urlBySrc.get(post.coverImage.path)! },
    };
    expect(imported.markdown).toContain('![三个 trait 的关系](/media/h1/diagram.png "Fn ⊂ FnMut ⊂ FnOnce")');
    expect(imported.markdown).toContain('// ![not an image](inside-code.png)');

    const fileNameByUrl = new Map([...urlBySrc.values()].map((url) => [url, path.posix.basename(url)]));
    const exported = bundleImages(imported, fileNameByUrl);
    expect(exported.files.map((file) => file.fileName)).toEqual(['cover.jpg', 'diagram.png', 'network.png']);
    const first = formatPostFile({ ...imported, ...exported });
    const { warnings, ...again } = parsePostFile(first, 'my-post/index.md');
    expect(warnings).toEqual([]);
    expect(formatPostFile({ ...again, slug: again.slug! })).toBe(first);
    expect(first).toContain('cover:\n  image: cover.jpg\n  alt: 一把锁和三把钥匙\n');
    expect(first).toContain('aliases:\n  - rust-closures\n  - closure-traits\n');
  });
});

describe('readSiteSource on the Jekyll fixture', () => {
  const jekyllSite = fileURLToPath(new URL('../fixtures/jekyll-site/', import.meta.url));

  it('reads _posts, _drafts and pages, not the home page, the README or files without front matter', async () => {
    const site = await readSiteSource(jekyllSite);
    expect(site.errors).toEqual([]);
    expect(site.warnings).toEqual([]);
    expect(site.config).toMatchObject({ title: 'Notes', url: 'https://notes.example.net', language: 'en-GB', timeZone: 'Europe/London' });
    expect(site.authors).toEqual([
      {
        slug: 'ada',
        name: 'Ada Lovelace',
        bio: 'Writes the notes.',
        avatarPath: '/assets/img/network.png',
        website: null,
        socialLinks: [{ kind: 'github', url: 'https://github.com/ada' }],
      },
    ]);
    expect(site.posts.map(({ file, post }) => [file, post.slug, post.kind, post.draft])).toEqual([
      ['_drafts/unfinished.md', 'unfinished', 'POST', true],
      ['_posts/2024-05-12-first-notes.md', 'first-notes', 'POST', false],
      ['about/index.md', 'about', 'PAGE', false],
    ]);
    const first = site.posts[1]!;
    expect(first.post).toMatchObject({
      date: new Date('2024-05-12T00:00:00.000Z'),
      updated: new Date('2024-05-20T09:00:00.000Z'),
      authors: ['ada'],
      tags: ['notes', 'meta'],
      coverImage: { path: '/assets/img/network.png', alt: null },
      formerSlugs: ['first'],
    });
    expect(first.images).toEqual([{ src: '/assets/img/network.png', file: 'assets/img/network.png', cover: true }]);
    expect(site.avatarFiles).toEqual(new Map([['ada', 'assets/img/network.png']]));
  });
});
