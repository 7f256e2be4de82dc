import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../src/transfer/seed.js';
import { TestApp } from '../support/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
  const summary = await seedDatabase(app.db);
  // Ten posts and the About page.
  expect(summary).toMatchObject({ created: 11, updated: 0, unchanged: 0, failed: [] });
});

afterAll(() => app?.stop());

describe('the seed content, through the API', () => {
  it('is idempotent: a second run changes nothing', async () => {
    const before = await app.db.prisma.post.findMany({ orderBy: { id: 'asc' }, select: { id: true, updatedAt: true } });
    expect(await seedDatabase(app.db)).toMatchObject({ created: 0, updated: 0, unchanged: 11, failed: [] });
    expect(await app.db.prisma.post.findMany({ orderBy: { id: 'asc' }, select: { id: true, updatedAt: true } })).toEqual(before);
  });

  it('serves the About page apart from the posts', async () => {
    const { page, pages } = await app.data(`{ page(slug: "about") { title html seo { description } } pages { totalCount } }`);
    expect(page).toMatchObject({ title: '关于', seo: { description: '这个博客记录 Git、Kubernetes 与 Rust 的学习笔记。' } });
    expect(page.html).toContain('<h1 id="user-content-关于这个博客">关于这个博客</h1>');
    expect(pages.totalCount).toBe(1);
  });

  it('serves the ten posts newest first with their dates', async () => {
    const { posts } = await app.data(`{ posts { totalCount edges { node { title publishedAt } } } }`);
    expect(posts.totalCount).toBe(10);
    expect(posts.edges[0].node).toEqual({ title: 'git 操作中那些常常被忽略的用法', publishedAt: '2024-05-12T00:00:00.000Z' });
    expect(posts.edges.at(-1).node).toEqual({ title: 'Rust中的迭代器iter', publishedAt: '2023-11-16T00:00:00.000Z' });
  });

  it('keeps the archive’s summaries with their HTML entities decoded and their cut marker', async () => {
    const { summary } = (await app.db.prisma.post.findUnique({ where: { slug: 'git-overlooked-usages' }, select: { summary: true } }))!;
    expect(summary).toContain('mkdir git-demo && cd git-demo');
    expect(summary).toContain('‘add 1.txt’');
    expect(summary!.endsWith(' …')).toBe(true);
    const { post } = await app.data(`{ post(slug: "git-overlooked-usages") { excerpt markdown html } }`);
    expect(JSON.stringify(post)).not.toMatch(/&amp;amp;|&lsquo;|\\u0026/);
  });

  it('serves excerpts of at most 200 characters on one line, though the summaries are longer', async () => {
    const { posts } = await app.data(`{ posts { edges { node { slug excerpt } } } }`);
    for (const { node } of posts.edges) {
      expect([...node.excerpt].length, node.slug).toBeLessThanOrEqual(200);
      expect(node.excerpt, node.slug).not.toMatch(/\n/);
      expect(node.excerpt.endsWith('…'), node.slug).toBe(true);
    }
    // The author's summary stays whole in storage, so an export gives it back as written.
    const stored = await app.db.prisma.post.findUnique({ where: { slug: 'rust-iterators' }, select: { summary: true } });
    expect([...stored!.summary!].length).toBeGreaterThan(400);
  });

  it('dates each post’s last change from its source, not from the import', async () => {
    const { posts } = await app.data(`{ posts { edges { node { publishedAt updatedAt } } } }`);
    expect(posts.edges.length).toBe(10);
    for (const { node } of posts.edges) expect(node.updatedAt).toBe(node.publishedAt);
  });

  it('counts the archive by year and month', async () => {
    const { archive } = await app.data(`{ archive { year postCount months { month postCount } } }`);
    expect(archive.map((year: any) => [year.year, year.postCount])).toEqual([[2024, 7], [2023, 3]]);
    expect(archive[0].months).toEqual([
      { month: 5, postCount: 1 }, { month: 4, postCount: 3 }, { month: 3, postCount: 1 }, { month: 2, postCount: 1 }, { month: 1, postCount: 1 },
    ]);
    expect(archive[1].months).toEqual([{ month: 12, postCount: 1 }, { month: 11, postCount: 2 }]);
  });

  it('tags posts with named tags, most shared by two posts or more', async () => {
    const { tags } = await app.data(`{ tags(first: 100) { totalCount edges { node { slug name postCount } } } }`);
    const counts = tags.edges.map((edge: any) => edge.node.postCount);
    expect(counts.filter((count: number) => count >= 2).length / counts.length).toBeGreaterThanOrEqual(2 / 3);
    expect(tags.edges.find((edge: any) => edge.node.slug === 'kubernetes').node).toMatchObject({ name: 'Kubernetes' });
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
  });

  it('finds Chinese and English words', async () => {
    const search = async (text: string) =>
      (await app.data(`query($s: String) { posts(filter: { search: $s }) { edges { node { slug } } } }`, { s: text })).posts.edges.map(
        (edge: any) => edge.node.slug,
      );
    expect(await search('闭包')).toContain('rust-closure-traits');
    expect(await search('kubectl')).toContain('kubectl-create-service-pod-issue');
  });
});
