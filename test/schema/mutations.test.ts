import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { insertPosts } from '../support/posts.js';

let app: TestApp;
let author: Record<string, string>;

beforeAll(async () => {
  app = await TestApp.start();
  author = await app.authorHeaders();
});

afterAll(() => app?.stop());

const POST_FIELDS = 'id slug title excerpt markdown status publishedAt updatedAt ... on Post { tags { slug name } }';

async function create(input: Record<string, unknown>) {
  const { createPost } = await app.data(`mutation($input: CreatePostInput!) { createPost(input: $input) { ${POST_FIELDS} } }`, { input }, author);
  return createPost;
}

async function errorOf(query: string, variables: Record<string, unknown> = {}, headers = author) {
  const result = await app.query(query, variables, headers);
  expect(result.errors, JSON.stringify(result)).toBeDefined();
  return result.errors![0]!;
}

const CREATE = 'mutation($input: CreatePostInput!) { createPost(input: $input) { id } }';

describe('createPost', () => {
  it('needs a token', async () => {
    const error = await errorOf(CREATE, { input: { title: 'x', markdown: 'y' } }, {});
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await app.db.prisma.post.count()).toBe(0);
  });

  it('creates a draft with a slug from the title', async () => {
    const post = await create({ title: 'Hello, World!', markdown: '# Hi\n\nThere.' });
    expect(post).toMatchObject({ slug: 'hello-world', title: 'Hello, World!', status: 'DRAFT', publishedAt: null, excerpt: 'Hi There.' });
  });

  it('transliterates an all-Chinese title, and numbers a slug that is taken', async () => {
    expect((await create({ title: '闭包与迭代器', markdown: '正文' })).slug).toBe('bi-bao-yu-die-dai-qi');
    expect((await create({ title: '闭包与迭代器', markdown: '正文' })).slug).toBe('bi-bao-yu-die-dai-qi-2');
    expect((await create({ title: '闭包与迭代器!', markdown: '正文' })).slug).toBe('bi-bao-yu-die-dai-qi-3');
  });

  it('numbers past the first 32 taken slugs, and skips a number a post had before', async () => {
    const taken = ['numbered', ...Array.from({ length: 31 }, (_, i) => `numbered-${i + 2}`)];
    await insertPosts(app.db, taken.map((slug) => ({ slug, title: slug, publishedAt: null })));
    const moved = await app.db.prisma.post.findUniqueOrThrow({ where: { slug: (await create({ title: 'Moved away', markdown: '.' })).slug } });
    await app.db.prisma.postSlug.create({ data: { slug: 'numbered-33', postId: moved.id } });
    expect((await create({ title: 'Numbered', markdown: '.' })).slug).toBe('numbered-34');
  });

  it('keeps a long summary as written and serves it cut to 200 characters', async () => {
    const summary = `${'A summary that goes on. '.repeat(12)}\nAnd on.`;
    const post = await create({ title: 'Long summary', markdown: '.', excerpt: summary });
    expect([...post.excerpt].length).toBeLessThanOrEqual(200);
    expect(post.excerpt).toMatch(/^A summary that goes on\. A summary.*…$/);
    expect((await app.db.prisma.post.findUnique({ where: { slug: 'long-summary' } }))!.summary).toBe(summary);
  });

  it('refuses an explicit slug that is taken with CONFLICT', async () => {
    await create({ title: 'First', markdown: '.', slug: 'taken' });
    const error = await errorOf(CREATE, { input: { title: 'Second', markdown: '.', slug: 'taken' } });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
    expect(await app.db.prisma.post.count({ where: { title: 'Second' } })).toBe(0);
  });

  it('creates unknown tags and publishes now when asked', async () => {
    const before = Date.now();
    const post = await create({ title: 'Tagged', markdown: '.', tags: ['new-tag', 'git', 'new-tag'], status: 'PUBLISHED', excerpt: 'Mine.' });
    expect(post.tags).toEqual([{ slug: 'git', name: 'git' }, { slug: 'new-tag', name: 'new-tag' }]);
    expect(post.status).toBe('PUBLISHED');
    expect(Date.parse(post.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(post.excerpt).toBe('Mine.');
  });

  it.each([
    ['an empty title', { title: '  ', markdown: '.' }, 'title', /must not be empty/],
    ['a title over 300 characters', { title: 'x'.repeat(301), markdown: '.' }, 'title', /at most 300 characters/],
    ['markdown over 1 MB', { title: 'Big', markdown: 'x'.repeat(1024 * 1024 + 1) }, 'markdown', /at most 1 MB/],
    ['a bad slug', { title: 'T', markdown: '.', slug: 'Not A Slug' }, 'slug', /lowercase letters, digits and single hyphens/],
    ['a bad tag slug', { title: 'T', markdown: '.', tags: ['ok', 'Bad Tag'] }, 'tags', /lowercase letters/],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_name, input, field, message) => {
    const error = await errorOf(CREATE, { input });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(error.message).toMatch(message);
  });

  it.each([
    ['an invalid date in a variable', CREATE, { input: { title: 'T', markdown: '.', publishedAt: '2024-13-45' } }, /publishedAt/],
    ['an unknown status in a variable', CREATE, { input: { title: 'T', markdown: '.', status: 'ARCHIVED' } }, /status/],
    ['an unknown status in the query', 'mutation { createPost(input: { title: "T", markdown: ".", status: ARCHIVED }) { id } }', {}, /ARCHIVED/],
    ['an invalid date in the query', 'mutation { createPost(input: { title: "T", markdown: ".", publishedAt: "soon" }) { id } }', {}, /DateTime/],
  ])('refuses %s with BAD_USER_INPUT', async (_name, query, variables, message) => {
    const error = await errorOf(query, variables);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });
});

describe('two concurrent createPost with the same slug', () => {
  it('let one succeed and the other get CONFLICT, leaving nothing half-written', async () => {
    const input = (n: number) => ({ title: `Race ${n}`, markdown: '.', slug: 'race', tags: [`race-tag-${n}`] });
    const results = await Promise.all([1, 2].map((n) => app.query(CREATE, { input: input(n) }, author)));
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const winner = await app.db.prisma.post.findUniqueOrThrow({ where: { slug: 'race' }, include: { tags: { include: { tag: true } } } });
    const loserTag = winner.title === 'Race 1' ? 'race-tag-2' : 'race-tag-1';
    expect(await app.db.prisma.tag.count({ where: { slug: loserTag } })).toBe(0);
    expect(winner.tags.map((link) => link.tag.slug)).toEqual([winner.title === 'Race 1' ? 'race-tag-1' : 'race-tag-2']);
    expect(await app.db.prisma.postTag.count({ where: { post: { slug: { startsWith: 'race' } } } })).toBe(1);
  });
});

describe('concurrent createPost with the same title', () => {
  it('all succeed, each with its own numbered slug', async () => {
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, n) => app.query<{ createPost: { slug: string } }>(
        'mutation($input: CreatePostInput!) { createPost(input: $input) { slug } }',
        { input: { title: 'Crowded Title', markdown: `Body ${n}` } },
        author,
      )),
    );
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const slugs = results.map((result) => result.data!.createPost.slug).sort();
    const expected = ['crowded-title', ...Array.from({ length: 14 }, (_, n) => `crowded-title-${n + 2}`)].sort();
    expect(slugs).toEqual(expected);
    const stored = await app.db.prisma.post.findMany({ where: { title: 'Crowded Title' }, select: { markdown: true } });
    expect(stored.map((post) => post.markdown).sort()).toEqual(Array.from({ length: 15 }, (_, n) => `Body ${n}`).sort());
  });
});

