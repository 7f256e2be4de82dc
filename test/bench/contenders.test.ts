import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPostGraphileFunctions, startPostGraphileServer } from '../../bench/contenders/postgraphile-server.js';
import { startRawServer } from '../../bench/contenders/raw-server.js';
import type { ListeningServer } from '../../bench/contenders/listen.js';
import { findParameters } from '../../bench/parameters.js';
import { requestSource } from '../../bench/phases.js';
import { BENCH_QUERIES, type BenchParameters, type BenchRequest, CONTENDERS, type Contender, type PostList, type PostPage, send } from '../../bench/queries.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { savePostBySlug } from '../../src/editing/save-post.js';
import { TestApp } from '../support/app.js';

// The guard that keeps the benchmark honest: Folio, the raw reference and PostGraphile answer
// each benchmark query with the same data, on a small dataset with the cases that tell them
// apart (drafts, scheduled posts, ties in publishedAt, tag names that sort differently by locale).
let app: TestApp;
let folio: RunningServer;
let raw: ListeningServer;
let postgraphile: ListeningServer;
let parameters: BenchParameters;

const day = (n: number) => new Date(Date.UTC(2024, 0, n, 8, 30));

async function post(slug: string, title: string, markdown: string, publishedAt: Date, tags: string[], status: 'PUBLISHED' | 'DRAFT' = 'PUBLISHED') {
  const tagNames: Record<string, string> = { rust: 'Rust', zeta: 'Zeta', alpha: 'alpha' };
  await savePostBySlug(app.db, {
    slug,
    title,
    markdown,
    summary: null,
    status,
    publishedAt,
    tags: tags.map((tag) => ({ slug: tag, name: tagNames[tag] ?? tag })),
  });
}

beforeAll(async () => {
  app = await TestApp.start();
  await post('old-go', 'Old Go', 'The oldest post.', day(0), ['go']);
  await post('rust-closures', 'Rust 的闭包', '# 闭包\n\n闭包捕获环境。\n\n## Fn 与 FnMut\n\n三种 trait。', day(1), ['rust', 'lang', 'alpha']);
  await post('k8s-dns', 'Kubernetes DNS', '# DNS\n\nHow kubernetes resolves names.', day(2), ['kubernetes', 'dns', 'net']);
  await post('k8s-net', 'Kubernetes networking', 'Pods, services and Kubernetes.', day(3), ['kubernetes', 'net', 'zeta']);
  await post('go-closures', 'Go 闭包', 'Go 的闭包 and kubernetes controllers.', day(4), ['go', 'lang', 'kubernetes', 'alpha']);
  await post('tie-a', 'Tie A', 'Same minute.', day(5), ['net', 'kubernetes', 'zeta']);
  await post('tie-b', 'Tie B', 'Same minute.', day(5), ['net', 'alpha']);
  await post('untagged', 'Untagged', 'No tags at all.', day(6), []);
  await post('a-draft', 'A draft about kubernetes', 'kubernetes 闭包', day(7), ['kubernetes'], 'DRAFT');
  await post('scheduled', 'Scheduled kubernetes', 'kubernetes 闭包', new Date(Date.now() + 86_400_000), ['kubernetes', 'net']);

  await installPostGraphileFunctions(app.url);
  const address = { port: 0, host: '127.0.0.1', databaseUrl: app.url, maxConnections: 2 };
  [folio, raw, postgraphile] = await Promise.all([listen(app.yoga, 0, '127.0.0.1'), startRawServer(address), startPostGraphileServer(address)]);
  ({ parameters } = await findParameters(app.url));
});

afterAll(async () => {
  await Promise.all([folio?.close(), raw?.close(), postgraphile?.close()]);
  await app?.stop();
});

