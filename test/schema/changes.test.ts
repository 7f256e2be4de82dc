import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';

// The change feed, as an incremental static build reads it: page to the end, keep the cursor,
// ask again later for what changed since.
let app: TestApp;
let author: Record<string, string>;

beforeAll(async () => {
  app = await TestApp.start();
  author = await app.authorHeaders();
});

afterAll(() => app?.stop());

const CHANGES = `query($after: String, $first: Int) {
  changes(after: $after, first: $first) {
    edges { cursor kind subjectId slug previousSlug change changedAt
            node { __typename ... on Post { slug title } ... on Page { slug title } ... on Tag { slug name } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

interface Edge {
  kind: string;
  subjectId: string;
  slug: string | null;
  previousSlug: string | null;
  change: string;
  node: Record<string, string> | null;
}

/** Every change after `after`, paged `first` at a time, and the cursor to keep. */
async function readAll(after: string | null, first = 2, headers: Record<string, string> = {}) {
  const edges: Edge[] = [];
  let cursor = after;
  for (;;) {
    const { changes } = await app.data(CHANGES, { after: cursor, first }, headers);
    edges.push(...changes.edges);
    cursor = changes.pageInfo.endCursor;
    if (!changes.pageInfo.hasNextPage) return { edges, cursor };
  }
}

async function mutate(query: string, variables: Record<string, unknown> = {}) {
  return app.data(query, variables, author);
}

async function createPost(input: Record<string, unknown>): Promise<string> {
  const { createPost: post } = await mutate(`mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`, { input });
  return post.id;
}

describe('changes', () => {
  it('pages through each changed post, page and tag once, at its latest change, and resumes from a kept cursor', async () => {
    const first = await createPost({ title: 'First', markdown: 'one', tags: ['news'], status: 'PUBLISHED' });
    const second = await createPost({ title: 'Second', markdown: 'two', status: 'PUBLISHED' });
    const about = await createPost({ title: 'About', markdown: 'me', kind: 'PAGE', status: 'PUBLISHED' });
    await mutate(`mutation($id: ID!) { updatePost(id: $id, input: { slug: "first-renamed" }) { id } }`, { id: first });

    const { edges, cursor } = await readAll(null);
    expect(edges).toMatchObject([
      { kind: 'POST', subjectId: second, slug: 'second', change: 'CREATED', node: { __typename: 'Post', title: 'Second' } },
      { kind: 'PAGE', subjectId: about, slug: 'about', change: 'CREATED', node: { __typename: 'Page', title: 'About' } },
      // Created, then renamed: once, at its latest change.
      { kind: 'POST', subjectId: first, slug: 'first-renamed', previousSlug: 'first', change: 'UPDATED', node: { slug: 'first-renamed' } },
      // The renamed post is on the tag's page, so the page changed with it.
      { kind: 'TAG', slug: 'news', change: 'UPDATED', node: { __typename: 'Tag', slug: 'news' } },
    ]);

    // Nothing new: the reader keeps its place.
    const { changes: none } = await app.data(CHANGES, { after: cursor });
    expect(none).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, endCursor: cursor } });

    await mutate(`mutation($id: ID!) { deletePost(id: $id) }`, { id: second });
    await mutate(`mutation($id: ID!) { updatePost(id: $id, input: { markdown: "me, again" }) { id } }`, { id: about });
    const later = await readAll(cursor);
    expect(later.edges).toMatchObject([
      { kind: 'POST', subjectId: second, slug: 'second', change: 'DELETED', node: null },
      { kind: 'PAGE', subjectId: about, change: 'UPDATED', node: { __typename: 'Page' } },
    ]);
  });

  it('shows a tag page appear and disappear with the posts on it, after a kept cursor', async () => {
    const { cursor: start } = await readAll(null, 100);
    const post = await createPost({ title: 'Tagged', markdown: 'x', tags: ['appearing'], status: 'DRAFT' });
    const quiet = await readAll(start, 100);
    expect(quiet.edges).toEqual([]);

    await mutate(`mutation($id: ID!) { publishPost(id: $id) { id } }`, { id: post });
    const published = await readAll(quiet.cursor, 100);
    expect(published.edges).toMatchObject([
      { kind: 'POST', subjectId: post, change: 'CREATED' },
      { kind: 'TAG', slug: 'appearing', change: 'CREATED', node: { __typename: 'Tag', slug: 'appearing' } },
    ]);

    await mutate(`mutation($id: ID!) { unpublishPost(id: $id) { id } }`, { id: post });
    const unpublished = await readAll(published.cursor, 100);
    expect(unpublished.edges).toMatchObject([
      { kind: 'POST', subjectId: post, change: 'DELETED', node: null },
      { kind: 'TAG', change: 'DELETED', node: null },
    ]);
  });

  it('shows readers without a token nothing of drafts: an unpublished post is DELETED under the slug they knew', async () => {
    const { cursor } = await readAll(null, 100);
    await createPost({ title: 'Hidden draft', markdown: 'secret', slug: 'hidden-draft', tags: ['draft-only-tag'] });
    const shown = await createPost({ title: 'Shown', markdown: 'public', status: 'PUBLISHED' });
    await mutate(`mutation($id: ID!) { unpublishPost(id: $id) { id } }`, { id: shown });
    await mutate(`mutation($id: ID!) { updatePost(id: $id, input: { slug: "secret-new-slug", title: "Secret title" }) { id } }`, { id: shown });

    const anonymous = await readAll(cursor);
    expect(anonymous.edges).toMatchObject([{ kind: 'POST', subjectId: shown, slug: 'shown', change: 'DELETED', node: null }]);
    const text = JSON.stringify(anonymous.edges);
    for (const secret of ['hidden-draft', 'draft-only-tag', 'secret-new-slug', 'Secret title']) expect(text).not.toContain(secret);
  });

  it('sees a change made by plain SQL at once', async () => {
    const { cursor } = await readAll(null, 100);
    const id = await createPost({ title: 'Plain', markdown: '.', status: 'PUBLISHED' });
    const { cursor: after } = await readAll(cursor, 100);
    await app.db.prisma.$executeRaw`UPDATE posts SET title = 'Plainer' WHERE slug = 'plain'`;
    expect((await readAll(after)).edges).toMatchObject([{ subjectId: id, change: 'UPDATED', node: { title: 'Plainer' } }]);
  });

  it('refuses a cursor it did not hand out and a page size out of bounds', async () => {
    const badCursor = await app.query(CHANGES, { after: 'bm90LWEtY3Vyc29y' });
    expect(badCursor.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const otherOrdering = await app.query(CHANGES, { after: Buffer.from(JSON.stringify(['NEWEST', '2024-01-01T00:00:00.000Z', 1])).toString('base64url') });
    // `changes` has no orderBy: the message does not send the reader looking for one.
    expect(otherOrdering.errors?.[0]).toMatchObject({
      message: '`after` is not a valid cursor; pass a cursor returned by this field (pageInfo.endCursor, pageInfo.startCursor or an edge\'s cursor)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const notASeq = await app.query(CHANGES, { after: Buffer.from(JSON.stringify(['CHANGES', '1 OR 1=1', 0])).toString('base64url') });
    expect(notASeq.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const tooMany = await app.query(CHANGES, { first: 101 });
    expect(tooMany.errors?.[0]).toMatchObject({ message: expect.stringContaining('between 0 and 100'), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
