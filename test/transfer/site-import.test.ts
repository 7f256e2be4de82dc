import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaLibrary } from '../../src/media/library.js';
import { exportContent } from '../../src/transfer/export-content.js';
import { importContent } from '../../src/transfer/import-content.js';
import { TestApp } from '../support/app.js';
import { pictureOf, scratchLibrary } from '../media/support.js';

const HUGO_SITE = path.resolve('test/fixtures/hugo-site');
const MEDIA_URL = /\/media\/[0-9a-f]{64}\/original\.(png|jpg)/;

let source: TestApp;
let sourceMedia: MediaLibrary;
let work: string;

beforeAll(async () => {
  sourceMedia = await scratchLibrary();
  source = await TestApp.start({ media: sourceMedia });
  work = await mkdtemp(path.join(tmpdir(), 'folio-site-import-'));
});

afterAll(async () => {
  await source?.stop();
  await rm(work, { recursive: true, force: true });
});

/** Every file under folder, by its path relative to it, as bytes. */
async function filesOf(folder: string): Promise<Record<string, Buffer>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
  return Object.fromEntries(await Promise.all(files.sort().map(async (file) => [file, await readFile(path.join(folder, file))])));
}

describe('importing a Hugo site', () => {
  it('carries settings, authors with avatars, posts and pages with their images, bylines, SEO and former slugs', async () => {
    const summary = await importContent(source.db, HUGO_SITE, { media: sourceMedia });
    expect(summary).toMatchObject({ created: 6, updated: 0, unchanged: 0, failed: [], authors: 2, images: 6, settings: 'written' });
    expect(summary.warnings).toContainEqual(expect.stringMatching(/aliases: "\/\?p=42" ignored/));

    const site = await source.db.prisma.site.findUniqueOrThrow({ where: { id: true } });
    expect(site).toMatchObject({ title: '李雷的笔记', url: 'https://blog.example.org', language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(site.socialLinks).toContainEqual({ kind: 'twitter', url: 'https://x.com/lilei_dev' });

    const jane = await source.db.prisma.author.findUniqueOrThrow({ where: { slug: 'jane-doe' }, include: { avatar: true } });
    expect(jane).toMatchObject({ name: 'Jane Doe', website: 'https://jane.example.com', avatar: { filename: 'jane-doe.jpg', format: 'jpeg' } });
    const avatarBytes = await sourceMedia.store.get(`${jane.avatar!.hash}/original`);
    expect(avatarBytes).toEqual(await readFile(path.join(HUGO_SITE, 'static/images/authors/jane-doe.jpg')));

    const post = await source.db.prisma.post.findUniqueOrThrow({
      where: { slug: 'my-post' },
      include: { coverImage: true, formerSlugs: true, authors: { include: { author: true }, orderBy: { position: 'asc' } } },
    });
    expect(post.kind).toBe('POST');
    expect(post.authors.map((link) => link.author.slug)).toEqual(['li-lei', 'jane-doe']);
    expect(post.coverImage).toMatchObject({ filename: 'cover.jpg', alt: '一把锁和三把钥匙' });
    expect(post.seoDescription).toBe('Fn、FnMut 和 FnOnce 的区别，用一张图说明。');
    expect(post.updatedAt.toISOString()).toBe('2024-04-02T01:00:00.000Z');
    expect(post.formerSlugs.map((former) => former.slug).sort()).toEqual(['closure-traits', 'rust-closures']);
    // Sources in the site became media URLs; the one in code and the one elsewhere did not.
    expect(post.markdown).toMatch(new RegExp(`!\\[三个 trait 的关系\\]\\(${MEDIA_URL.source} "Fn ⊂ FnMut ⊂ FnOnce"\\)`));
    expect(post.markdown).toMatch(new RegExp(`!\\[网络\\]\\(${MEDIA_URL.source}\\)`));
    expect(post.markdown).toContain('// ![not an image](inside-code.png)');
    expect(post.markdown).toContain('(https://img.shields.io/badge/rust-1.77-orange)');

    const pages = await source.db.prisma.post.findMany({ where: { kind: 'PAGE' }, orderBy: { slug: 'asc' }, include: { coverImage: true } });
    expect(pages.map((page) => page.slug)).toEqual(['about', 'uses']);
    expect(pages[0]!.coverImage?.filename).toBe('about.png');
    const draft = await source.db.prisma.post.findUniqueOrThrow({ where: { slug: 'draft-dns' } });
    expect(draft).toMatchObject({ status: 'DRAFT', noIndex: true });
    const review = await source.db.prisma.post.findUniqueOrThrow({ where: { slug: '2023-year-in-review' } });
    expect(review.canonicalUrl).toBe('https://lilei.example.org/2023-review/');
  });

  it('imports the same site again without changing anything', async () => {
    const before = await source.db.prisma.post.findMany({ orderBy: { id: 'asc' } });
    const again = await importContent(source.db, HUGO_SITE, { media: sourceMedia });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 6, failed: [], images: 0, settings: 'unchanged' });
    expect(await source.db.prisma.post.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await source.db.prisma.image.count()).toBe(6);
  });

  it('exports and imports back to identical files and image bytes', async () => {
    const first = path.join(work, 'first');
    const second = path.join(work, 'second');
    expect(await exportContent(source.db, sourceMedia, first)).toMatchObject({ posts: 6 });

    const targetMedia = await scratchLibrary();
    const target = await TestApp.start({ media: targetMedia });
    try {
      expect(await importContent(target.db, first, { media: targetMedia })).toMatchObject({ created: 6, failed: [], authors: 2, images: 6 });
      await exportContent(target.db, targetMedia, second);
    } finally {
      await target.stop();
    }
    const [a, b] = await Promise.all([filesOf(first), filesOf(second)]);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(b).toEqual(a);
    expect(Object.keys(a)).toEqual(
      expect.arrayContaining([
        'hugo.toml',
        'tags.yaml',
        'data/authors/jane-doe.yaml',
        'static/images/authors/jane-doe.jpg',
        'content/about/index.md',
        'content/about/about.png',
        'content/uses.md',
        'content/posts/my-post/index.md',
        'content/posts/my-post/cover.jpg',
        'content/posts/my-post/diagram.png',
        'content/posts/my-post/network.png',
      ]),
    );
    expect(a['content/posts/my-post/diagram.png']).toEqual(await readFile(path.join(HUGO_SITE, 'content/posts/my-post/diagram.png')));
    const markdown = a['content/posts/my-post/index.md']!.toString('utf8');
    expect(markdown).toContain('![三个 trait 的关系](diagram.png "Fn ⊂ FnMut ⊂ FnOnce")');
    expect(markdown).toMatch(/aliases:\n {2}- closure-traits\n {2}- rust-closures\n/);
    expect(markdown).toMatch(/authors:\n {2}- li-lei\n {2}- jane-doe\n/);
    expect(markdown).toContain('lastmod: 2024-04-02T01:00:00.000Z');
    expect(a['content/about/index.md']!.toString('utf8')).toContain('type: page');
  });
});

