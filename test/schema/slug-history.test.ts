import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePostBySlug } from '../../src/editing/save-post.js';
import { TestApp } from '../support/app.js';

// A post keeps the slugs it had: old links still find it, and no other post may take them.
let app: TestApp;
let author: Record<string, string>;

beforeAll(async () => {
  app = await TestApp.start();
  author = await app.authorHeaders();
});

afterAll(() => app?.stop());

async function create(input: Record<string, unknown>): Promise<string> {
  const { createPost } = await app.data(
    `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`,
    { input: { markdown: '.', status: 'PUBLISHED', ...input } },
    author,
  );
  return createPost.id;
}

function rename(id: string, slug: string) {
  return app.query(`mutation($id: ID!, $slug: String!) { updatePost(id: $id, input: { slug: $slug }) { slug previousSlugs } }`, { id, slug }, author);
}

describe('slug history', () => {
  it('keeps every former slug, and post(slug: old) answers the post with its new slug', async () => {
    const id = await create({ title: 'A', slug: 'slug-a' });
    expect((await rename(id, 'slug-b')).data?.updatePost).toEqual({ slug: 'slug-b', previousSlugs: ['slug-a'] });
    expect((await rename(id, 'slug-c')).data?.updatePost).toEqual({ slug: 'slug-c', previousSlugs: ['slug-a', 'slug-b'] });
    const data = await app.data(`{
      a: post(slug: "slug-a") { id slug previousSlugs }
      b: post(slug: "slug-b") { id slug }
      c: post(slug: "slug-c") { id slug }
    }`);
    expect(data).toEqual({
      a: { id, slug: 'slug-c', previousSlugs: ['slug-a', 'slug-b'] },
      b: { id, slug: 'slug-c' },
      c: { id, slug: 'slug-c' },
    });
  });

  it('does the same for a page through page(slug), and not through post(slug)', async () => {
    const id = await create({ title: 'Me', slug: 'about-me', kind: 'PAGE' });
    await rename(id, 'about');
    const data = await app.data(`{ page(slug: "about-me") { id slug previousSlugs } post(slug: "about-me") { id } }`);
    expect(data).toEqual({ page: { id, slug: 'about', previousSlugs: ['about-me'] }, post: null });
  });

  it('refuses a former slug to another post with CONFLICT naming the post that had it', async () => {
    const first = await create({ title: 'The original', slug: 'original' });
    await rename(first, 'original-renamed');
    const other = await create({ title: 'Other', slug: 'other' });
    const renamed = await rename(other, 'original');
    expect(renamed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
    expect(renamed.errors?.[0]?.message).toMatch(/former slug of "The original" \(now at "original-renamed"\)/);
    const created = await app.query(
      `mutation { createPost(input: { title: "Copy", slug: "original", markdown: "." }) { id } }`,
      {},
      author,
    );
    expect(created.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
    expect((await app.data(`{ post(slug: "original") { id } }`)).post).toEqual({ id: first });
  });

  it('refuses an imported post whose slug another post had, in a dry run too', async () => {
    const id = await create({ title: 'Imported before', slug: 'imported' });
    await rename(id, 'imported-renamed');
    const content = { slug: 'imported', title: 'Imported again', markdown: '.', summary: null, status: 'DRAFT' as const, publishedAt: null, tags: [] };
    await expect(savePostBySlug(app.db, content, { dryRun: true })).rejects.toMatchObject({ code: 'CONFLICT', field: 'slug' });
    await expect(savePostBySlug(app.db, content)).rejects.toMatchObject({ code: 'CONFLICT', field: 'slug' });
    expect(await app.db.prisma.post.count({ where: { title: 'Imported again' } })).toBe(0);
  });

  it('gives a derived slug that was another post’s a numeric suffix', async () => {
    const id = await create({ title: 'Derived' });
    await rename(id, 'derived-now');
    const { createPost } = await app.data(`mutation { createPost(input: { title: "Derived", markdown: "." }) { slug } }`, {}, author);
    expect(createPost.slug).toBe('derived-2');
  });

  it('lets a post take its own former slug back, out of its history', async () => {
    const id = await create({ title: 'Back', slug: 'back-1' });
    await rename(id, 'back-2');
    expect((await rename(id, 'back-1')).data?.updatePost).toEqual({ slug: 'back-1', previousSlugs: ['back-2'] });
  });

  it('frees the slugs of a deleted post', async () => {
    const id = await create({ title: 'Gone', slug: 'gone-1' });
    await rename(id, 'gone-2');
    await app.data(`mutation($id: ID!) { deletePost(id: $id) }`, { id }, author);
    expect(await app.db.prisma.postSlug.count({ where: { slug: 'gone-1' } })).toBe(0);
    await create({ title: 'Reborn', slug: 'gone-1' });
    expect((await app.data(`{ post(slug: "gone-1") { title } }`)).post).toEqual({ title: 'Reborn' });
  });

  it('lets only one of two concurrent renames to the same slug succeed', async () => {
    const ids = await Promise.all([create({ title: 'Racer 1' }), create({ title: 'Racer 2' })]);
    const results = await Promise.all(ids.map((id) => rename(id, 'finish-line')));
    const succeeded = results.filter((result) => !result.errors);
    expect(succeeded).toHaveLength(1);
    expect(results.find((result) => result.errors)!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await app.db.prisma.post.count({ where: { slug: 'finish-line' } })).toBe(1);
  });

  it('never lets a slug be one post’s and another’s former slug, whatever the order of concurrent renames', async () => {
    for (let round = 0; round < 5; round++) {
      const leaving = await create({ title: `Leaving ${round}`, slug: `contested-${round}` });
      const arriving = await create({ title: `Arriving ${round}` });
      // One post gives the slug up while another asks for it: the slug is current until the
      // first commits and former after, so the arrival must lose either way.
      const [left, arrived] = await Promise.all([rename(leaving, `left-${round}`), rename(arriving, `contested-${round}`)]);
      expect(left.errors).toBeUndefined();
      expect(arrived.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const [row] = await app.db.prisma.$queryRaw<{ both: number }[]>`
        SELECT count(*)::int AS both FROM posts p JOIN post_slugs s ON s.slug = p.slug AND s.post_id <> p.id`;
      expect(row!.both).toBe(0);
    }
  });
});
