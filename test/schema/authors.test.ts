import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { TestApp } from '../support/app.js';
import { seedDatabase } from '../../src/transfer/seed.js';
import { givenPost, insertPosts } from '../support/posts.js';

let app: TestApp;
let editor: Record<string, string>;
const DAY = 86_400_000;

beforeAll(async () => {
  app = await TestApp.start();
  await app.db.prisma.author.createMany({
    data: [
      { slug: 'ada', name: 'Ada Lovelace', bio: 'Notes on the engine.', website: 'https://ada.example', socialLinks: [{ kind: 'github', url: 'https://github.com/ada' }] },
      { slug: 'grace', name: 'Grace Hopper' },
      { slug: 'idle', name: 'Idle Writer' },
    ],
  });
  editor = { authorization: `Bearer ${await createToken(app.db, 'editor', { role: 'EDITOR', authorSlug: 'grace' })}` };
  const now = Date.now();
  await givenPost(app.db, { slug: 'solo', authors: ['ada'], publishedAt: new Date(now - 3 * DAY) });
  await givenPost(app.db, { slug: 'pair', authors: ['grace', 'ada'], publishedAt: new Date(now - 2 * DAY) });
  await givenPost(app.db, { slug: 'draft', authors: ['ada'], status: 'DRAFT', publishedAt: null });
  await givenPost(app.db, { slug: 'scheduled', authors: ['ada'], publishedAt: new Date(now + 5 * DAY) });
  await givenPost(app.db, { slug: 'hers', authors: ['grace'], publishedAt: new Date(now - DAY) });
});

afterAll(() => app?.stop());

