import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signPreviewToken } from '../../src/auth/preview-tokens.js';
import { createToken } from '../../src/auth/tokens.js';
import { readDatabaseIdentity } from '../../src/db/queries/database-identity.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// A preview token shows its one post or page, as it is now, to whoever holds it, and nothing
// else that an anonymous reader could not see; it never writes.
let app: TestApp;
let editor: Record<string, string>;
let signingKey: string;
const ids = {} as Record<'draft' | 'otherDraft' | 'scheduled' | 'published' | 'page', { row: number; global: string }>;

const HOUR = 3_600_000;
const CREATE = `mutation($id: ID!, $expiresIn: Int) {
  createPreview(postId: $id, expiresIn: $expiresIn) { token expiresAt url post { __typename id slug status } }
}`;

async function createPreview(id: string, expiresIn?: number): Promise<{ token: string; expiresAt: string; url: string | null; post: any }> {
  return (await app.data(CREATE, { id, expiresIn }, editor)).createPreview;
}

function globalId(type: 'Post' | 'Page', row: number): string {
  return Buffer.from(`${type}:${row}`).toString('base64');
}

beforeAll(async () => {
  app = await TestApp.start();
  editor = await app.authorHeaders();
  signingKey = (await readDatabaseIdentity(app.db)).signingKey;
  const now = Date.now();
  const given = {
    draft: await givenPost(app.db, { slug: 'draft', title: 'Draft', markdown: 'The draft body.', status: 'DRAFT', publishedAt: null, tags: ['draft-only'] }),
    otherDraft: await givenPost(app.db, { slug: 'other-draft', status: 'DRAFT', publishedAt: null }),
    scheduled: await givenPost(app.db, { slug: 'scheduled', publishedAt: new Date(now + 24 * HOUR) }),
    published: await givenPost(app.db, { slug: 'published', publishedAt: new Date(now - HOUR) }),
    page: await givenPost(app.db, { slug: 'about', title: 'About', status: 'DRAFT', publishedAt: null, kind: 'PAGE' }),
  };
  for (const [name, post] of Object.entries(given)) {
    ids[name as keyof typeof ids] = { row: post.id!, global: globalId(name === 'page' ? 'Page' : 'Post', post.id!) };
  }
});

