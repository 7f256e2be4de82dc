import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// Pages are rows of posts of kind PAGE: written like posts, never listed, counted or linked as posts.
let app: TestApp;
let author: Record<string, string>;
let about: { id: string; slug: string };

const CREATE = `mutation($input: CreatePostInput!) {
  createPost(input: $input) { __typename id slug title html status ... on Page { seo { title } } }
}`;

async function createPage(input: Record<string, unknown>) {
  const { createPost } = await app.data(CREATE, { input: { kind: 'PAGE', ...input } }, author);
  return createPost;
}

async function errorOf(query: string, variables: Record<string, unknown>) {
  const result = await app.query(query, variables, author);
  expect(result.errors, JSON.stringify(result)).toBeDefined();
  return result.errors![0]!;
}

beforeAll(async () => {
  app = await TestApp.start();
  author = await app.authorHeaders();
  await givenPost(app.db, { slug: 'older', title: 'Older', markdown: 'About Rust and Go.', publishedAt: new Date('2024-03-01T00:00:00Z'), tags: ['rust'] });
  await givenPost(app.db, { slug: 'newer', title: 'Newer', markdown: 'About Rust.', publishedAt: new Date('2024-05-01T00:00:00Z'), tags: ['rust'] });
  // Published between the two posts, with words a search for the posts finds.
  about = await createPage({
    title: 'About',
    slug: 'about',
    markdown: '# About\n\nI write about Rust.',
    status: 'PUBLISHED',
    publishedAt: '2024-04-01T00:00:00Z',
  });
  await createPage({ title: 'Now', slug: 'now', markdown: 'What I do now.', status: 'PUBLISHED', publishedAt: '2024-04-02T00:00:00Z' });
  await createPage({ title: 'Uses', slug: 'uses', markdown: 'My tools.' });
});

afterAll(() => app?.stop());