describe('importing a Jekyll site', () => {
  it('carries its config, authors, posts with images and former slugs, pages and drafts', async () => {
    const media = await scratchLibrary();
    const app = await TestApp.start({ media });
    try {
      const summary = await importContent(app.db, path.resolve('test/fixtures/jekyll-site'), { media });
      expect(summary).toMatchObject({ created: 3, failed: [], authors: 1, images: 1, settings: 'written' });
      expect(await app.db.prisma.site.findUniqueOrThrow({ where: { id: true } })).toMatchObject({ title: 'Notes', language: 'en-GB', timeZone: 'Europe/London' });
      const posts = await app.db.prisma.post.findMany({
        orderBy: { slug: 'asc' },
        include: { formerSlugs: true, coverImage: true, authors: { include: { author: { include: { avatar: true } } } } },
      });
      expect(posts.map((post) => [post.slug, post.kind, post.status])).toEqual([
        ['about', 'PAGE', 'PUBLISHED'],
        ['first-notes', 'POST', 'PUBLISHED'],
        ['unfinished', 'POST', 'DRAFT'],
      ]);
      // An undated page is published when first imported, and keeps that date.
      expect(Date.now() - posts[0]!.publishedAt!.getTime()).toBeLessThan(60_000);
      expect((await importContent(app.db, path.resolve('test/fixtures/jekyll-site'), { media })).unchanged).toBe(3);
      const first = posts[1]!;
      expect(first.formerSlugs.map((former) => former.slug)).toEqual(['first']);
      expect(first.updatedAt.toISOString()).toBe('2024-05-20T09:00:00.000Z');
      expect(first.coverImage?.filename).toBe('network.png');
      // The avatar and the cover are one file, so one image.
      expect(first.authors[0]!.author).toMatchObject({ slug: 'ada', name: 'Ada Lovelace', avatarImageId: first.coverImageId });
      expect(first.markdown).toMatch(new RegExp(`Hello\\. !\\[net\\]\\(${MEDIA_URL.source}\\)`));
    } finally {
      await app.stop();
    }
  });
});

