import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/server.js';
import { importContent } from '../../src/transfer/import-content.js';
import { scratchLibrary } from '../media/support.js';
import { TestApp } from '../support/app.js';

// A frontend's whole post page and About page, from a Hugo site with images imported into a
// fresh database, read through GraphQL as a blog theme would read them.

const MEDIA = /^\/media\/[0-9a-f]{64}\/original\.(jpg|png)$/;
const IMAGE = 'url width height alt srcSet placeholder';

const POST_PAGE = `query PostPage($slug: String!) {
  site { title description url language timeZone socialLinks { kind url } }
  post(slug: $slug) {
    slug title publishedAt updatedAt html readingMinutes previousSlugs
    authors { slug name bio website avatar { url srcSet } }
    coverImage { ${IMAGE} }
    seo { title description canonicalUrl image { url } noIndex }
    tags { slug name }
    related(first: 3) { slug title }
    previous { slug title }
    next { slug title }
  }
}`;

const ABOUT_PAGE = `{
  page(slug: "about") {
    slug title html
    coverImage { url width height }
    seo { title description canonicalUrl image { url } noIndex }
  }
  pages { edges { node { slug } } }
  posts { totalCount edges { node { slug } } }
  aboutAsPost: post(slug: "about") { slug }
}`;

let app: TestApp;
let server: RunningServer;

beforeAll(async () => {
  const media = await scratchLibrary();
  app = await TestApp.start({ media });
  const summary = await importContent(app.db, path.resolve('test/fixtures/hugo-site'), { media });
  expect(summary).toMatchObject({ created: 6, failed: [] });
  server = await app.listen();
});

afterAll(async () => {
  await server?.close();
  await app?.stop();
});

