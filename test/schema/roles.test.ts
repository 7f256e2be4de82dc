import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import type { Role } from '../../src/db/generated/prisma/enums.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// Every mutation, tried by every role, through GraphQL against a real database. A refusal is
// FORBIDDEN naming the role that could, and leaves the content exactly as it was.
let app: TestApp;
const headers = {} as Record<Role, Record<string, string>>;
const ROLES: Role[] = ['CONTRIBUTOR', 'AUTHOR', 'EDITOR', 'ADMIN'];
let sequence = 0;

beforeAll(async () => {
  app = await TestApp.start();
  for (const slug of ['me', 'other', 'spare']) await app.db.prisma.author.create({ data: { slug, name: slug } });
  for (const role of ROLES) {
    // The ADMIN token is one from before roles: no author, the column's default role.
    const token = role === 'ADMIN' ? await createToken(app.db, 'legacy') : await createToken(app.db, role, { role, authorSlug: 'me' });
    headers[role] = { authorization: `Bearer ${token}` };
  }
});

afterAll(() => app?.stop());

/** A post by `author`, published or a draft; answers its global id. */
async function post(author: 'me' | 'other', status: 'DRAFT' | 'PUBLISHED'): Promise<string> {
  sequence += 1;
  const { id } = await givenPost(app.db, { slug: `role-post-${sequence}`, status, authors: [author] });
  return Buffer.from(`Post:${id}`).toString('base64');
}

/** A page (pages belong to the site, not to an author); answers its global id. */
async function page(): Promise<string> {
  sequence += 1;
  const { id } = await givenPost(app.db, { slug: `role-page-${sequence}`, status: 'DRAFT', kind: 'PAGE' });
  return Buffer.from(`Page:${id}`).toString('base64');
}

async function authorId(slug: string): Promise<string> {
  const { id } = await app.db.prisma.author.findUniqueOrThrow({ where: { slug } });
  return Buffer.from(`Author:${id}`).toString('base64');
}

async function tagId(): Promise<string> {
  sequence += 1;
  const { id } = await app.db.prisma.tag.create({ data: { slug: `tag-${sequence}`, name: 'T' } });
  return Buffer.from(`Tag:${id}`).toString('base64');
}

/** What the content looks like, to show that a refused mutation changed nothing. */
async function snapshot() {
  const [posts, authors, tags, bylines, site, images, webhooks] = await Promise.all([
    app.db.prisma.post.findMany({ orderBy: { id: 'asc' }, select: { id: true, slug: true, title: true, status: true, publishedAt: true } }),
    app.db.prisma.author.findMany({ orderBy: { id: 'asc' } }),
    app.db.prisma.tag.findMany({ orderBy: { id: 'asc' } }),
    app.db.prisma.postAuthor.findMany({ orderBy: [{ postId: 'asc' }, { position: 'asc' }] }),
    app.db.prisma.site.findUniqueOrThrow({ where: { id: true } }),
    app.db.prisma.image.findMany({ orderBy: { id: 'asc' } }),
    app.db.prisma.webhook.findMany({ orderBy: { id: 'asc' }, select: { id: true, url: true, events: true } }),
  ]);
  return JSON.stringify({ posts, authors, tags, bylines, site, images, webhooks });
}

interface Case {
  name: string;
  query: string;
  variables: () => Promise<Record<string, unknown>>;
  /** For each role: allowed, or the role the refusal names. */
  outcome: Record<Role, 'ok' | Role>;
}

const ALL: Case['outcome'] = { CONTRIBUTOR: 'ok', AUTHOR: 'ok', EDITOR: 'ok', ADMIN: 'ok' };
const EDITORS: Case['outcome'] = { CONTRIBUTOR: 'EDITOR', AUTHOR: 'EDITOR', EDITOR: 'ok', ADMIN: 'ok' };
const ADMINS: Case['outcome'] = { CONTRIBUTOR: 'ADMIN', AUTHOR: 'ADMIN', EDITOR: 'ADMIN', ADMIN: 'ok' };
const PUBLISHERS: Case['outcome'] = { CONTRIBUTOR: 'AUTHOR', AUTHOR: 'ok', EDITOR: 'ok', ADMIN: 'ok' };