describe('exporting images written through the API', () => {
  it('writes a resized copy or an address under MEDIA_BASE_URL as the original, and names an unnamed upload after its hash', async () => {
    const media = await scratchLibrary({ publicBaseUrl: 'https://cdn.example' });
    const app = await TestApp.start({ media });
    const target = await TestApp.start({ media });
    try {
      const bytes = await pictureOf(700, 400, 'png', 3);
      const id = await media.add(app.db, { bytes });
      const { hash } = await app.db.prisma.image.findUniqueOrThrow({ where: { id } });
      await app.data(
        `mutation($markdown: String!) { createPost(input: { title: "Resized", markdown: $markdown, status: PUBLISHED, publishedAt: "2024-01-01T00:00:00Z" }) { id } }`,
        { markdown: `![small](/media/${hash}/640.webp)\n\n![full](https://cdn.example/media/${hash}/original.png)\n` },
        await app.authorHeaders(),
      );
      const folder = path.join(work, 'resized');
      await exportContent(app.db, media, folder);
      const name = `${hash.slice(0, 12)}.png`;
      const markdown = await readFile(path.join(folder, 'content/posts/resized/index.md'), 'utf8');
      expect(markdown).toContain(`![small](${name})\n\n![full](${hash.slice(0, 12)}-2.png)`);
      expect(await readFile(path.join(folder, 'content/posts/resized', name))).toEqual(bytes);
      expect(await importContent(target.db, folder, { media })).toMatchObject({ created: 1, failed: [] });
      // Imported Markdown names the store by path, whatever address it is served under.
      const imported = await target.db.prisma.post.findUniqueOrThrow({ where: { slug: 'resized' } });
      expect(imported.markdown).toBe(`![small](/media/${hash}/original.png)\n\n![full](/media/${hash}/original.png)\n`);
    } finally {
      await Promise.all([app.stop(), target.stop()]);
    }
  });
});

describe('a post renamed in the site', () => {
  it('is the same post at its new slug, the old one kept as a former slug', async () => {
    const media = await scratchLibrary();
    const app = await TestApp.start({ media });
    try {
      const site = path.join(work, 'renaming-site');
      const file = path.join(site, 'content', 'posts', 'note.md');
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, '---\ntitle: A note\nslug: first-name\ndate: 2024-01-01\ntags: [kept]\n---\n\nBody.\n');
      await importContent(app.db, site, { media });
      const before = await app.db.prisma.post.findUniqueOrThrow({ where: { slug: 'first-name' } });

      await writeFile(file, '---\ntitle: A note\nslug: second-name\ndate: 2024-01-01\ntags: [kept]\naliases: [/posts/first-name/]\n---\n\nBody.\n');
      expect(await importContent(app.db, site, { media, dryRun: true })).toMatchObject({ created: 0, updated: 1, failed: [] });
      expect(await importContent(app.db, site, { media })).toMatchObject({ created: 0, updated: 1, failed: [] });
      const after = await app.db.prisma.post.findUniqueOrThrow({ where: { slug: 'second-name' }, include: { formerSlugs: true } });
      expect(after.id).toBe(before.id);
      expect(after.formerSlugs.map((former) => former.slug)).toEqual(['first-name']);
      expect(await importContent(app.db, site, { media })).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

      // A post can't become a page by its file: that is refused, naming both kinds.
      await writeFile(file, '---\ntitle: A note\nslug: second-name\ntype: page\ndate: 2024-01-01\n---\n\nBody.\n');
      const kindChanged = await importContent(app.db, site, { media });
      expect(kindChanged.failed).toEqual([
        { file: 'content/posts/note.md', reason: expect.stringMatching(/^"second-name" is a post in Folio and a page in the site; delete it in Folio/) },
      ]);
    } finally {
      await app.stop();
    }
  });
});