describe('updatePost', () => {
  const UPDATE = `mutation($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { ${POST_FIELDS} } }`;

  it('changes what is given, keeps the rest and moves updatedAt', async () => {
    const post = await create({ title: 'Before', markdown: 'Old body.', tags: ['a', 'b'], excerpt: 'Summary.' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { updatePost } = await app.data(UPDATE, { id: post.id, input: { title: 'After', tags: ['c'] } }, author);
    expect(updatePost).toMatchObject({ title: 'After', markdown: 'Old body.', slug: post.slug, excerpt: 'Summary.', tags: [{ slug: 'c', name: 'c' }] });
    expect(Date.parse(updatePost.updatedAt)).toBeGreaterThan(Date.parse(post.updatedAt));
    const cleared = await app.data(UPDATE, { id: post.id, input: { excerpt: null, markdown: 'New body text.' } }, author);
    expect(cleared.updatePost.excerpt).toBe('New body text.');
  });

  it('refuses a slug another post has, and an id of no post', async () => {
    const a = await create({ title: 'A', markdown: '.', slug: 'update-a' });
    await create({ title: 'B', markdown: '.', slug: 'update-b' });
    expect((await errorOf(UPDATE, { id: a.id, input: { slug: 'update-b' } })).extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
    const missing = Buffer.from('Post:987654').toString('base64');
    expect((await errorOf(UPDATE, { id: missing, input: { title: 'x' } })).extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses the id of a tag', async () => {
    const { upsertTag } = await app.data(`mutation { upsertTag(input: { slug: "not-a-post" }) { id } }`, {}, author);
    expect((await errorOf(UPDATE, { id: upsertTag.id, input: { title: 'x' } })).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('publishing', () => {
  const PUBLISH = `mutation($id: ID!, $at: DateTime) { publishPost(id: $id, at: $at) { status publishedAt } }`;
  const UNPUBLISH = `mutation($id: ID!) { unpublishPost(id: $id) { status publishedAt } }`;

  it('publishes now, schedules for later, and takes back to draft keeping the date', async () => {
    const post = await create({ title: 'To publish', markdown: '.' });
    const now = await app.data(PUBLISH, { id: post.id }, author);
    expect(now.publishPost.status).toBe('PUBLISHED');
    const date = now.publishPost.publishedAt;
    expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(60_000);
    expect((await app.data(UNPUBLISH, { id: post.id }, author)).unpublishPost).toEqual({ status: 'DRAFT', publishedAt: date });
    expect((await app.data(PUBLISH, { id: post.id }, author)).publishPost).toEqual({ status: 'PUBLISHED', publishedAt: date });
    const later = '2999-01-01T00:00:00.000Z';
    expect((await app.data(PUBLISH, { id: post.id, at: later }, author)).publishPost).toEqual({ status: 'PUBLISHED', publishedAt: later });
  });

  it('answers NOT_FOUND for a post that is gone', async () => {
    const missing = Buffer.from('Post:987654').toString('base64');
    expect((await errorOf(PUBLISH, { id: missing })).extensions?.code).toBe('NOT_FOUND');
    expect((await errorOf(UNPUBLISH, { id: missing })).extensions?.code).toBe('NOT_FOUND');
  });
});

describe('deletePost', () => {
  const DELETE = `mutation($id: ID!) { deletePost(id: $id) }`;

  it('deletes the post and its tag links, keeps the tags, and returns the id', async () => {
    const post = await create({ title: 'Doomed', markdown: '.', tags: ['survivor'], status: 'PUBLISHED' });
    expect((await app.data(DELETE, { id: post.id }, author)).deletePost).toBe(post.id);
    expect((await app.data(`query($id: ID!) { node(id: $id) { id } }`, { id: post.id }, author)).node).toBeNull();
    expect((await app.data(`{ tag(slug: "survivor") { postCount } }`, {}, author)).tag).toEqual({ postCount: 0 });
    // Without a post to show, readers without a token no longer see the tag.
    expect((await app.data(`{ tag(slug: "survivor") { postCount } }`)).tag).toBeNull();
    expect((await errorOf(DELETE, { id: post.id })).extensions?.code).toBe('NOT_FOUND');
  });

  it('needs a token', async () => {
    const post = await create({ title: 'Safe', markdown: '.' });
    expect((await errorOf(DELETE, { id: post.id }, {})).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('tags', () => {
  const UPSERT = `mutation($input: TagInput!) { upsertTag(input: $input) { id slug name description } }`;

  it('creates a tag, then updates its name and description', async () => {
    const created = (await app.data(UPSERT, { input: { slug: 'rust', name: 'Rust' } }, author)).upsertTag;
    expect(created).toMatchObject({ slug: 'rust', name: 'Rust', description: null });
    const updated = (await app.data(UPSERT, { input: { slug: 'rust', description: 'Systems programming.' } }, author)).upsertTag;
    expect(updated).toEqual({ ...created, description: 'Systems programming.' });
    expect((await app.data(UPSERT, { input: { slug: 'rust', description: null } }, author)).upsertTag.description).toBeNull();
  });

  it('refuses a bad slug and an empty name', async () => {
    expect((await errorOf(UPSERT, { input: { slug: 'No Good' } })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
    expect((await errorOf(UPSERT, { input: { slug: 'fine', name: ' ' } })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('deletes a tag and leaves its posts', async () => {
    const post = await create({ title: 'Keeps', markdown: '.', tags: ['ephemeral'] });
    const { tag } = await app.data(`{ tag(slug: "ephemeral") { id } }`, {}, author);
    expect((await app.data(`mutation($id: ID!) { deleteTag(id: $id) }`, { id: tag.id }, author)).deleteTag).toBe(tag.id);
    const { node } = await app.data(`query($id: ID!) { node(id: $id) { ... on Post { title tags { slug } } } }`, { id: post.id }, author);
    expect(node).toEqual({ title: 'Keeps', tags: [] });
    expect((await errorOf(`mutation($id: ID!) { deleteTag(id: $id) }`, { id: tag.id })).extensions?.code).toBe('NOT_FOUND');
  });
});