const CREATE = 'mutation($input: CreatePostInput!) { createPost(input: $input) { id } }';
const UPDATE = 'mutation($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { id } }';
const DELETE = 'mutation($id: ID!) { deletePost(id: $id) }';
const PUBLISH = 'mutation($id: ID!) { publishPost(id: $id) { id } }';
const UNPUBLISH = 'mutation($id: ID!) { unpublishPost(id: $id) { id } }';
const UPSERT_TAG = 'mutation($input: TagInput!) { upsertTag(input: $input) { id } }';
const DELETE_TAG = 'mutation($id: ID!) { deleteTag(id: $id) }';
const UPSERT_AUTHOR = 'mutation($input: AuthorInput!) { upsertAuthor(input: $input) { id } }';
const DELETE_AUTHOR = 'mutation($id: ID!) { deleteAuthor(id: $id) }';
const DELETE_IMAGE = 'mutation($id: ID!) { deleteImage(id: $id) }';
const UPDATE_SITE = 'mutation($input: SiteInput!) { updateSite(input: $input) { title } }';

const cases: Case[] = [
  { name: 'createPost a draft', query: CREATE, variables: async () => ({ input: { title: `Draft ${++sequence}`, markdown: '.' } }), outcome: ALL },
  {
    name: 'createPost published',
    query: CREATE,
    variables: async () => ({ input: { title: `Live ${++sequence}`, markdown: '.', status: 'PUBLISHED' } }),
    outcome: PUBLISHERS,
  },
  {
    name: 'createPost for another author only',
    query: CREATE,
    variables: async () => ({ input: { title: `Ghost ${++sequence}`, markdown: '.', authors: ['other'] } }),
    outcome: EDITORS,
  },
  {
    name: 'createPost with a co-author',
    query: CREATE,
    variables: async () => ({ input: { title: `Pair ${++sequence}`, markdown: '.', authors: ['other', 'me'] } }),
    outcome: ALL,
  },
  {
    name: 'createPost of a page',
    query: CREATE,
    variables: async () => ({ input: { title: `Page ${++sequence}`, markdown: '.', kind: 'PAGE' } }),
    outcome: EDITORS,
  },
  { name: 'updatePost of a page', query: UPDATE, variables: async () => ({ id: await page(), input: { title: 'New' } }), outcome: EDITORS },
  { name: 'publishPost of a page', query: PUBLISH, variables: async () => ({ id: await page() }), outcome: EDITORS },
  { name: 'deletePost of a page', query: DELETE, variables: async () => ({ id: await page() }), outcome: EDITORS },
  {
    name: 'deleteImage',
    query: DELETE_IMAGE,
    variables: async () => {
      const hash = `${++sequence}`.padStart(64, '0');
      const { id } = await app.db.prisma.image.create({ data: { hash, format: 'png', width: 1, height: 1, byteSize: 1 } });
      return { id: Buffer.from(`Image:${id}`).toString('base64') };
    },
    outcome: EDITORS,
  },
  { name: 'updateSite', query: UPDATE_SITE, variables: async () => ({ input: { title: `Site ${++sequence}` } }), outcome: ADMINS },
  {
    name: 'createWebhook',
    query: 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }',
    variables: async () => ({ input: { url: `https://example.com/hooks/${++sequence}`, events: ['POST_PUBLISHED'] } }),
    outcome: ADMINS,
  },
  {
    name: 'deleteWebhook',
    query: 'mutation($id: ID!) { deleteWebhook(id: $id) }',
    variables: async () => {
      const { id } = await app.db.prisma.webhook.create({ data: { url: `https://example.com/hooks/${++sequence}`, secret: 'whsec_AAAA' } });
      return { id: Buffer.from(`Webhook:${id}`).toString('base64') };
    },
    outcome: ADMINS,
  },
  { name: 'updatePost of an own draft', query: UPDATE, variables: async () => ({ id: await post('me', 'DRAFT'), input: { title: 'New' } }), outcome: ALL },
  {
    name: 'updatePost of an own published post',
    query: UPDATE,
    variables: async () => ({ id: await post('me', 'PUBLISHED'), input: { title: 'New' } }),
    outcome: PUBLISHERS,
  },
  {
    name: "updatePost of another author's draft",
    query: UPDATE,
    variables: async () => ({ id: await post('other', 'DRAFT'), input: { title: 'New' } }),
    outcome: EDITORS,
  },
  {
    name: 'updatePost handing an own draft to another author',
    query: UPDATE,
    variables: async () => ({ id: await post('me', 'DRAFT'), input: { authors: ['other'] } }),
    outcome: EDITORS,
  },
  { name: 'deletePost of an own draft', query: DELETE, variables: async () => ({ id: await post('me', 'DRAFT') }), outcome: ALL },
  { name: 'deletePost of an own published post', query: DELETE, variables: async () => ({ id: await post('me', 'PUBLISHED') }), outcome: PUBLISHERS },
  { name: "deletePost of another author's post", query: DELETE, variables: async () => ({ id: await post('other', 'DRAFT') }), outcome: EDITORS },
  { name: 'publishPost of an own draft', query: PUBLISH, variables: async () => ({ id: await post('me', 'DRAFT') }), outcome: PUBLISHERS },
  {
    name: "publishPost of another author's draft",
    query: PUBLISH,
    variables: async () => ({ id: await post('other', 'DRAFT') }),
    outcome: { CONTRIBUTOR: 'AUTHOR', AUTHOR: 'EDITOR', EDITOR: 'ok', ADMIN: 'ok' },
  },
  { name: 'unpublishPost of an own post', query: UNPUBLISH, variables: async () => ({ id: await post('me', 'PUBLISHED') }), outcome: PUBLISHERS },
  {
    name: "unpublishPost of another author's post",
    query: UNPUBLISH,
    variables: async () => ({ id: await post('other', 'PUBLISHED') }),
    outcome: { CONTRIBUTOR: 'AUTHOR', AUTHOR: 'EDITOR', EDITOR: 'ok', ADMIN: 'ok' },
  },
  { name: 'upsertTag', query: UPSERT_TAG, variables: async () => ({ input: { slug: `made-${++sequence}` } }), outcome: EDITORS },
  { name: 'deleteTag', query: DELETE_TAG, variables: async () => ({ id: await tagId() }), outcome: EDITORS },
  { name: 'upsertAuthor of their own profile', query: UPSERT_AUTHOR, variables: async () => ({ input: { slug: 'me', bio: `Bio ${++sequence}` } }), outcome: ALL },
  { name: 'upsertAuthor of another profile', query: UPSERT_AUTHOR, variables: async () => ({ input: { slug: 'other', bio: `Bio ${++sequence}` } }), outcome: EDITORS },
  {
    name: 'upsertAuthor creating an author',
    query: UPSERT_AUTHOR,
    variables: async () => ({ input: { slug: `new-${++sequence}`, name: 'New' } }),
    outcome: EDITORS,
  },
  {
    name: 'deleteAuthor',
    query: DELETE_AUTHOR,
    variables: async () => {
      const slug = `gone-${++sequence}`;
      await app.db.prisma.author.create({ data: { slug, name: slug } });
      return { id: await authorId(slug) };
    },
    outcome: EDITORS,
  },
];