describe('a site with problems', () => {
  let app: TestApp;
  let media: MediaLibrary;
  let site: string;

  beforeAll(async () => {
    media = await scratchLibrary();
    app = await TestApp.start({ media });
    site = path.join(work, 'broken-site');
    await mkdir(path.join(site, 'content', 'posts'), { recursive: true });
    await mkdir(path.join(site, 'static'), { recursive: true });
    const post = (title: string, extra = '', body = 'Body.\n') => `---\ntitle: ${title}\ndate: 2024-01-01\n${extra}---\n\n${body}`;
    await writeFile(path.join(site, 'content', 'posts', 'first.md'), post('First', 'aliases: [/old/shared/]\n'));
    await writeFile(path.join(site, 'content', 'posts', 'second.md'), post('Second', 'aliases: [/old/shared/]\n'));
    await writeFile(path.join(site, 'content', 'posts', 'third.md'), post('Third', 'aliases: [first]\n'));
    await writeFile(path.join(site, 'content', 'posts', 'missing.md'), post('Missing', '', '![gone](/img/gone.png)\n'));
    await writeFile(path.join(site, 'static', 'fake.png'), 'not an image at all');
    await writeFile(path.join(site, 'content', 'posts', 'fake.md'), post('Fake', '', '![fake](/fake.png)\n'));
    await writeFile(path.join(site, 'static', 'real.png'), await pictureOf(40, 30));
    await writeFile(path.join(site, 'content', 'posts', 'fine.md'), post('Fine', 'author: New Person\n', '![real](/real.png)\n'));
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('reports each bad file by name and imports the rest', async () => {
    const summary = await importContent(app.db, site, { media });
    expect(summary.created).toBe(2);
    const failures = Object.fromEntries(summary.failed.map((failure) => [failure.file, failure.reason]));
    expect(Object.keys(failures).sort()).toEqual(['content/posts/fake.md', 'content/posts/missing.md', 'content/posts/second.md', 'content/posts/third.md']);
    expect(failures['content/posts/missing.md']).toMatch(/image "\/img\/gone.png" not found; looked for static\/img\/gone.png, img\/gone.png/);
    expect(failures['content/posts/fake.md']).toMatch(/^image "\/fake.png" \(static\/fake.png\): The file is not an image Folio takes/);
    expect(failures['content/posts/second.md']).toMatch(/former slug "shared" already belongs to "First"/);
    expect(failures['content/posts/third.md']).toMatch(/former slug "first" is the slug of "First"/);
    // Refused aliases left nothing behind.
    expect(await app.db.prisma.post.findMany({ where: { slug: { in: ['second', 'third'] } } })).toEqual([]);
    const fine = await app.db.prisma.post.findUniqueOrThrow({ where: { slug: 'fine' }, include: { authors: { include: { author: true } } } });
    expect(fine.authors.map((link) => link.author)).toMatchObject([{ slug: 'new-person', name: 'new-person' }]);
    expect(fine.markdown).toMatch(MEDIA_URL);
  });

  it('keeps settings an admin changed unless asked to replace them', async () => {
    await writeFile(path.join(site, 'hugo.toml'), 'title = "From Hugo"\ntimeZone = "Europe/Berlin"\n');
    await app.db.prisma.site.update({ where: { id: true }, data: { title: 'Chosen in Folio' } });
    expect((await importContent(app.db, site, { media, dryRun: true })).settings).toBe('kept');
    expect(await importContent(app.db, site, { media })).toMatchObject({ settings: 'kept', unchanged: 2 });
    expect((await app.db.prisma.site.findUniqueOrThrow({ where: { id: true } })).title).toBe('Chosen in Folio');
    expect((await importContent(app.db, site, { media, replaceSiteSettings: true })).settings).toBe('written');
    expect(await app.db.prisma.site.findUniqueOrThrow({ where: { id: true } })).toMatchObject({ title: 'From Hugo', timeZone: 'Europe/Berlin' });

    // Settings Folio refuses are the config file's failure; the posts still import.
    await writeFile(path.join(site, 'hugo.toml'), 'title = "Elsewhere"\nbaseURL = "ftp://files.example.org/"\n');
    const refused = await importContent(app.db, site, { media, replaceSiteSettings: true });
    expect(refused).toMatchObject({ settings: 'none', unchanged: 2 });
    expect(refused.failed).toContainEqual({ file: 'hugo.toml', reason: expect.stringMatching(/url must be an absolute http\(s\) URL/) });
    expect((await app.db.prisma.site.findUniqueOrThrow({ where: { id: true } })).title).toBe('From Hugo');
    await writeFile(path.join(site, 'hugo.toml'), 'title = "From Hugo"\ntimeZone = "Europe/Berlin"\n');
  });

  it('says in a dry run what a new image would change, and stores nothing', async () => {
    const copy = path.join(work, 'dry-site');
    await cp(site, copy, { recursive: true });
    await writeFile(path.join(copy, 'static', 'real.png'), await pictureOf(40, 30, 'png', 9));
    const images = await app.db.prisma.image.count();
    expect(await importContent(app.db, copy, { media, dryRun: true })).toMatchObject({ created: 0, updated: 1, unchanged: 1, images: 0 });
    expect(await app.db.prisma.image.count()).toBe(images);
  });
});