/** Each <img> of the html as its attributes. */
function images(html: string): Record<string, string>[] {
  return [...html.matchAll(/<img\b([^>]*)>/g)].map((match) => Object.fromEntries([...match[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((attribute) => [attribute[1]!, attribute[2]!])));
}

describe('a post page from an imported Hugo site', () => {
  it('answers an old link (a Hugo alias) with the post at its current slug', async () => {
    const { post } = await app.data(POST_PAGE, { slug: 'rust-closures' });
    expect(post.slug).toBe('my-post');
    expect(post.previousSlugs.sort()).toEqual(['closure-traits', 'rust-closures']);
  });

  it('has everything the page shows: title, byline with avatars, cover, SEO, body, related posts and neighbours', async () => {
    const { site, post } = await app.data(POST_PAGE, { slug: 'my-post' });
    expect(site).toEqual({
      title: '李雷的笔记',
      description: '关于 Rust、网络和树莓派的笔记',
      url: 'https://blog.example.org',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      socialLinks: [
        { kind: 'github', url: 'https://github.com/lilei' },
        { kind: 'twitter', url: 'https://x.com/lilei_dev' },
        { kind: 'mastodon', url: 'https://mastodon.social/@lilei' },
      ],
    });
    expect(post).toMatchObject({ title: 'Rust 闭包的三个 trait', publishedAt: '2024-03-10T13:30:00.000Z', updatedAt: '2024-04-02T01:00:00.000Z' });

    // Byline in the front matter's order, each author with the avatar from the site's static folder.
    expect(post.authors.map((author: { slug: string; name: string }) => [author.slug, author.name])).toEqual([
      ['li-lei', '李雷'],
      ['jane-doe', 'Jane Doe'],
    ]);
    for (const author of post.authors) {
      expect(author.avatar.url).toMatch(MEDIA);
      expect(author.avatar.srcSet).toMatch(/^\/media\/[0-9a-f]{64}\/40\.jpg 40w$/);
    }
    expect(post.authors[1]).toMatchObject({ bio: 'Writes about Kubernetes on small machines.\nLives in Lisbon.', website: 'https://jane.example.com' });

    expect(post.coverImage).toMatchObject({ width: 120, height: 80, alt: '一把锁和三把钥匙' });
    expect(post.coverImage.url).toMatch(MEDIA);
    expect(post.coverImage.srcSet).toMatch(/ 120w$/);
    expect(post.coverImage.placeholder).toMatch(/^data:image\/webp;base64,/);

    expect(post.seo).toEqual({
      title: 'Rust 闭包的三个 trait',
      description: 'Fn、FnMut 和 FnOnce 的区别，用一张图说明。',
      canonicalUrl: 'https://blog.example.org/posts/my-post',
      image: { url: post.coverImage.url },
      noIndex: false,
    });

    // Highlighted on the server, restyled by the client through CSS variables; the language kept as a class.
    expect(post.html).toMatch(/<pre class="shiki css-variables"[^>]*><code class="language-rust">/);
    expect(post.html).toContain('<span style="color:var(--shiki-token-keyword)">fn</span>');
    // Footnotes, with ids that can't clash with the page's own.
    expect(post.html).toMatch(/<section class="footnotes" data-footnotes>[\s\S]*<li id="user-content-footnote-capture">[\s\S]*按引用、按可变引用或按值。/);
    expect(post.html).toContain('href="#user-content-footnote-capture"');
    // Inline and display math.
    expect(post.html).toMatch(/<span class="katex">[\s\S]*<span class="katex-display">/);

    const [diagram, network, badge] = images(post.html);
    expect(diagram).toMatchObject({ width: '64', height: '48', alt: '三个 trait 的关系', loading: 'lazy', decoding: 'async' });
    expect(diagram!.src).toMatch(/^\/media\/[0-9a-f]{64}\/64\.png$/);
    expect(diagram!.srcset).toBe(`${diagram!.src} 64w`);
    expect(diagram!.sizes).toBe('(max-width: 64px) 100vw, 64px');
    expect(network).toMatchObject({ width: '32', height: '32', alt: '网络', loading: 'lazy' });
    // An image elsewhere is not the store's: no size is claimed for it.
    expect(badge).toEqual({ src: 'https://img.shields.io/badge/rust-1.77-orange', alt: 'badge', loading: 'lazy', decoding: 'async' });

    expect(post.tags.map((tag: { slug: string }) => tag.slug).sort()).toEqual(['bi-bao', 'rust']);
    expect(post.related).toEqual([{ slug: '2023-year-in-review', title: '2023 年终总结' }]);
    expect(post.previous).toEqual({ slug: 'raspberry-pi-kubernetes', title: 'Raspberry Pi 安装 Kubernetes' });
    expect(post.next).toBeNull();
  });

  it('serves the images the page names from /media/, cached for good', async () => {
    const { post } = await app.data(POST_PAGE, { slug: 'my-post' });
    const origin = new URL(server.url).origin;
    const cover = await fetch(`${origin}${post.coverImage.url}`);
    expect(cover.status).toBe(200);
    expect(cover.headers.get('content-type')).toBe('image/jpeg');
    expect(cover.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await cover.arrayBuffer()).byteLength).toBeGreaterThan(0);

    const variant = await fetch(`${origin}${images(post.html)[0]!.src}`);
    expect(variant.status).toBe(200);
    expect(variant.headers.get('content-type')).toBe('image/png');
    expect(variant.headers.get('cache-control')).toContain('immutable');
  });

  it('files a post of 23:30 on 31 December in Shanghai under that year, in the site\'s time zone', async () => {
    const { archive } = await app.data('{ archive { year postCount months { month postCount } } }');
    expect(archive).toEqual([
      { year: 2024, postCount: 2, months: [{ month: 3, postCount: 1 }, { month: 2, postCount: 1 }] },
      { year: 2023, postCount: 1, months: [{ month: 12, postCount: 1 }] },
    ]);
  });
});

describe('the About page from the same site', () => {
  it('is a page with its own SEO and images, never a post', async () => {
    const data = await app.data(ABOUT_PAGE);
    expect(data.page).toMatchObject({ slug: 'about', title: '关于' });
    expect(data.page.coverImage.url).toMatch(MEDIA);
    expect(data.page.seo).toEqual({
      title: '关于',
      description: '关于这个博客和它的作者。',
      canonicalUrl: 'https://blog.example.org/about',
      image: { url: data.page.coverImage.url },
      noIndex: false,
    });
    const [desk] = images(data.page.html);
    expect(desk).toMatchObject({ src: expect.stringMatching(/^\/media\/[0-9a-f]{64}\/\d+\.png$/), width: String(data.page.coverImage.width), alt: '我的书桌', loading: 'lazy' });
    expect(data.pages.edges.map((edge: { node: { slug: string } }) => edge.node.slug).sort()).toEqual(['about', 'uses']);
    // Pages and drafts stay out of the post list.
    expect(data.posts.totalCount).toBe(3);
    expect(data.posts.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).toEqual(['my-post', 'raspberry-pi-kubernetes', '2023-year-in-review']);
    expect(data.aboutAsPost).toBeNull();
  });
});
