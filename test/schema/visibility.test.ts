import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

let app: TestApp;
let draftId: string;
let scheduledId: string;

const HOUR = 3_600_000;

beforeAll(async () => {
  app = await TestApp.start();
  const now = Date.now();
  await givenPost(app.db, { slug: 'older', publishedAt: new Date(now - 3 * HOUR), tags: ['shared'] });
  await givenPost(app.db, { slug: 'newer', publishedAt: new Date(now - 2 * HOUR), tags: ['shared'] });
  await givenPost(app.db, { slug: 'draft', status: 'DRAFT', publishedAt: null, tags: ['shared', 'draft-only'] });
  await givenPost(app.db, { slug: 'scheduled', publishedAt: new Date(now + 24 * HOUR), tags: ['shared', 'scheduled-only'] });
  // A post that was published once and then taken back to draft keeps its date.
  await givenPost(app.db, { slug: 'unpublished', status: 'DRAFT', publishedAt: new Date(now - 2.5 * HOUR), tags: ['shared'] });
  const ids = await app.db.prisma.post.findMany({ where: { slug: { in: ['draft', 'scheduled'] } } });
  const globalId = (slug: string) => Buffer.from(`Post:${ids.find((post) => post.slug === slug)!.id}`).toString('base64');
  draftId = globalId('draft');
  scheduledId = globalId('scheduled');
});

afterAll(() => app?.stop());

