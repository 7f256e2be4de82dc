import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

let app: TestApp;

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

beforeAll(async () => {
  app = await TestApp.start();
  await givenPost(app.db, { slug: 'git-rebase', title: 'git rebase 与 merge', markdown: '理解 rebase 的用法。Rebasing rewrites history.', publishedAt: day('2024-05-12'), tags: ['git'] });
  await givenPost(app.db, { slug: 'k8s-dns', title: 'Kubernetes DNS 解析原理', markdown: 'CoreDNS 与 resolv.conf 的 ndots。', publishedAt: day('2024-04-29'), tags: ['kubernetes', 'networking', 'dns'] });
  await givenPost(app.db, { slug: 'k8s-overlay', title: 'overlay 与 underlay 网络', markdown: 'Flannel VXLAN overlay networking.', publishedAt: day('2024-04-10'), tags: ['kubernetes', 'networking'] });
  await givenPost(app.db, { slug: 'k8s-scaling', title: 'Kubernetes 集群扩缩容方案', markdown: 'HPA 与 VPA。', publishedAt: day('2024-04-22'), tags: ['kubernetes', 'autoscaling'] });
  await givenPost(app.db, { slug: 'rust-closures', title: 'Rust 中与闭包相关的三个 trait', markdown: 'Fn、FnMut 与 FnOnce：闭包捕获环境的三种方式。', publishedAt: day('2023-11-28'), tags: ['rust', 'closures'] });
  await givenPost(app.db, { slug: 'rust-iter', title: 'Rust 中的迭代器 iter', markdown: 'Iterators and closures work together: map, filter, fold.', publishedAt: day('2023-11-16'), tags: ['rust', 'iterators'] });
});

afterAll(() => app?.stop());

async function slugs(filter: Record<string, unknown>, orderBy = 'NEWEST'): Promise<{ slugs: string[]; totalCount: number }> {
  const { posts } = await app.data<{ posts: { totalCount: number; edges: { node: { slug: string } }[] } }>(
    `query($filter: PostFilter, $orderBy: PostOrder) { posts(first: 100, filter: $filter, orderBy: $orderBy) { totalCount edges { node { slug } } } }`,
    { filter, orderBy },
  );
  return { slugs: posts.edges.map((edge) => edge.node.slug), totalCount: posts.totalCount };
}

describe('post filters', () => {
  it.each([
    ['tags.any', { tags: { any: ['git', 'rust'] } }, ['git-rebase', 'rust-closures', 'rust-iter']],
    ['tags.all', { tags: { all: ['kubernetes', 'networking'] } }, ['k8s-dns', 'k8s-overlay']],
    ['tags.none', { tags: { none: ['kubernetes', 'rust'] } }, ['git-rebase']],
    ['any + all + none', { tags: { any: ['networking', 'autoscaling'], all: ['kubernetes'], none: ['dns'] } }, ['k8s-scaling', 'k8s-overlay']],
    ['unknown tag', { tags: { any: ['no-such-tag'] } }, []],
    ['publishedAfter is inclusive', { publishedAfter: '2024-04-22T00:00:00.000Z' }, ['git-rebase', 'k8s-dns', 'k8s-scaling']],
    ['publishedBefore is exclusive', { publishedBefore: '2023-11-28T00:00:00.000Z' }, ['rust-iter']],
    ['year', { year: 2023 }, ['rust-closures', 'rust-iter']],
    ['year + month', { year: 2024, month: 4 }, ['k8s-dns', 'k8s-scaling', 'k8s-overlay']],
    ['year + month + tags', { year: 2024, month: 4, tags: { none: ['autoscaling'] } }, ['k8s-dns', 'k8s-overlay']],
    ['dates + tags + search', { publishedAfter: '2023-01-01T00:00:00Z', tags: { any: ['rust'] }, search: '闭包' }, ['rust-closures']],
  ])('%s', async (_name, filter, expected) => {
    const result = await slugs(filter);
    expect(result.slugs).toEqual(expected);
    expect(result.totalCount).toBe(expected.length);
  });
});

describe('search', () => {
  it.each([
    ['a Chinese word', '闭包', ['rust-closures']],
    ['a single Chinese character', '闭', ['rust-closures']],
    ['a Chinese phrase in the title', '扩缩容', ['k8s-scaling']],
    ['an English word, any case', 'OVERLAY', ['k8s-overlay']],
    ['several words, all required', 'rust closures', ['rust-iter']],
    ['mixed scripts', 'kubernetes 原理', ['k8s-dns']],
    ['a word in no post', 'haskell', []],
    ['a sequence that is not in the text', '包闭', []],
  ])('finds %s', async (_name, search, expected) => {
    expect((await slugs({ search })).slugs).toEqual(expected);
  });

  it('orders by relevance on request: title matches first', async () => {
    await givenPost(app.db, { slug: 'closures-title', title: 'Closures', markdown: 'About closures.', publishedAt: day('2020-01-01'), tags: [] });
    const result = await slugs({ search: 'closures' }, 'RELEVANCE');
    expect(result.slugs[0]).toBe('closures-title');
    expect(result.slugs).toContain('rust-iter');
  });

  it('treats a blank search as no search', async () => {
    expect((await slugs({ search: '   ' })).totalCount).toBeGreaterThanOrEqual(6);
  });
});