afterAll(() => app?.stop());

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createPreview', () => {
  it('answers a token for the post that expires in an hour by default, and no url without SITE_URL', async () => {
    vi.stubEnv('SITE_URL', '');
    const before = Date.now();
    const preview = await createPreview(ids.draft.global);
    expect(preview).toMatchObject({ url: null, post: { __typename: 'Post', id: ids.draft.global, slug: 'draft', status: 'DRAFT' } });
    expect(preview.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const expiresAt = Date.parse(preview.expiresAt);
    expect(expiresAt).toBeGreaterThan(before + HOUR - 2000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + HOUR);
  });

  it('answers the frontend address of the post or page with the token when SITE_URL is set', async () => {
    vi.stubEnv('SITE_URL', 'https://blog.example');
    const post = await createPreview(ids.draft.global);
    expect(post.url).toBe(`https://blog.example/posts/draft?preview=${post.token}`);
    const page = await createPreview(ids.page.global);
    expect(page).toMatchObject({ url: `https://blog.example/about?preview=${page.token}`, post: { __typename: 'Page', slug: 'about' } });
  });

  it('refuses an expiresIn outside 60 seconds to 7 days, saying the range', async () => {
    for (const expiresIn of [59, 604_801, -1]) {
      const result = await app.query(CREATE, { id: ids.draft.global, expiresIn }, editor);
      expect(result).toMatchObject({
        data: null,
        errors: [{ message: `expiresIn must be from 60 to 604800 seconds (7 days); got ${expiresIn}`, extensions: { code: 'BAD_USER_INPUT' } }],
      });
    }
    const longest = await createPreview(ids.draft.global, 604_800);
    expect(Date.parse(longest.expiresAt)).toBeGreaterThan(Date.now() + 604_790_000);
  });

  it('takes a token that may edit the post', async () => {
    expect(await app.query(CREATE, { id: ids.draft.global })).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    await app.db.prisma.author.create({ data: { slug: 'someone', name: 'Someone' } });
    const contributor = { authorization: `Bearer ${await createToken(app.db, 'contributor', { role: 'CONTRIBUTOR', authorSlug: 'someone' })}` };
    expect(await app.query(CREATE, { id: ids.draft.global }, contributor)).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    // A post's id names no page.
    const wrongKind = globalId('Page', ids.draft.row);
    expect(await app.query(CREATE, { id: wrongKind }, editor)).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('a request with a preview token', () => {
  const READ = `query($id: ID!, $page: ID!) {
    draft: post(slug: "draft") { title status markdown tags { slug } }
    otherDraft: post(slug: "other-draft") { slug }
    scheduled: post(slug: "scheduled") { slug }
    node(id: $id) { ... on Post { slug } }
    page: node(id: $page) { id }
    posts { totalCount edges { node { slug } } }
    tag(slug: "draft-only") { slug }
  }`;
  const ANONYMOUS = {
    otherDraft: null,
    scheduled: null,
    page: null,
    posts: { totalCount: 1, edges: [{ node: { slug: 'published' } }] },
    tag: null,
  };

  it('sees that post through post(slug) and node(id), and everything else as an anonymous reader', async () => {
    const { token } = await createPreview(ids.draft.global);
    const result = await app.query(READ, { id: ids.draft.global, page: ids.page.global }, { 'x-preview-token': token });
    expect(result).toMatchObject({
      data: { ...ANONYMOUS, draft: { title: 'Draft', status: 'DRAFT', markdown: 'The draft body.', tags: [{ slug: 'draft-only' }] }, node: { slug: 'draft' } },
    });
    expect(result.errors).toBeUndefined();
    // The same query without the token: the draft is gone again.
    const anonymous = await app.data(READ, { id: ids.draft.global, page: ids.page.global });
    expect(anonymous).toMatchObject({ ...ANONYMOUS, draft: null, node: null });
  });

  it('takes the token as the variable previewToken, which the query need not declare', async () => {
    const { token } = await createPreview(ids.scheduled.global);
    const data = await app.data(`{ post(slug: "scheduled") { slug status } draft: post(slug: "draft") { slug } }`, { previewToken: token });
    expect(data).toEqual({ post: { slug: 'scheduled', status: 'PUBLISHED' }, draft: null });
  });

  it('shows a page through page(slug), and not as a post', async () => {
    const { token } = await createPreview(ids.page.global);
    const data = await app.data(`{ page(slug: "about") { title } post(slug: "about") { slug } pages { totalCount } }`, {}, { 'x-preview-token': token });
    expect(data).toEqual({ page: { title: 'About' }, post: null, pages: { totalCount: 0 } });
  });

  it('shows the post as it is now, not as it was when the preview was made', async () => {
    const { token } = await createPreview(ids.otherDraft.global);
    await app.data(`mutation($id: ID!) { updatePost(id: $id, input: { title: "Changed since" }) { id } }`, { id: ids.otherDraft.global }, editor);
    const data = await app.data(`{ post(slug: "other-draft") { title } }`, {}, { 'x-preview-token': token });
    expect(data).toEqual({ post: { title: 'Changed since' } });
  });

  it('cannot write, nor ask for drafts by status', async () => {
    const { token } = await createPreview(ids.draft.global);
    const write = await app.query(`mutation { upsertTag(input: { slug: "new-tag" }) { slug } }`, {}, { 'x-preview-token': token });
    expect(write).toMatchObject({ errors: [{ message: expect.stringContaining('cannot change content'), extensions: { code: 'FORBIDDEN' } }] });
    const preview = await app.query(CREATE, { id: ids.otherDraft.global }, { 'x-preview-token': token });
    expect(preview).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const drafts = await app.query(`{ posts(filter: { status: [DRAFT] }) { totalCount } }`, {}, { 'x-preview-token': token });
    expect(drafts).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(await app.db.prisma.tag.findUnique({ where: { slug: 'new-tag' } })).toBeNull();
  });

  it('is refused together with an Authorization header, saying to send one of them', async () => {
    const { token } = await createPreview(ids.draft.global);
    const result = await app.query(`{ post(slug: "draft") { slug } }`, {}, { ...editor, 'x-preview-token': token });
    expect(result).toMatchObject({ errors: [{ message: expect.stringContaining('not both'), extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(result.data).toBeFalsy();
  });
});

describe('a preview token that is no good', () => {
  async function refusal(token: unknown, via: 'header' | 'variable' = 'header') {
    const result =
      via === 'header'
        ? await app.query(`{ post(slug: "draft") { slug } }`, {}, { 'x-preview-token': token as string })
        : await app.query(`{ post(slug: "draft") { slug } }`, { previewToken: token });
    expect(result.data).toBeFalsy();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    return result.errors![0]!.message;
  }

  it('is refused once expired, saying when it expired', async () => {
    const expiresAt = new Date(Math.floor(Date.now() / 1000 - 5) * 1000);
    const token = signPreviewToken({ postId: ids.draft.row, expiresAt }, signingKey);
    expect(await refusal(token)).toBe(`The preview token expired at ${expiresAt.toISOString()}; create a new preview with createPreview`);
  });

  it('is refused when its post was changed, or it was signed with another key', async () => {
    const { token } = await createPreview(ids.draft.global);
    const [, signature] = token.split('.');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const forged = `${Buffer.from(JSON.stringify({ postId: ids.otherDraft.row, exp })).toString('base64url')}.${signature}`;
    expect(await refusal(forged)).toMatch(/^The preview token's signature is invalid/);
    const foreign = signPreviewToken({ postId: ids.draft.row, expiresAt: new Date(exp * 1000) }, 'another database');
    expect(await refusal(foreign, 'variable')).toMatch(/^The preview token's signature is invalid/);
  });

  it('is refused when it is not a token at all, or two different ones are sent', async () => {
    expect(await refusal('folio_notapreview')).toMatch(/^This is not a preview token/);
    expect(await refusal(42, 'variable')).toBe('The previewToken variable must be a string: the token createPreview answered');
    const first = await createPreview(ids.draft.global);
    const second = await createPreview(ids.otherDraft.global);
    const result = await app.query(`{ post(slug: "draft") { slug } }`, { previewToken: second.token }, { 'x-preview-token': first.token });
    expect(result).toMatchObject({ errors: [{ message: expect.stringContaining('different previews'), extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});
