import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArchive } from '../src/content/seed-archive.js';
import { formatPostFile, parsePostFile } from '../src/content/front-matter.js';
import { parseTagCatalog } from '../src/content/tag-catalog.js';

const seeds = new URL('../seeds/', import.meta.url);
const readSeed = (path: string) => readFileSync(new URL(path, seeds), 'utf8');

const archive = parseArchive(readSeed('seed-archive.txt'), 'seeds/seed-archive.txt');
const postFiles = readdirSync(new URL('posts/', seeds)).sort();
const posts = postFiles.map((fileName) => ({
  fileName,
  text: readSeed(`posts/${fileName}`),
  post: parsePostFile(readSeed(`posts/${fileName}`), `seeds/posts/${fileName}`),
}));
const catalog = parseTagCatalog(readSeed('tags.yaml'), 'seeds/tags.yaml');

const CUT_MARKER = ' …';

/**
 * The words of a text with markup and layout taken out: headings, fences, tables, lists,
 * inline code and autolinks only rearrange the summary's words. The archive's typographic
 * quotes are written as ASCII quotes inside shell commands.
 */
function words(text: string): string {
  return text
    .replace(/^```\w*$/gm, '')
    .replace(/[‘’]/g, "'")
    .replace(/[\s#`*\\|<>$-]/g, '');
}

describe('seeds/seed-archive.txt', () => {
  it('lists the ten posts, newest first, each on its calendar day at 00:00 UTC', () => {
    expect(archive.map((entry) => [entry.publishedAt.toISOString(), entry.title])).toEqual([
      ['2024-05-12T00:00:00.000Z', 'git 操作中那些常常被忽略的用法'],
      ['2024-04-29T00:00:00.000Z', 'kubernetes 网络中DNS解析原理'],
      ['2024-04-22T00:00:00.000Z', 'Kubernetes集群扩缩容方案'],
      ['2024-04-10T00:00:00.000Z', 'kubernetes中overlay网络与underlay网络的区别'],
      ['2024-03-19T00:00:00.000Z', '如何实现访问k8s集群服务之原理'],
      ['2024-02-02T00:00:00.000Z', 'Raspberry Pi 安装Kubernetes'],
      ['2024-01-12T00:00:00.000Z', '使用kubectl create service 命令无法为pod创建service问题'],
      ['2023-12-02T00:00:00.000Z', 'pod sandbox 创建netns源码分析'],
      ['2023-11-28T00:00:00.000Z', 'Rust中与闭包相关的三个trait'],
      ['2023-11-16T00:00:00.000Z', 'Rust中的迭代器iter'],
    ]);
  });

  it('leaves no HTML entities or JSON escapes in the summaries', () => {
    for (const { summary } of archive) {
      expect(summary).not.toMatch(/&[a-z]+;|&#\d+;/);
      expect(summary).not.toContain('\\u0026');
    }
  });

  it('decodes the entities into the characters they stand for', () => {
    const git = archive[0]?.summary;
    expect(git).toContain('mkdir git-demo && cd git-demo && git init');
    expect(git).toContain('git commit -m ‘add 1.txt’');
    expect(archive[2]?.summary).toContain('水平扩展HPA && 垂直扩展VPA');
  });

  it('keeps the line breaks, escaped backslashes and the cut marker of every summary', () => {
    for (const { summary } of archive) {
      expect(summary).toContain('\n');
      expect(summary.endsWith(CUT_MARKER)).toBe(true);
    }
    expect(archive[5]?.summary).toContain('Ubuntu 22.04.1 LTS \\n \\l');
  });
});

describe('seeds/posts', () => {
  it('holds exactly one file per archive entry, with its title, date and summary', () => {
    expect(posts).toHaveLength(archive.length);
    for (const entry of archive) {
      const matching = posts.filter(({ post }) => post.title === entry.title);
      expect(matching, entry.title).toHaveLength(1);
      expect(matching[0]?.post.date).toEqual(entry.publishedAt);
      expect(matching[0]?.post.summary).toBe(entry.summary);
    }
  });

  it('are published, with unique ASCII slugs that match their file names', () => {
    const slugs = posts.map(({ post }) => post.slug);
    expect(new Set(slugs).size).toBe(posts.length);
    for (const { fileName, post } of posts) {
      expect(post.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(fileName).toBe(`${post.slug}.md`);
      expect(post.draft).toBe(false);
    }
  });

  it('are written exactly as formatPostFile writes them', () => {
    for (const { text, post } of posts) {
      expect(formatPostFile({ ...post, slug: post.slug ?? '' })).toBe(text);
    }
  });

  it('have bodies made of the summary text only, without the cut marker', () => {
    for (const { post } of posts) {
      const body = words(post.markdown);
      const summary = words((post.summary ?? '').slice(0, -CUT_MARKER.length));
      expect(post.markdown).not.toContain('…');
      expect(summary.slice(0, body.length), post.slug ?? '').toBe(body);
      // Only a cut-off fragment of code may be left out at the end.
      expect(summary.length - body.length, post.slug ?? '').toBeLessThanOrEqual(30);
    }
  });

  it('have two to four tags each, all in seeds/tags.yaml', () => {
    for (const { post } of posts) {
      expect(post.tags.length, post.slug ?? '').toBeGreaterThanOrEqual(2);
      expect(post.tags.length, post.slug ?? '').toBeLessThanOrEqual(4);
      for (const tag of post.tags) expect(catalog.has(tag), tag).toBe(true);
    }
  });

  it('share most tags: at least two thirds of the tags are on two posts or more', () => {
    const postsPerTag = new Map<string, number>();
    for (const tag of posts.flatMap(({ post }) => post.tags)) {
      postsPerTag.set(tag, (postsPerTag.get(tag) ?? 0) + 1);
    }
    const shared = [...postsPerTag.values()].filter((count) => count >= 2).length;
    expect(shared / postsPerTag.size).toBeGreaterThanOrEqual(2 / 3);
  });
});

describe('seeds/tags.yaml', () => {
  it('names exactly the tags the posts use', () => {
    const used = new Set(posts.flatMap(({ post }) => post.tags));
    expect([...catalog.keys()].sort()).toEqual([...used].sort());
  });

  it('gives every tag a display name and a one-line description', () => {
    for (const [slug, { name, description }] of catalog) {
      expect(name.trim(), slug).not.toBe('');
      expect(description, slug).toMatch(/^[^\n]+$/);
    }
  });
});
