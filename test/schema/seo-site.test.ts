import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { seedDatabase, SEED_SITE } from '../../src/transfer/seed.js';
import { TestApp } from '../support/app.js';

let app: TestApp;
let author: Record<string, string>;

beforeAll(async () => {
  app = await TestApp.start();
  author = await app.authorHeaders();
});

afterAll(() => app?.stop());

const SEO = 'seo { title description canonicalUrl noIndex }';

async function create(input: Record<string, unknown>) {
  const result = await app.query(
    `mutation($input: CreatePostInput!) { createPost(input: $input) { id slug ${SEO} } }`,
    { input: { markdown: 'The body says this first.', status: 'PUBLISHED', ...input } },
    author,
  );
  return result;
}

async function updateSite(input: Record<string, unknown>, headers = author) {
  return app.query(`mutation($input: SiteInput!) { updateSite(input: $input) { title description url language timeZone socialLinks { kind url } } }`, { input }, headers);
}

describe('site', () => {
  it('starts at its defaults', async () => {
    const { site } = await app.data(`{ site { title description url language timeZone socialLinks { kind url } } }`);
    expect(site).toEqual({ title: 'Folio', description: '', url: null, language: 'en', timeZone: 'UTC', socialLinks: [] });
  });

  it('is changed by updateSite with a token, canonicalizing what it keeps', async () => {
    const result = await updateSite({
      title: '  My blog ',
      url: 'https://blog.example.com/',
      language: 'zh-cn',
      timeZone: 'asia/shanghai',
      socialLinks: [{ kind: 'GitHub', url: 'https://github.com/someone' }],
    });
    expect(result.data?.updateSite).toEqual({
      title: 'My blog',
      description: '',
      url: 'https://blog.example.com',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      socialLinks: [{ kind: 'github', url: 'https://github.com/someone' }],
    });
    expect((await app.data(`{ site { title language } }`)).site).toEqual({ title: 'My blog', language: 'zh-CN' });
  });

  it('needs a token', async () => {
    const result = await updateSite({ title: 'Stolen' }, {});
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.db.prisma.site.findFirstOrThrow()).title).not.toBe('Stolen');
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /IANA time zone/],
    [{ timeZone: '' }, 'timeZone', /IANA time zone/],
    [{ language: 'not a language!' }, 'language', /BCP 47/],
    [{ url: 'blog.example.com' }, 'url', /absolute http\(s\) URL/],
    [{ url: 'ftp://blog.example.com' }, 'url', /absolute http\(s\) URL/],
    [{ socialLinks: [{ kind: 'x', url: 'javascript:alert(1)' }] }, 'socialLinks[0].url', /absolute http\(s\) URL/],
    [{ title: ' ' }, 'title', /must not be empty/],
  ])('refuses %j with BAD_USER_INPUT', async (input, field, message) => {
    const before = await app.db.prisma.site.findFirstOrThrow();
    const result = await updateSite(input);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await app.db.prisma.site.findFirstOrThrow()).toEqual(before);
  });
});

describe('seo', () => {
  it('falls back to the title, the excerpt and the address on the site', async () => {
    await updateSite({ url: 'https://blog.example.com' });
    const post = (await create({ title: 'Plain', slug: 'plain' })).data!.createPost;
    expect(post.seo).toEqual({
      title: 'Plain',
      description: 'The body says this first.',
      canonicalUrl: 'https://blog.example.com/posts/plain',
      noIndex: false,
    });
    const page = (await create({ title: 'About', slug: 'about', kind: 'PAGE' })).data!.createPost;
    expect(page.seo.canonicalUrl).toBe('https://blog.example.com/about');
  });

  it('has no canonical URL to fall back to while the site has no url', async () => {
    await updateSite({ url: null });
    const { post } = await app.data(`{ post(slug: "plain") { ${SEO} } }`);
    expect(post.seo.canonicalUrl).toBeNull();
  });

  it('answers the author’s overrides, and null or blank takes one back', async () => {
    const post = (
      await create({
        title: 'Tuned',
        slug: 'tuned',
        seoTitle: 'Tuned for search',
        seoDescription: 'What the search result says.',
        canonicalUrl: 'https://elsewhere.example.org/first-published-here',
        noIndex: true,
      })
    ).data!.createPost;
    expect(post.seo).toEqual({
      title: 'Tuned for search',
      description: 'What the search result says.',
      canonicalUrl: 'https://elsewhere.example.org/first-published-here',
      noIndex: true,
    });
    const { updatePost } = await app.data(
      `mutation($id: ID!) { updatePost(id: $id, input: { seoTitle: null, seoDescription: "  ", noIndex: false }) { ${SEO} } }`,
      { id: post.id },
      author,
    );
    expect(updatePost.seo).toEqual({
      title: 'Tuned',
      description: 'The body says this first.',
      canonicalUrl: 'https://elsewhere.example.org/first-published-here',
      noIndex: false,
    });
  });

  it('keeps the image behind the social card: the social image, else the cover', async () => {
    const image = await app.db.prisma.image.create({
      data: { hash: 'a'.repeat(64), format: 'png', width: 10, height: 10, byteSize: 100 },
    });
    const cover = await app.db.prisma.image.create({ data: { hash: 'b'.repeat(64), format: 'png', width: 10, height: 10, byteSize: 100 } });
    const created = await create({ title: 'Pictured', slug: 'pictured', socialImageId: encodeGlobalID('Image', image.id) });
    expect(created.errors).toBeUndefined();
    expect((await app.db.prisma.post.findUniqueOrThrow({ where: { slug: 'pictured' } })).socialImageId).toBe(image.id);
    const { seoOf } = await import('../../src/schema/seo.js');
    const row = await app.db.prisma.post.update({ where: { slug: 'pictured' }, data: { coverImageId: cover.id } });
    expect(seoOf(row, { url: null }).imageId).toBe(image.id);
    expect(seoOf({ ...row, socialImageId: null }, { url: null }).imageId).toBe(cover.id);
  });

  it.each([
    [{ canonicalUrl: '/relative/path' }, 'canonicalUrl', /absolute http\(s\) URL/],
    [{ canonicalUrl: 'javascript:alert(1)' }, 'canonicalUrl', /absolute http\(s\) URL/],
    [{ seoDescription: 'x'.repeat(501) }, 'seoDescription', /at most 500 characters/],
    [{ socialImageId: encodeGlobalID('Image', 999999) }, 'socialImageId', /no image with this id/],
  ])('refuses %j with BAD_USER_INPUT', async (input, field, message) => {
    const before = await app.db.prisma.post.count();
    const result = await create({ title: 'Refused', ...input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(result.errors?.[0]?.extensions)).toContain(field);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await app.db.prisma.post.count()).toBe(before);
  });

  it('refuses the id of something other than an image as socialImageId', async () => {
    const result = await create({ title: 'Refused', socialImageId: encodeGlobalID('Tag', 1) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'socialImageId' });
  });
});

describe('the seed', () => {
  it('makes the site the seed blog’s, in Chinese and Shanghai, once', async () => {
    const seeded = await TestApp.start();
    try {
      await seedDatabase(seeded.db);
      const { site } = await seeded.data(`{ site { title description language timeZone } }`);
      expect(site).toEqual({ ...SEED_SITE });
      await seeded.db.prisma.site.update({ where: { id: true }, data: { title: 'Renamed by an admin' } });
      await seedDatabase(seeded.db);
      expect((await seeded.db.prisma.site.findFirstOrThrow()).title).toBe('Renamed by an admin');
    } finally {
      await seeded.stop();
    }
  });
});