describe('what anonymous readers cannot see', () => {
  it('lists and counts only published posts whose time has come', async () => {
    const { posts } = await app.data(`{ posts { totalCount edges { node { slug } } } }`);
    expect(posts.edges.map((edge: any) => edge.node.slug)).toEqual(['newer', 'older']);
    expect(posts.totalCount).toBe(2);
  });

  it('hides drafts and scheduled posts from post(slug) and node(id)', async () => {
    const data = await app.data(
      `query($draft: ID!, $scheduled: ID!) {
        draft: post(slug: "draft") { slug } scheduled: post(slug: "scheduled") { slug }
        draftNode: node(id: $draft) { id } scheduledNode: node(id: $scheduled) { id }
        both: nodes(ids: [$draft, $scheduled]) { id }
      }`,
      { draft: draftId, scheduled: scheduledId },
    );
    expect(data).toEqual({ draft: null, scheduled: null, draftNode: null, scheduledNode: null, both: [null, null] });
  });

  it('leaves them out of tag counts, tag pages and the archive', async () => {
    const data = await app.data(`{
      tag(slug: "shared") { postCount posts { totalCount edges { node { slug } } } }
      archive { year postCount months { month postCount posts { totalCount } } }
    }`);
    expect(data.tag).toEqual({ postCount: 2, posts: { totalCount: 2, edges: [{ node: { slug: 'newer' } }, { node: { slug: 'older' } }] } });
    const posts = data.archive.flatMap((year: any) => year.months.map((month: any) => month.postCount));
    expect(posts.reduce((a: number, b: number) => a + b, 0)).toBe(2);
    expect(data.archive.reduce((sum: number, year: any) => sum + year.postCount, 0)).toBe(2);
  });

  it('does not list, count or find tags that only drafts and scheduled posts use', async () => {
    const hiddenTags = await app.db.prisma.tag.findMany({ where: { slug: { in: ['draft-only', 'scheduled-only'] } } });
    const tagIds = hiddenTags.map((tag) => Buffer.from(`Tag:${tag.id}`).toString('base64'));
    const data = await app.data(
      `query($tagIds: [ID!]!) {
        tags { totalCount edges { node { slug postCount } } }
        byName: tags(orderBy: NAME) { totalCount edges { node { slug } } }
        draftOnly: tag(slug: "draft-only") { slug }
        scheduledOnly: tag(slug: "scheduled-only") { slug }
        nodes(ids: $tagIds) { id }
      }`,
      { tagIds },
    );
    expect(data.tags).toEqual({ totalCount: 1, edges: [{ node: { slug: 'shared', postCount: 2 } }] });
    expect(data.byName).toEqual({ totalCount: 1, edges: [{ node: { slug: 'shared' } }] });
    expect(data).toMatchObject({ draftOnly: null, scheduledOnly: null, nodes: [null, null] });
  });

  it('skips them as previous, next and related posts', async () => {
    const { post } = await app.data(`{ post(slug: "newer") { previous { slug } next { slug } related { slug } } }`);
    expect(post).toEqual({ previous: { slug: 'older' }, next: null, related: [{ slug: 'older' }] });
  });

  it('refuses filter.status without a token', async () => {
    const result = await app.query(`{ posts(filter: { status: [DRAFT] }) { totalCount } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
  });
});

describe('what a token holder sees', () => {
  let author: Record<string, string>;

  beforeAll(async () => {
    author = await app.authorHeaders();
  });

  it('lists and counts scheduled posts too, and drafts when asked for them', async () => {
    const { posts } = await app.data(`{ posts { totalCount edges { node { slug status } } } }`, {}, author);
    expect(posts.edges.map((edge: any) => edge.node.slug)).toEqual(['scheduled', 'newer', 'older']);
    expect(posts.totalCount).toBe(3);
    const drafts = await app.data(`{ posts(filter: { status: [DRAFT] }) { totalCount edges { node { slug } } } }`, {}, author);
    expect(drafts.posts.edges.map((edge: any) => edge.node.slug)).toEqual(['draft', 'unpublished']);
    expect(drafts.posts.totalCount).toBe(2);
    const all = await app.data(`{ posts(filter: { status: [DRAFT, PUBLISHED] }) { totalCount } }`, {}, author);
    expect(all.posts.totalCount).toBe(5);
  });

  it('fetches drafts and scheduled posts by slug and by id', async () => {
    const data = await app.data(
      `query($draft: ID!, $scheduled: ID!) {
        draft: post(slug: "draft") { status publishedAt } scheduled: post(slug: "scheduled") { status }
        draftNode: node(id: $draft) { ... on Post { slug } } scheduledNode: node(id: $scheduled) { ... on Post { slug } }
      }`,
      { draft: draftId, scheduled: scheduledId },
      author,
    );
    expect(data).toEqual({
      draft: { status: 'DRAFT', publishedAt: null },
      scheduled: { status: 'PUBLISHED' },
      draftNode: { slug: 'draft' },
      scheduledNode: { slug: 'scheduled' },
    });
  });

  it('lists, counts and finds every tag', async () => {
    const data = await app.data(
      `{ tags(orderBy: NAME) { totalCount edges { node { slug postCount } } } draftOnly: tag(slug: "draft-only") { postCount } }`,
      {},
      author,
    );
    expect(data.tags.edges.map((edge: any) => [edge.node.slug, edge.node.postCount])).toEqual([
      ['draft-only', 0],
      ['scheduled-only', 1],
      ['shared', 3],
    ]);
    expect(data.tags.totalCount).toBe(3);
    expect(data.draftOnly).toEqual({ postCount: 0 });
  });

  it('counts scheduled posts in tags and the archive, and links to them', async () => {
    const data = await app.data(
      `{ tag(slug: "shared") { postCount posts { totalCount } } archive { postCount }
         post(slug: "newer") { next { slug } related { slug } } }`,
      {},
      author,
    );
    expect(data.tag).toEqual({ postCount: 3, posts: { totalCount: 3 } });
    expect(data.archive.reduce((sum: number, year: any) => sum + year.postCount, 0)).toBe(3);
    expect(data.post).toEqual({ next: { slug: 'scheduled' }, related: [{ slug: 'scheduled' }, { slug: 'older' }] });
  });
});

describe('a scheduled post', () => {
  it('appears by itself once its time comes', async () => {
    const author = await app.authorHeaders();
    const at = new Date(Date.now() + 1500).toISOString();
    const { createPost } = await app.data(
      `mutation($at: DateTime) { createPost(input: { title: "Soon", markdown: ".", slug: "soon", status: PUBLISHED, publishedAt: $at }) { slug } }`,
      { at },
      author,
    );
    expect(createPost.slug).toBe('soon');
    expect((await app.data(`{ post(slug: "soon") { slug } }`)).post).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, Date.parse(at) - Date.now() + 100));
    expect((await app.data(`{ post(slug: "soon") { slug } }`)).post).toEqual({ slug: 'soon' });
    expect((await app.data(`{ posts(first: 1) { edges { node { slug } } } }`)).posts.edges[0].node.slug).toBe('soon');
  });
});
