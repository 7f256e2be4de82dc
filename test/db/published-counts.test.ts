import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { givenPost, insertPosts } from '../support/posts.js';

// The counts and copies the triggers keep must always equal what counting the rows gives.
let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
});

afterAll(() => app?.stop());

async function discrepancies() {
  const [row] = await app.db.prisma.$queryRaw<{ total: number; counted: number; tags: string[]; copies: number }[]>`
    SELECT (SELECT published_posts FROM post_statistics) AS total,
           (SELECT count(*)::int FROM posts WHERE status = 'PUBLISHED' AND kind = 'POST') AS counted,
           ARRAY(SELECT t.slug FROM tags t
                 WHERE t.published_post_count <> (SELECT count(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                                                  WHERE pt.tag_id = t.id AND p.status = 'PUBLISHED')) AS tags,
           (SELECT count(*)::int FROM post_tags pt JOIN posts p ON p.id = pt.post_id
             WHERE pt.status <> p.status OR pt.published_at IS DISTINCT FROM p.published_at) AS copies`;
  return { totalOff: row!.total - row!.counted, tagsOff: row!.tags, copiesOff: row!.copies };
}

const consistent = { totalOff: 0, tagsOff: [], copiesOff: 0 };

describe('the kept counts of published posts', () => {
  it('follow every kind of change', async () => {
    const author = await app.authorHeaders();
    const mutate = (query: string, variables: Record<string, unknown> = {}) => app.data(query, variables, author);

    const { createPost: a } = await mutate(`mutation { createPost(input: { title: "A", markdown: ".", tags: ["x", "y"], status: PUBLISHED }) { id } }`);
    const { createPost: b } = await mutate(`mutation { createPost(input: { title: "B", markdown: ".", tags: ["x"] }) { id } }`);
    expect(await discrepancies()).toEqual(consistent);

    await mutate(`mutation($id: ID!) { publishPost(id: $id, at: "2999-01-01T00:00:00Z") { id } }`, { id: b.id });
    expect(await discrepancies()).toEqual(consistent);
    await mutate(`mutation($id: ID!) { updatePost(id: $id, input: { tags: ["y", "z"] }) { id } }`, { id: a.id });
    expect(await discrepancies()).toEqual(consistent);
    await mutate(`mutation($id: ID!) { unpublishPost(id: $id) { id } }`, { id: a.id });
    expect(await discrepancies()).toEqual(consistent);

    const { tag } = await app.data(`{ tag(slug: "x") { id } }`, {}, author);
    await mutate(`mutation($id: ID!) { deleteTag(id: $id) }`, { id: tag.id });
    expect(await discrepancies()).toEqual(consistent);
    await mutate(`mutation($id: ID!) { deletePost(id: $id) }`, { id: b.id });
    expect(await discrepancies()).toEqual(consistent);

    await insertPosts(
      app.db,
      Array.from({ length: 50 }, (_, i) => ({
        slug: `bulk-${i}`,
        title: `Bulk ${i}`,
        status: i % 4 === 0 ? ('DRAFT' as const) : ('PUBLISHED' as const),
        publishedAt: new Date(Date.UTC(2024, 0, 1 + i)),
        tags: ['y', `t${i % 3}`],
      })),
    );
    expect(await discrepancies()).toEqual(consistent);
    await app.db.prisma.$executeRaw`UPDATE posts SET status = 'DRAFT' WHERE slug LIKE 'bulk-1%'`;
    await app.db.prisma.$executeRaw`DELETE FROM posts WHERE slug LIKE 'bulk-2%'`;
    expect(await discrepancies()).toEqual(consistent);
  });

  it('leave pages out, however they change', async () => {
    const author = await app.authorHeaders();
    const mutate = (query: string, variables: Record<string, unknown> = {}) => app.data(query, variables, author);
    const kept = async () => (await app.db.prisma.postStatistics.findFirstOrThrow()).publishedPosts;
    const before = await kept();
    const { createPost: page } = await mutate(`mutation { createPost(input: { title: "Page", markdown: ".", kind: PAGE, status: PUBLISHED }) { id } }`);
    expect(await kept()).toBe(before);
    await mutate(`mutation($id: ID!) { unpublishPost(id: $id) { id } }`, { id: page.id });
    await mutate(`mutation($id: ID!) { publishPost(id: $id) { id } }`, { id: page.id });
    expect(await kept()).toBe(before);
    await mutate(`mutation($id: ID!) { deletePost(id: $id) }`, { id: page.id });
    expect(await kept()).toBe(before);
    expect(await discrepancies()).toEqual(consistent);
  });

  it('answer totalCount and postCount as counting would, scheduled posts left out for readers without a token', async () => {
    await givenPost(app.db, { slug: 'future', tags: ['y'], publishedAt: new Date(Date.now() + 86_400_000) });
    const counted = await app.db.prisma.post.count({ where: { status: 'PUBLISHED', publishedAt: { lte: new Date() } } });
    const taggedY = await app.db.prisma.post.count({
      where: { status: 'PUBLISHED', publishedAt: { lte: new Date() }, tags: { some: { tag: { slug: 'y' } } } },
    });
    const data = await app.data(`{ posts { totalCount } tag(slug: "y") { postCount posts { totalCount } } }`);
    expect(data).toEqual({ posts: { totalCount: counted }, tag: { postCount: taggedY, posts: { totalCount: taggedY } } });
    const withToken = await app.data(`{ posts { totalCount } tag(slug: "y") { postCount } }`, {}, await app.authorHeaders());
    expect(withToken).toEqual({ posts: { totalCount: counted + 1 }, tag: { postCount: taggedY + 1 } });
  });
});