describe('author(slug)', () => {
  it('answers the profile, its published posts and their count, newest first', async () => {
    const { author } = await app.data(`{ author(slug: "ada") {
      id slug name bio website socialLinks { kind url } postCount
      posts { totalCount edges { node { slug authors { slug } } } }
    } }`);
    expect(author).toMatchObject({ slug: 'ada', name: 'Ada Lovelace', bio: 'Notes on the engine.', website: 'https://ada.example' });
    expect(author.socialLinks).toEqual([{ kind: 'github', url: 'https://github.com/ada' }]);
    // Without a token, neither the draft nor the scheduled post.
    expect(author.postCount).toBe(2);
    expect(author.posts.totalCount).toBe(2);
    expect(author.posts.edges.map((edge: any) => edge.node.slug)).toEqual(['pair', 'solo']);
    expect(author.posts.edges[0].node.authors).toEqual([{ slug: 'grace' }, { slug: 'ada' }]);
    const node = await app.data(`query($id: ID!) { node(id: $id) { ... on Author { slug } } }`, { id: author.id });
    expect(node.node).toEqual({ slug: 'ada' });
  });

  it('counts scheduled posts for a token holder, as lists do', async () => {
    const { author } = await app.data('{ author(slug: "ada") { postCount posts { totalCount } } }', {}, editor);
    expect(author).toEqual({ postCount: 3, posts: { totalCount: 3 } });
  });

  it('pages an author’s posts by cursor', async () => {
    const first = await app.data('{ author(slug: "ada") { posts(first: 1) { edges { node { slug } } pageInfo { endCursor hasNextPage } } } }');
    const page = first.author.posts;
    expect(page.edges.map((edge: any) => edge.node.slug)).toEqual(['pair']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await app.data('query($after: String) { author(slug: "ada") { posts(first: 1, after: $after) { edges { node { slug } } pageInfo { hasNextPage } } } }', {
      after: page.pageInfo.endCursor,
    });
    expect(second.author.posts.edges.map((edge: any) => edge.node.slug)).toEqual(['solo']);
    expect(second.author.posts.pageInfo.hasNextPage).toBe(false);
  });

  it('is null for an unknown slug', async () => {
    expect((await app.data('{ author(slug: "nobody") { slug } }')).author).toBeNull();
  });
});

describe('authors', () => {
  it('lists every author by name, paged, with a total', async () => {
    const { authors } = await app.data('{ authors(first: 2) { totalCount edges { node { slug postCount } } pageInfo { hasNextPage endCursor } } }');
    expect(authors.totalCount).toBe(3);
    expect(authors.edges.map((edge: any) => edge.node)).toEqual([{ slug: 'ada', postCount: 2 }, { slug: 'grace', postCount: 2 }]);
    const rest = await app.data('query($after: String) { authors(after: $after) { edges { node { slug postCount } } } }', { after: authors.pageInfo.endCursor });
    expect(rest.authors.edges.map((edge: any) => edge.node)).toEqual([{ slug: 'idle', postCount: 0 }]);
  });
});

describe('posts(filter: { authors })', () => {
  it('keeps posts by any of the authors', async () => {
    const slugs = async (authors: string[]) =>
      (await app.data('query($a: [String!]) { posts(filter: { authors: $a }) { totalCount edges { node { slug } } } }', { a: authors })).posts;
    expect(await slugs(['grace'])).toEqual({ totalCount: 2, edges: [{ node: { slug: 'hers' } }, { node: { slug: 'pair' } }] });
    expect((await slugs(['grace', 'ada'])).totalCount).toBe(3);
    expect((await slugs(['nobody'])).totalCount).toBe(0);
  });
});

describe('writing authors', () => {
  const CREATE = 'mutation($input: CreatePostInput!) { createPost(input: $input) { id authors { slug } } }';

  it('keeps the byline order given, and replaces it on update', async () => {
    const { createPost } = await app.data(CREATE, { input: { title: 'Byline', markdown: '.', authors: ['ada', 'grace'] } }, editor);
    expect(createPost.authors).toEqual([{ slug: 'ada' }, { slug: 'grace' }]);
    const { updatePost } = await app.data(
      'mutation($id: ID!) { updatePost(id: $id, input: { authors: ["grace", "ada"] }) { authors { slug } } }',
      { id: createPost.id },
      editor,
    );
    expect(updatePost.authors).toEqual([{ slug: 'grace' }, { slug: 'ada' }]);
    const { updatePost: kept } = await app.data(
      'mutation($id: ID!) { updatePost(id: $id, input: { title: "Renamed" }) { authors { slug } } }',
      { id: createPost.id },
      editor,
    );
    expect(kept.authors).toEqual([{ slug: 'grace' }, { slug: 'ada' }]);
  });

  it('refuses an unknown author slug with BAD_USER_INPUT naming it', async () => {
    const result = await app.query(CREATE, { input: { title: 'Stray', markdown: '.', authors: ['ada', 'nobody'] } }, editor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'authors' });
    expect(result.errors?.[0]?.message).toMatch(/no author "nobody"/);
    expect(await app.db.prisma.post.count({ where: { title: 'Stray' } })).toBe(0);
  });

  it('creates and updates a profile with upsertAuthor, checking what it is given', async () => {
    const UPSERT = 'mutation($input: AuthorInput!) { upsertAuthor(input: $input) { slug name bio website socialLinks { kind url } } }';
    const { upsertAuthor } = await app.data(
      UPSERT,
      { input: { slug: 'linus', name: 'Linus', socialLinks: [{ kind: 'Mastodon', url: 'https://social.example/@linus' }] } },
      editor,
    );
    expect(upsertAuthor).toEqual({ slug: 'linus', name: 'Linus', bio: null, website: null, socialLinks: [{ kind: 'mastodon', url: 'https://social.example/@linus' }] });
    const updated = await app.data(UPSERT, { input: { slug: 'linus', bio: 'Kernel.' } }, editor);
    expect(updated.upsertAuthor).toMatchObject({ name: 'Linus', bio: 'Kernel.', socialLinks: [{ kind: 'mastodon' }] });

    for (const [input, field, message] of [
      [{ slug: 'nameless' }, 'name', /needs a name/],
      [{ slug: 'linus', website: 'javascript:alert(1)' }, 'website', /absolute http\(s\) URL/],
      [{ slug: 'linus', socialLinks: [{ kind: 'x', url: 'not a url' }] }, 'socialLinks[0].url', /absolute http\(s\) URL/],
      [{ slug: 'Bad Slug', name: 'B' }, 'slug', /lowercase letters/],
    ] as const) {
      const result = await app.query(UPSERT, { input }, editor);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(message);
    }
    const avatar = await app.query(UPSERT, { input: { slug: 'linus', avatarId: Buffer.from('Image:4242').toString('base64') } }, editor);
    expect(avatar.errors?.[0]?.message).toMatch(/avatarId names no image/);
  });

  it('refuses to delete an author who still has posts or tokens, with CONFLICT', async () => {
    const DELETE = 'mutation($id: ID!) { deleteAuthor(id: $id) }';
    const idOf = async (slug: string) => (await app.data(`{ author(slug: "${slug}") { id } }`)).author.id;
    const withPosts = await app.query(DELETE, { id: await idOf('ada') }, editor);
    expect(withPosts.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(withPosts.errors?.[0]?.message).toMatch(/"ada" still has \d+ post\(s\) and 0 token\(s\)/);
    const withToken = await app.query(DELETE, { id: await idOf('grace') }, editor);
    expect(withToken.errors?.[0]?.message).toMatch(/1 token\(s\)/);
    const idle = await idOf('idle');
    expect((await app.data(DELETE, { id: idle }, editor)).deleteAuthor).toBe(idle);
    expect(await app.db.prisma.author.count({ where: { slug: 'idle' } })).toBe(0);
  });
});

describe('SQL statements for authors', () => {
  it('loads the authors of a page of 20 posts, and their post counts, with one statement each', async () => {
    const own = await TestApp.start();
    try {
      const authors = await Promise.all(
        Array.from({ length: 5 }, (_, i) => own.db.prisma.author.create({ data: { slug: `writer-${i}`, name: `Writer ${i}` } })),
      );
      const ids = await insertPosts(
        own.db,
        Array.from({ length: 30 }, (_, i) => ({ slug: `p-${i}`, title: `P ${i}`, publishedAt: new Date(Date.UTC(2024, 0, 1 + i)) })),
      );
      await own.db.prisma.postAuthor.createMany({
        data: ids.flatMap((postId, i) => [
          { postId, authorId: authors[i % 5]!.id, position: 0 },
          { postId, authorId: authors[(i + 1) % 5]!.id, position: 1 },
        ]),
      });
      const { count, statements } = await own.countStatements(() =>
        own.data('{ posts(first: 20) { edges { node { slug authors { slug name postCount } } } } }'),
      );
      // the page, the authors of all its posts, the post counts of all those authors
      expect(count, statements.join('\n\n')).toBe(3);
      expect(statements.filter((sql) => sql.includes('post_authors')).length).toBe(2);
    } finally {
      await own.stop();
    }
  });
});

describe('the seed', () => {
  it('gives every sample post its author, and seeding again changes nothing', async () => {
    const fresh = await TestApp.start();
    try {
      await seedDatabase(fresh.db);
      const bylines = await fresh.db.prisma.postAuthor.findMany({ orderBy: { postId: 'asc' } });
      expect(bylines.length).toBe(await fresh.db.prisma.post.count());
      const { author } = await fresh.data('{ author(slug: "folio") { name postCount } }');
      expect(author.postCount).toBeGreaterThan(0);
      await seedDatabase(fresh.db);
      expect(await fresh.db.prisma.postAuthor.findMany({ orderBy: { postId: 'asc' } })).toEqual(bylines);
    } finally {
      await fresh.stop();
    }
  });
});
