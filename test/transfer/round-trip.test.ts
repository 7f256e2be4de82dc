import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportContent } from '../../src/transfer/export-content.js';
import { importContent } from '../../src/transfer/import-content.js';
import { seedDatabase } from '../../src/transfer/seed.js';
import type { MediaLibrary } from '../../src/media/library.js';
import { scratchLibrary } from '../media/support.js';
import { TestApp } from '../support/app.js';

let source: TestApp;
let target: TestApp;
let media: MediaLibrary;
let work: string;

beforeAll(async () => {
  media = await scratchLibrary();
  [source, target] = await Promise.all([TestApp.start(), TestApp.start()]);
  work = await mkdtemp(path.join(tmpdir(), 'folio-transfer-'));
});

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
  await rm(work, { recursive: true, force: true });
});

/** Every file under folder by its path relative to it. */
async function filesOf(folder: string): Promise<Record<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const names = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
  return Object.fromEntries(await Promise.all(names.sort().map(async (name) => [name, await readFile(path.join(folder, name), 'utf8')])));
}

describe('export, import, export', () => {
  it('gives identical files, drafts and scheduled posts included', async () => {
    await seedDatabase(source.db);
    const author = await source.authorHeaders();
    await source.data(
      `mutation {
        a: createPost(input: { title: "草稿：未完成", markdown: "# 标题\\n\\n正文 with 'quotes' and: colons", tags: ["draft-tag"] }) { id }
        b: createPost(input: { title: "Scheduled", markdown: "---\\nnot front matter\\n", status: PUBLISHED, publishedAt: "2999-05-01T08:30:00.123Z", excerpt: "Line one\\nline two" }) { id }
      }`,
      {},
      author,
    );
    const first = path.join(work, 'first');
    const second = path.join(work, 'second');
    expect(await exportContent(source.db, media, first)).toMatchObject({ posts: 13 });

    const summary = await importContent(target.db, first, { media });
    expect(summary).toMatchObject({ created: 13, updated: 0, unchanged: 0, failed: [], authors: 1, settings: 'written' });
    await exportContent(target.db, media, second);

    const lastChanges = (app: TestApp) => app.db.prisma.post.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, updatedAt: true } });
    expect(await lastChanges(target)).toEqual(await lastChanges(source));

    const [a, b] = await Promise.all([filesOf(first), filesOf(second)]);
    // 12 posts, the About page, the seed author, hugo.toml and tags.yaml.
    expect(Object.keys(a)).toHaveLength(16);
    expect(a['content/about.md']).toMatch(/^---\ntitle: 关于\n/);
    expect(b).toEqual(a);
    expect(a['content/posts/cao-gao-wei-wan-cheng.md']).toContain('draft: true');
    expect(a['content/posts/cao-gao-wei-wan-cheng.md']).toMatch(/\nlastmod: \d{4}-/);
    expect(a['content/posts/rust-iterators.md']).not.toContain('lastmod');
    expect(a['content/posts/rust-iterators.md']).toMatch(/\nauthors:\n {2}- folio\n/);
    expect(a['tags.yaml']).toContain('name: Kubernetes');
    expect(a['hugo.toml']).toContain('title = ');
  });

  it('imports again without changes, and a dry run changes nothing', async () => {
    const first = path.join(work, 'first');
    const posts = path.join(first, 'content', 'posts');
    expect(await importContent(target.db, first, { media })).toMatchObject({ created: 0, updated: 0, unchanged: 13, failed: [] });
    const before = await target.db.prisma.post.findMany({ orderBy: { id: 'asc' } });
    await writeFile(path.join(posts, 'scheduled.md'), (await readFile(path.join(posts, 'scheduled.md'), 'utf8')).replace('Scheduled', 'Rescheduled'));
    await writeFile(path.join(posts, 'brand-new.md'), '---\ntitle: Brand new\ndate: 2024-01-01\n---\n\nBody.\n');
    expect(await importContent(target.db, first, { media, dryRun: true })).toMatchObject({ created: 1, updated: 1, unchanged: 12, failed: [] });
    expect(await target.db.prisma.post.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await importContent(target.db, first, { media })).toMatchObject({ created: 1, updated: 1, unchanged: 12, failed: [] });
  });
});

describe('importing files as Hugo and Jekyll write them', () => {
  it('reads a plain folder of posts: TOML and YAML front matter, file-name dates and slugs, drafts and descriptions, and reports bad files', async () => {
    const site = path.join(work, 'site');
    await mkdir(path.join(site, 'posts', 'bundle'), { recursive: true });
    await mkdir(path.join(site, 'dated'), { recursive: true });
    await writeFile(
      path.join(site, 'posts', 'hugo-post.md'),
      '+++\ntitle = "Hugo post"\ndate = 2024-03-01T10:00:00+08:00\nlastmod = 2024-04-01T00:00:00Z\ntags = ["Go", "Static Sites"]\ndescription = "From Hugo."\n+++\n\nHugo body.\n',
    );
    await writeFile(path.join(site, 'posts', 'bundle', 'index.md'), '---\ntitle: Bundled\ndate: 2024-03-02\ndraft: true\n---\nBundle body.\n');
    await writeFile(path.join(site, 'dated', '2024-03-03-jekyll-post.md'), '---\ntitle: Jekyll post\ntags: ruby jekyll\n---\nJekyll body.\n');
    await writeFile(path.join(site, 'dated', '2024-03-04-no-title.md'), '---\ndate: 2024-03-04\n---\nNo title.\n');
    await writeFile(path.join(site, 'dated', 'undated.md'), '---\ntitle: Undated\n---\nWhen?\n');

    const db = target.db;
    const summary = await importContent(db, site, { media });
    expect(summary.created).toBe(3);
    expect(summary.failed.map((failure) => failure.file).sort()).toEqual(['dated/2024-03-04-no-title.md', 'dated/undated.md']);
    expect(summary.failed.find((f) => f.file === 'dated/undated.md')?.reason).toMatch(/needs a date/);

    const posts = await db.prisma.post.findMany({
      where: { slug: { in: ['hugo-post', 'bundle', 'jekyll-post'] } },
      include: { tags: { include: { tag: true } } },
      orderBy: { slug: 'asc' },
    });
    expect(posts.map((post) => [post.slug, post.status, post.publishedAt?.toISOString(), post.updatedAt.toISOString(), post.summary])).toEqual([
      ['bundle', 'DRAFT', '2024-03-02T00:00:00.000Z', '2024-03-02T00:00:00.000Z', null],
      ['hugo-post', 'PUBLISHED', '2024-03-01T02:00:00.000Z', '2024-04-01T00:00:00.000Z', 'From Hugo.'],
      ['jekyll-post', 'PUBLISHED', '2024-03-03T00:00:00.000Z', '2024-03-03T00:00:00.000Z', null],
    ]);
    expect(posts[1]!.tags.map((link) => [link.tag.slug, link.tag.name]).sort()).toEqual([['go', 'Go'], ['static-sites', 'Static Sites']]);
  });

  it('imports the original archive listing', async () => {
    const summary = await importContent(target.db, path.resolve('seeds/seed-archive.txt'), { dryRun: true });
    expect(summary.failed).toEqual([]);
    expect(summary.created + summary.updated + summary.unchanged).toBe(10);
  });
});