describe.each(cases)('$name', ({ query, variables, outcome }) => {
  it.each(ROLES)('as %s', async (role) => {
    const vars = await variables();
    const before = await snapshot();
    const result = await app.query(query, vars, headers[role]);
    const expected = outcome[role];
    if (expected === 'ok') {
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(await snapshot()).not.toBe(before);
    } else {
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe('FORBIDDEN');
      expect(result.errors![0]!.message).toContain(`the ${expected} role`);
      expect(await snapshot()).toBe(before);
    }
  });
});

describe('anonymous requests', () => {
  it.each(cases)('are UNAUTHENTICATED for $name', async ({ query, variables }) => {
    const result = await app.query(query, await variables());
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('authors of a new post', () => {
  it("default to the token's own author, and to none for a token without one", async () => {
    const query = 'mutation($input: CreatePostInput!) { createPost(input: $input) { authors { slug } } }';
    const mine = await app.data(query, { input: { title: 'Mine', markdown: '.' } }, headers.AUTHOR);
    expect(mine.createPost.authors).toEqual([{ slug: 'me' }]);
    const legacy = await app.data(query, { input: { title: 'Nobody’s', markdown: '.' } }, headers.ADMIN);
    expect(legacy.createPost.authors).toEqual([]);
  });

  it('refuse a CONTRIBUTOR a schedule, naming the role that may', async () => {
    const id = await post('me', 'DRAFT');
    const result = await app.query(
      'mutation($id: ID!) { publishPost(id: $id, at: "2999-01-01T00:00:00Z") { id } }',
      { id },
      headers.CONTRIBUTOR,
    );
    expect(result.errors?.[0]?.message).toMatch(/Publishing, scheduling and unpublishing take the AUTHOR role; this token is a CONTRIBUTOR/);
  });

  it('answer NOT_FOUND, not FORBIDDEN, for a post that does not exist', async () => {
    const result = await app.query(DELETE, { id: Buffer.from('Post:999999').toString('base64') }, headers.CONTRIBUTOR);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
