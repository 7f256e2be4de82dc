import { decodeHTML } from 'entities';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { Database } from '../../src/db/client.js';
import { feedRoutes, type FeedRoutesOptions } from '../../src/delivery/feeds/routes.js';
import type { RouteAnswer } from '../../src/delivery/route-answer.js';
import { upsertAuthor } from '../../src/editing/authors.js';
import { updateSite } from '../../src/editing/site.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { givenPost } from '../support/posts.js';

const SITE_URL = 'https://blog.example';
const HASH = 'ab'.repeat(32);
const TRICKY_TITLE = 'Fish & <Chips> ]]> 你好';
const HOUR_MS = 3_600_000;
const config = { ...readConfig({}), siteUrl: SITE_URL };
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['url', 'sitemap'].includes(name) });

const feedParser = new Parser();
function readFeed(body: string) {
  return feedParser.parseString(body);
}

describe('feeds, the sitemap and robots.txt', () => {
  let database: TestDatabase;
  let db: Database;
  // The instant the tests read at: the scheduled post is an hour after it, on a whole second as RSS dates are.
  const now = new Date();
  const scheduledAt = new Date(Math.ceil((now.getTime() + HOUR_MS) / 1000) * 1000);
  const ids: Record<string, number> = {};

  function route(options: Partial<FeedRoutesOptions> = {}) {
    return feedRoutes({ db, config, now: () => now, ...options });
  }

  async function answer(path: string, options: Partial<FeedRoutesOptions> = {}): Promise<RouteAnswer> {
    const found = await route(options)(path);
    if (!found) throw new Error(`${path} was not answered`);
    return found;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database(database.url);
    await updateSite(db, { title: '中文博客 & <Friends>', description: 'Notes ]]> and <code>', language: 'zh-CN' });
    await upsertAuthor(db, { slug: 'ada', name: 'Ada & Co' });
    await upsertAuthor(db, { slug: 'lin', name: '林' });
    await upsertAuthor(db, { slug: 'nobody', name: 'Nobody' });
    const posts = [
      givenPost(db, {
        slug: 'hello',
        title: TRICKY_TITLE,
        summary: 'Why a < b & c ]]> matter',
        markdown: `Chips & fish ]]> 你好.\n\n![plate](/media/${HASH}/original.png)\n\nSee [the old post](/posts/old) and [elsewhere](https://other.example/x).`,
        publishedAt: new Date('2024-03-01T10:00:00Z'),
        tags: ['rust', 'notes'],
        authors: ['ada', 'lin'],
      }),
      givenPost(db, { slug: 'old', title: 'Old', publishedAt: new Date('2023-05-06T07:08:09Z'), tags: ['notes'], authors: ['lin'] }),
      givenPost(db, { slug: 'unlisted', title: 'Unlisted', publishedAt: new Date('2023-01-01T00:00:00Z') }),
      givenPost(db, { slug: 'draft', title: 'Draft', status: 'DRAFT', publishedAt: null, tags: ['rust'], authors: ['ada'] }),
      givenPost(db, { slug: 'soon', title: 'Soon', publishedAt: scheduledAt, tags: ['rust', 'future'], authors: ['lin'] }),
      givenPost(db, { slug: 'about', title: 'About', kind: 'PAGE', publishedAt: new Date('2022-01-01T00:00:00Z') }),
    ];
    for (const post of await Promise.all(posts)) ids[post.slug] = post.id!;
    await db.prisma.post.update({ where: { id: ids.unlisted! }, data: { noIndex: true } });
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  describe('feeds', () => {
    it('gives the newest published posts in RSS 2.0, with their HTML, dates, tags and authors', async () => {
      const rss = await answer('/feed.xml');
      expect(rss).toMatchObject({ status: 200, contentType: 'application/rss+xml; charset=utf-8' });
      const feed = await readFeed(rss.body);
      expect(feed).toMatchObject({ title: '中文博客 & <Friends>', description: 'Notes ]]> and <code>', language: 'zh-CN', link: `${SITE_URL}/` });
      expect(feed.items.map((item) => item.title)).toEqual([TRICKY_TITLE, 'Old', 'Unlisted']);
      const [hello] = feed.items;
      expect(hello).toMatchObject({
        guid: `tag:blog.example,2024-03-01:post-${ids.hello}`,
        link: `${SITE_URL}/posts/hello`,
        isoDate: '2024-03-01T10:00:00.000Z',
        contentSnippet: 'Why a < b & c ]]> matter',
      });
      expect(hello!.categories).toEqual([
        { _: 'notes', $: { domain: `${SITE_URL}/tags/notes` } },
        { _: 'rust', $: { domain: `${SITE_URL}/tags/rust` } },
      ]);
      expect(rss.body).toContain('<author>Ada &amp; Co</author>');
      expect(rss.body).toContain('<author>林</author>');
      const html: string = hello!['content:encoded'];
      expect(html).toContain('<p>Chips &amp; fish ]]&gt; 你好.</p>');
      expect(html).toContain(`src="${SITE_URL}/media/${HASH}/original.png"`);
      expect(html).toContain(`href="${SITE_URL}/posts/old"`);
      expect(html).toContain('href="https://other.example/x"');
      expect(rss.body).toMatch(/<pubDate>Fri, 01 Mar 2024 10:00:00 GMT<\/pubDate>/);
      expect(rss.keys).toEqual(expect.arrayContaining(['site', 'posts', `post-${ids.hello}`, `post-${ids.old}`]));
      expect(rss.keys.filter((key) => key.startsWith('tag-'))).toHaveLength(2);
      expect(rss.keys.filter((key) => key.startsWith('author-'))).toHaveLength(2);
    });

    it('gives the same posts in Atom 1.0, with published and updated instants in UTC', async () => {
      const atom = await answer('/atom.xml');
      expect(atom).toMatchObject({ status: 200, contentType: 'application/atom+xml; charset=utf-8' });
      const feed = await readFeed(atom.body);
      expect(feed.title).toBe('中文博客 & <Friends>');
      // Atom titles are HTML (type="html"): what a reader shows is the title decoded.
      expect(feed.items.map((item) => decodeHTML(item.title!))).toEqual([TRICKY_TITLE, 'Old', 'Unlisted']);
      const [hello] = feed.items;
      expect(hello).toMatchObject({ id: `tag:blog.example,2024-03-01:post-${ids.hello}`, isoDate: '2024-03-01T10:00:00.000Z', author: 'Ada & Co' });
      // Saved just now, long after its publication date.
      const updated = xml.parse(atom.body).feed.entry[0].updated;
      expect(new Date(updated).getTime()).toBeGreaterThan(new Date('2024-03-01T10:00:00Z').getTime());
      expect(hello!.content).toContain(`src="${SITE_URL}/media/${HASH}/original.png"`);
      expect(atom.body).toContain('<published>2024-03-01T10:00:00.000Z</published>');
      expect(atom.body).toContain(`<link rel="self" href="${SITE_URL}/atom.xml"/>`);
      // Atom needs an author for every entry: the site stands in for a post without a byline.
      expect(xml.parse(atom.body).feed.author).toEqual({ name: '中文博客 & <Friends>', uri: `${SITE_URL}/` });
    });

    it('gives JSON Feed 1.1 with its required fields, every author and plain-text summaries', async () => {
      const json = await answer('/feed.json');
      expect(json).toMatchObject({ status: 200, contentType: 'application/feed+json; charset=utf-8' });
      const feed = JSON.parse(json.body);
      expect(feed).toMatchObject({
        version: 'https://jsonfeed.org/version/1.1',
        title: '中文博客 & <Friends>',
        home_page_url: `${SITE_URL}/`,
        feed_url: `${SITE_URL}/feed.json`,
        language: 'zh-CN',
      });
      expect(feed.items.map((item: { id: string }) => item.id)).toEqual([
        `tag:blog.example,2024-03-01:post-${ids.hello}`,
        `tag:blog.example,2023-05-06:post-${ids.old}`,
        `tag:blog.example,2023-01-01:post-${ids.unlisted}`,
      ]);
      expect(feed.items[0]).toMatchObject({
        title: TRICKY_TITLE,
        url: `${SITE_URL}/posts/hello`,
        summary: 'Why a < b & c ]]> matter',
        date_published: '2024-03-01T10:00:00.000Z',
        tags: ['notes', 'rust'],
        authors: [
          { name: 'Ada & Co', url: `${SITE_URL}/authors/ada` },
          { name: '林', url: `${SITE_URL}/authors/lin` },
        ],
      });
      expect(feed.items[0]).not.toHaveProperty('author');
      expect(feed.authors).toEqual([{ name: '中文博客 & <Friends>', url: `${SITE_URL}/` }]);
      expect(feed.items[0].content_html).toContain('<p>Chips &amp; fish ]]&gt; 你好.</p>');
      expect(feed.items[0].content_html).toContain(`src="${SITE_URL}/media/${HASH}/original.png"`);
    });

    it('puts media under MEDIA_BASE_URL when it is set', async () => {
      const json = await answer('/feed.json', { config: { ...config, mediaBaseUrl: 'https://cdn.example' } });
      expect(JSON.parse(json.body).items[0].content_html).toContain(`src="https://cdn.example/media/${HASH}/original.png"`);
    });

    it('never holds drafts, pages or a scheduled post before its time, and holds the post once its time has come', async () => {
      const before = JSON.parse((await answer('/feed.json')).body);
      expect(before.items.map((item: { title: string }) => item.title)).not.toEqual(expect.arrayContaining(['Draft']));
      expect(before.items.map((item: { title: string }) => item.title)).not.toContain('Soon');
      expect(before.items.map((item: { title: string }) => item.title)).not.toContain('About');

      const later = new Date(scheduledAt.getTime() + 60_000);
      const after = await readFeed((await answer('/feed.xml', { now: () => later })).body);
      expect(after.items.map((item) => item.title)).toEqual(['Soon', TRICKY_TITLE, 'Old', 'Unlisted']);
      expect(after.items[0]!.isoDate).toBe(scheduledAt.toISOString());
    });

    it('keeps each feed to the newest posts it is given room for', async () => {
      const feed = JSON.parse((await answer('/feed.json', { feedLength: 2 })).body);
      expect(feed.items.map((item: { title: string }) => item.title)).toEqual([TRICKY_TITLE, 'Old']);
    });

    it('gives a tag’s posts under /tags/{slug}/, and a tag seen only on a scheduled post once that post is out', async () => {
      const rust = await answer('/tags/rust/atom.xml');
      const feed = await readFeed(rust.body);
      expect(feed).toMatchObject({ title: '中文博客 & <Friends>: rust', link: `${SITE_URL}/tags/rust` });
      expect(feed.items.map((item) => decodeHTML(item.title!))).toEqual([TRICKY_TITLE]);
      expect(rust.keys).toEqual(expect.arrayContaining(['tags', 'posts']));
      expect(rust.body).toContain(`<link rel="self" href="${SITE_URL}/tags/rust/atom.xml"/>`);

      expect(await answer('/tags/future/feed.xml')).toMatchObject({ status: 404, contentType: 'text/plain; charset=utf-8' });
      const later = await readFeed((await answer('/tags/future/feed.xml', { now: () => new Date(scheduledAt.getTime() + 1) })).body);
      expect(later.items.map((item) => item.title)).toEqual(['Soon']);
    });

    it('gives an author’s posts under /authors/{slug}/', async () => {
      const lin = JSON.parse((await answer('/authors/lin/feed.json')).body);
      expect(lin).toMatchObject({ title: '中文博客 & <Friends>: 林', home_page_url: `${SITE_URL}/authors/lin`, feed_url: `${SITE_URL}/authors/lin/feed.json` });
      expect(lin.items.map((item: { title: string }) => item.title)).toEqual([TRICKY_TITLE, 'Old']);
      expect(JSON.parse((await answer('/authors/nobody/feed.json')).body).items).toEqual([]);
    });

    it('answers 404 naming the slug for an unknown tag or author', async () => {
      expect(await answer('/tags/nope/feed.xml')).toMatchObject({
        status: 404,
        contentType: 'text/plain; charset=utf-8',
        body: expect.stringContaining('No tag with the slug "nope"'),
      });
      expect(await answer('/authors/%E6%9E%97%E5%A4%96/atom.xml')).toMatchObject({
        status: 404,
        body: expect.stringContaining('No author has the slug "林外"'),
        keys: ['authors'],
      });
      expect(await answer('/tags/%E0%A4%A/feed.xml')).toMatchObject({ status: 404 });
    });
  });

  describe('the sitemap', () => {
    const every = [
      `${SITE_URL}/posts/hello`,
      `${SITE_URL}/posts/old`,
      `${SITE_URL}/about`,
      `${SITE_URL}/tags/notes`,
      `${SITE_URL}/tags/rust`,
      `${SITE_URL}/authors/ada`,
      `${SITE_URL}/authors/lin`,
    ];

    it('lists published posts, pages, tags with a published post, and their authors, each with its lastmod', async () => {
      const sitemap = await answer('/sitemap.xml');
      expect(sitemap).toMatchObject({ status: 200, contentType: 'application/xml', keys: ['posts', 'pages', 'tags', 'authors'] });
      const urls = xml.parse(sitemap.body).urlset.url as { loc: string; lastmod: string }[];
      expect(urls.map((url) => url.loc).sort()).toEqual([...every].sort());
      const old = urls.find((url) => url.loc === `${SITE_URL}/posts/old`)!;
      expect(new Date(old.lastmod).getTime()).toBeGreaterThanOrEqual(new Date('2023-05-06T07:08:09Z').getTime());
      const rust = urls.find((url) => url.loc === `${SITE_URL}/tags/rust`)!;
      expect(new Date(rust.lastmod).getTime()).toBeGreaterThanOrEqual(new Date('2024-03-01T10:00:00Z').getTime());
    });

    it('lists a scheduled post, and a tag only it has, once its time has come', async () => {
      const later = await answer('/sitemap.xml', { now: () => new Date(scheduledAt.getTime() + 1) });
      const locs = (xml.parse(later.body).urlset.url as { loc: string }[]).map((url) => url.loc);
      expect(locs).toEqual(expect.arrayContaining([`${SITE_URL}/posts/soon`, `${SITE_URL}/tags/future`]));
    });

    it('becomes an index of /sitemaps/N.xml past its page size, whose pages list every address once', async () => {
      const options = { sitemapPageSize: 3 };
      const index = await answer('/sitemap.xml', options);
      expect(index).toMatchObject({ status: 200, contentType: 'application/xml' });
      const pages = (xml.parse(index.body).sitemapindex.sitemap as { loc: string }[]).map((page) => page.loc);
      expect(pages).toEqual([`${SITE_URL}/sitemaps/1.xml`, `${SITE_URL}/sitemaps/2.xml`, `${SITE_URL}/sitemaps/3.xml`]);

      const listed: string[] = [];
      for (const page of pages) {
        const sitemap = await answer(new URL(page).pathname, options);
        const urls = xml.parse(sitemap.body).urlset.url as { loc: string }[];
        expect(urls.length).toBeLessThanOrEqual(3);
        listed.push(...urls.map((url) => url.loc));
      }
      expect(listed.sort()).toEqual([...every].sort());
      expect(await answer('/sitemaps/4.xml', options)).toMatchObject({ status: 404, body: expect.stringContaining('The sitemap has 3 pages') });
    });
  });

  it('names the sitemap in robots.txt', async () => {
    expect(await answer('/robots.txt')).toMatchObject({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: `User-agent: *\nAllow: /\n\nSitemap: ${SITE_URL}/sitemap.xml\n`,
    });
  });

  it('says to set SITE_URL when it is not set', async () => {
    const unset = { ...config, siteUrl: null };
    for (const path of ['/feed.xml', '/tags/rust/atom.xml', '/sitemap.xml', '/robots.txt']) {
      expect(await answer(path, { config: unset })).toMatchObject({
        status: 404,
        contentType: 'text/plain; charset=utf-8',
        body: expect.stringMatching(/^Set SITE_URL to the frontend's address, e\.g\. https:\/\/blog\.example/),
      });
    }
  });

  it('leaves every other path to the server', async () => {
    for (const path of ['/graphql', '/feed', '/tags/rust', '/tags/a/b/feed.xml', '/sitemaps/0.xml', '/media/x']) {
      expect(await route()(path)).toBeNull();
    }
  });
});