async function answers(name: string, index = 0): Promise<Record<Contender, unknown>> {
  const query = BENCH_QUERIES.find((q) => q.name === name)!;
  const origins: Record<Contender, string> = { folio: new URL(folio.url).origin, raw: raw.origin, postgraphile: postgraphile.origin };
  const entries = await Promise.all(
    CONTENDERS.map(async (contender) => {
      const response = await send(origins[contender], query.request[contender](parameters, index));
      return [contender, query.normalise[contender](response)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Contender, unknown>;
}

const titles = (list: unknown) => (list as PostList).posts.map((p) => p.title);

describe('the benchmark contenders', () => {
  it.each(['q1', 'q2', 'q3', 'q4-zh', 'q4-en', 'q5'])('answer %s with the same data', async (name) => {
    const { folio, raw, postgraphile } = await answers(name);
    expect(folio).not.toBeNull();
    expect(raw).toEqual(folio);
    expect(postgraphile).toEqual(folio);
  });

  it('crawl every visible post page once, in the same order for every contender, before starting over', async () => {
    const q6 = BENCH_QUERIES.find((q) => q.name === 'q6')!;
    expect(parameters.crawlSlugs).toHaveLength(8);
    expect([...parameters.crawlSlugs].sort()).toEqual(['go-closures', 'k8s-dns', 'k8s-net', 'old-go', 'rust-closures', 'tie-a', 'tie-b', 'untagged']);
    const slugOf = (request: BenchRequest) => {
      const body = JSON.parse(request.body);
      return body.variables?.slug ?? body.slug;
    };
    const slugsSent = (contender: Contender) => {
      const next = requestSource(q6, contender, parameters) as () => BenchRequest;
      return Array.from({ length: 10 }, () => slugOf(next()));
    };
    const sequences = CONTENDERS.map(slugsSent);
    expect(sequences[0]).toEqual([...parameters.crawlSlugs, ...parameters.crawlSlugs.slice(0, 2)]);
    for (const sequence of sequences) expect(sequence).toEqual(sequences[0]);
    for (const index of [0, 5]) {
      const { folio, raw, postgraphile } = await answers('q6', index);
      expect((folio as PostPage).slug).toBe(parameters.crawlSlugs[index]);
      expect(raw).toEqual(folio);
      expect(postgraphile).toEqual(folio);
    }
  });

  it('see only published posts, newest first with ties broken by id, tags in byte order', async () => {
    const { folio: home } = await answers('q1');
    expect(titles(home)).toEqual(['Untagged', 'Tie B', 'Tie A', 'Go 闭包', 'Kubernetes networking', 'Kubernetes DNS', 'Rust 的闭包', 'Old Go']);
    expect((home as PostList).totalCount).toBe(8);
    expect((home as PostList).posts[2]!.tags.map((tag) => tag.name)).toEqual(['Zeta', 'kubernetes', 'net']);
  });

  it('page after a cursor, count tags and search in Chinese and English', async () => {
    expect(parameters.popularTag).toBe('kubernetes');
    expect(titles((await answers('q2')).folio)).toEqual(['Tie A', 'Go 闭包', 'Kubernetes networking', 'Kubernetes DNS']);
    expect(titles((await answers('q3')).folio)).toEqual(['Kubernetes networking', 'Kubernetes DNS', 'Rust 的闭包', 'Old Go']);
    expect(titles((await answers('q4-zh')).folio)).toEqual(['Go 闭包', 'Rust 的闭包']);
    expect(titles((await answers('q4-en')).folio)).toEqual(['Go 闭包', 'Kubernetes networking', 'Kubernetes DNS']);
  });

  it('serve a post page with neighbours and related posts', async () => {
    const page = (await answers('q5')).folio as PostPage;
    expect(page.slug).toBe('go-closures');
    expect(page.previous?.slug).toBe('k8s-net');
    expect(page.next?.slug).toBe('tie-a');
    // Six posts share a tag with it. Old Go shares only "go", but go is on two posts and so
    // outweighs alpha (three) and kubernetes (five); of those sharing kubernetes, the oldest is left out.
    expect(page.related.map((p) => p.slug)).toEqual(['rust-closures', 'old-go', 'tie-b', 'tie-a', 'k8s-net']);
  });
});