describe('a page', () => {
  it('is created by createPost with kind PAGE and answered as a Page', async () => {
    expect(about).toMatchObject({ __typename: 'Page', slug: 'about', title: 'About', status: 'PUBLISHED', seo: { title: 'About' } });
    expect(Buffer.from(about.id, 'base64').toString()).toMatch(/^Page:\d+$/);
    expect((await app.db.prisma.post.findUnique({ where: { slug: 'about' } }))!.kind).toBe('PAGE');
  });

  it('is found by page(slug) and node(id), with its body, but not by post(slug)', async () => {
    const data = await app.data(
      `query($id: ID!) {
        page(slug: "about") { id slug title html headings { text } wordCount readingMinutes publishedAt }
        post(slug: "about") { id }
        node(id: $id) { __typename ... on ContentNode { slug } }
      }`,
      { id: about.id },
    );
    expect(data.page).toMatchObject({ id: about.id, slug: 'about', title: 'About', headings: [{ text: 'About' }] });
    expect(data.page.html).toContain('I write about Rust.');
    expect(data.post).toBeNull();
    expect(data.node).toEqual({ __typename: 'Page', slug: 'about' });
  });

  it('is not found by page(slug) when it is a post, nor by a post id as a page', async () => {
    const { post } = await app.data(`{ post(slug: "newer") { id } }`);
    const pageId = Buffer.from(`Page:${Buffer.from(post.id, 'base64').toString().split(':')[1]}`).toString('base64');
    const data = await app.data(`query($id: ID!) { page(slug: "newer") { id } node(id: $id) { id } }`, { id: pageId });
    expect(data).toEqual({ page: null, node: null });
  });

  it('is listed by pages, by title, published ones only without a token', async () => {
    const anonymous = await app.data(`{ pages { totalCount edges { node { slug } } } }`);
    expect(anonymous.pages).toEqual({ totalCount: 2, edges: [{ node: { slug: 'about' } }, { node: { slug: 'now' } }] });
    const paged = await app.data(`{ pages(first: 1) { edges { cursor } pageInfo { hasNextPage endCursor } } }`);
    expect(paged.pages.pageInfo.hasNextPage).toBe(true);
    const next = await app.data(`query($after: String) { pages(first: 1, after: $after) { edges { node { slug } } pageInfo { hasNextPage } } }`, {
      after: paged.pages.pageInfo.endCursor,
    });
    expect(next.pages).toEqual({ edges: [{ node: { slug: 'now' } }], pageInfo: { hasNextPage: false } });
  });

  it('lists drafts by status for a token holder, and refuses the status to a reader', async () => {
    const drafts = await app.data(`{ pages(status: [DRAFT]) { totalCount edges { node { slug status } } } }`, {}, author);
    expect(drafts.pages).toEqual({ totalCount: 1, edges: [{ node: { slug: 'uses', status: 'DRAFT' } }] });
    const refused = await app.query(`{ pages(status: [DRAFT]) { totalCount } }`);
    expect(refused.errors![0]!.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toMatch(/^status is only for authenticated requests/);
  });

  it('is in no list, count, search, archive, tag page or neighbour of posts', async () => {
    const data = await app.data(`{
      posts { totalCount edges { node { slug } } }
      search: posts(filter: { search: "Rust" }) { totalCount edges { node { slug } } }
      april: posts(filter: { year: 2024, month: 4 }) { totalCount edges { node { slug } } }
      archive { year postCount months { month postCount posts { totalCount edges { node { slug } } } } }
      tag(slug: "rust") { postCount posts { totalCount edges { node { slug } } } }
      newer: post(slug: "newer") { previous { slug } related { slug } }
      older: post(slug: "older") { next { slug } }
    }`);
    expect(data.posts).toEqual({ totalCount: 2, edges: [{ node: { slug: 'newer' } }, { node: { slug: 'older' } }] });
    expect(data.search.edges.map((edge: any) => edge.node.slug).sort()).toEqual(['newer', 'older']);
    expect(data.search.totalCount).toBe(2);
    expect(data.april).toEqual({ totalCount: 0, edges: [] });
    expect(data.archive).toEqual([
      {
        year: 2024,
        postCount: 2,
        months: [
          { month: 5, postCount: 1, posts: { totalCount: 1, edges: [{ node: { slug: 'newer' } }] } },
          { month: 3, postCount: 1, posts: { totalCount: 1, edges: [{ node: { slug: 'older' } }] } },
        ],
      },
    ]);
    expect(data.tag).toEqual({ postCount: 2, posts: { totalCount: 2, edges: [{ node: { slug: 'newer' } }, { node: { slug: 'older' } }] } });
    expect(data.newer).toEqual({ previous: { slug: 'older' }, related: [{ slug: 'older' }] });
    expect(data.older).toEqual({ next: { slug: 'newer' } });
    // Nor in the kept count itself.
    expect((await app.db.prisma.postStatistics.findFirstOrThrow()).publishedPosts).toBe(2);
  });

  it('is in no list of posts for a token holder either, drafts included', async () => {
    const { posts } = await app.data(`{ posts(filter: { status: [DRAFT, PUBLISHED] }) { totalCount edges { node { slug } } } }`, {}, author);
    expect(posts.edges.map((edge: any) => edge.node.slug)).toEqual(['newer', 'older']);
    expect(posts.totalCount).toBe(2);
  });

  it('is edited, published and deleted by the post mutations, by its id', async () => {
    const { id } = await createPage({ title: 'Colophon', markdown: 'Made with Folio.' });
    const { updatePost } = await app.data(
      `mutation($id: ID!) { updatePost(id: $id, input: { title: "Colophon!", markdown: "Made *with* Folio." }) { __typename title html } }`,
      { id },
      author,
    );
    expect(updatePost).toEqual({ __typename: 'Page', title: 'Colophon!', html: '<p>Made <em>with</em> Folio.</p>\n' });
    const { publishPost } = await app.data(`mutation($id: ID!) { publishPost(id: $id) { __typename status } }`, { id }, author);
    expect(publishPost).toEqual({ __typename: 'Page', status: 'PUBLISHED' });
    expect((await app.data(`{ page(slug: "colophon") { title } }`)).page).toEqual({ title: 'Colophon!' });
    const { unpublishPost } = await app.data(`mutation($id: ID!) { unpublishPost(id: $id) { status } }`, { id }, author);
    expect(unpublishPost).toEqual({ status: 'DRAFT' });
    const { deletePost } = await app.data(`mutation($id: ID!) { deletePost(id: $id) }`, { id }, author);
    expect(deletePost).toBe(id);
    expect(await app.db.prisma.post.count({ where: { slug: 'colophon' } })).toBe(0);
  });

  it('is not changed through a post’s id, nor a post through a page’s', async () => {
    const rowOf = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1];
    const asPost = Buffer.from(`Post:${rowOf(about.id)}`).toString('base64');
    const error = await errorOf(`mutation($id: ID!) { deletePost(id: $id) }`, { id: asPost });
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
    const { post } = await app.data(`{ post(slug: "newer") { id } }`);
    const asPage = Buffer.from(`Page:${rowOf(post.id)}`).toString('base64');
    const refused = await errorOf(`mutation($id: ID!) { unpublishPost(id: $id) { id } }`, { id: asPage });
    expect(refused.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await app.db.prisma.post.count({ where: { slug: { in: ['about', 'newer'] }, status: 'PUBLISHED' } })).toBe(2);
  });

  it('refuses tags, on creation and on update', async () => {
    const created = await errorOf(CREATE, { input: { kind: 'PAGE', title: 'Tagged', markdown: '.', tags: ['rust'] } });
    expect(created.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tags' });
    expect(created.message).toMatch(/page cannot have tags/);
    const updated = await errorOf(`mutation($id: ID!) { updatePost(id: $id, input: { tags: ["rust"] }) { id } }`, { id: about.id });
    expect(updated.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tags' });
    expect(await app.db.prisma.postTag.count({ where: { post: { kind: 'PAGE' } } })).toBe(0);
  });

  it('keeps its kind: changing it is BAD_USER_INPUT', async () => {
    const error = await errorOf(`mutation($id: ID!) { updatePost(id: $id, input: { kind: POST }) { id } }`, { id: about.id });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    expect(error.message).toMatch(/kind is fixed/);
    const same = await app.data(`mutation($id: ID!) { updatePost(id: $id, input: { kind: PAGE }) { __typename } }`, { id: about.id }, author);
    expect(same.updatePost).toEqual({ __typename: 'Page' });
  });
});
