import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPreviewToken } from '../../src/auth/preview-tokens.js';
import { createToken } from '../../src/auth/tokens.js';
import { Database } from '../../src/db/client.js';
import { readDatabaseIdentity } from '../../src/db/queries/database-identity.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { createWebhook } from '../../src/webhooks/registry.js';
import { buildBundle, FolioProcess } from '../faults/folio-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type RawAnswer, rawRequest } from '../support/raw-http.js';
import { makeScratchDir } from '../support/test-server.js';
import { until, WebhookReceiver } from '../support/webhook-receiver.js';

// A frontend's delivery, end to end: a CDN in front of two Folio servers (each with a response
// cache of its own) replays what it keeps with If-None-Match, while content changes in every way
// it can: a mutation through one server, plain SQL, `npm run import`, a scheduled publication, a
// deletion, and a change made while no server runs. A webhook receiver hears of each once, signed.
// A reviewer previews a draft that nobody else sees.

const SITE_URL = 'https://blog.example';

/** What a CDN keeps of each address, and how it revalidates it. */
class CdnClient {
  private readonly kept = new Map<string, { etag: string; body: string }>();

  /** GETs `address` (a path on Folio) from `server`, revalidating what it keeps. */
  async get(server: FolioProcess, address: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    const kept = this.kept.get(address);
    const answer = await rawRequest(`http://127.0.0.1:${server.port}${address}`, {
      headers: { ...headers, ...(kept ? { 'if-none-match': kept.etag } : {}) },
    });
    if (answer.status === 304) return { status: 304, body: kept!.body };
    const body = answer.body.toString('utf8');
    if (answer.status === 200 && answer.headers.etag) this.kept.set(address, { etag: String(answer.headers.etag), body });
    return { status: answer.status, body };
  }

  /** GETs `address` until it answers 200 (the server forgot its kept answer), failing after a few seconds. */
  async fresh(server: FolioProcess, address: string): Promise<string> {
    let body = '';
    await until(`${address} to change on port ${server.port}`, async () => {
      const answer = await this.get(server, address);
      body = answer.body;
      return answer.status === 200;
    }, 5_000);
    return body;
  }
}

const query = (text: string) => `/graphql?${new URLSearchParams({ query: text })}`;
const POST_PAGE = query('{ post(slug: "delivery") { title tags { slug } } }');
const HOME_PAGE = query('{ posts(first: 10) { edges { node { slug title } } } }');
const TAG_PAGE = query('{ tag(slug: "flow") { name posts(first: 10) { totalCount edges { node { slug } } } } }');
const ADDRESSES = [POST_PAGE, HOME_PAGE, TAG_PAGE, '/feed.xml', '/tags/flow/feed.xml', '/sitemap.xml'];

let database: TestDatabase;
let db: Database;
let receiver: WebhookReceiver;
let secret: string;
let token: string;
const servers: FolioProcess[] = [];
const cdn = new CdnClient();

async function startServer(): Promise<FolioProcess> {
  const server = await FolioProcess.start({ DATABASE_URL: database.url, RESPONSE_CACHE_TTL: '300', SITE_URL, MEDIA_DIR: await makeScratchDir('folio-cdn-media-') });
  servers.push(server);
  return server;
}

async function stopServer(server: FolioProcess): Promise<void> {
  server.signal('SIGTERM');
  expect(await server.exit(15_000)).toMatchObject({ code: 0 });
  servers.splice(servers.indexOf(server), 1);
}

async function graphql(server: FolioProcess, text: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<any> {
  const answer: RawAnswer = await rawRequest(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = JSON.parse(answer.body.toString('utf8'));
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** Every address, revalidated on `server`: none has changed, so each is a 304. */
async function expectNothingChanged(server: FolioProcess): Promise<void> {
  for (const address of ADDRESSES) expect((await cdn.get(server, address)).status, address).toBe(304);
}

/** The events the receiver verified, as "type slug", in the order they came. */
function verifiedEvents(): string[] {
  const verifier = new Webhook(secret);
  return receiver.requests.map((request) => {
    const { type, data } = verifier.verify(request.body, request.headers as Record<string, string>) as { type: string; data: { slug: string } };
    return `${type} ${data.slug}`;
  });
}

beforeAll(async () => {
  [database] = await Promise.all([createTestDatabase(), buildBundle()]);
  db = new Database(database.url);
  token = await createToken(db, 'editor');
  receiver = await WebhookReceiver.start();
  ({ secret } = await createWebhook(db, { url: receiver.url, events: [] }));
  await Promise.all([startServer(), startServer()]);
}, 120_000);

afterAll(async () => {
  for (const server of servers) server.signal('SIGKILL');
  await receiver?.close();
  await db?.close();
  await database?.drop();
});

describe('a CDN in front of two servers', () => {
  let postId: string;

  it('keeps every answer, and both servers answer the same bytes under the same ETag', async () => {
    const [a, b] = servers as [FolioProcess, FolioProcess];
    const created = await graphql(a, `mutation { createPost(input: { title: "送达", slug: "delivery", markdown: "第一版。", tags: ["flow"], status: PUBLISHED }) { id } }`);
    postId = created.createPost.id;
    for (const address of ADDRESSES) expect((await cdn.get(a, address)).status, address).toBe(200);
    await expectNothingChanged(b);
    await expectNothingChanged(a);
  });

  it('sees a mutation made through the other server', async () => {
    const [a, b] = servers as [FolioProcess, FolioProcess];
    await graphql(a, `mutation($id: ID!) { updatePost(id: $id, input: { title: "送达，第二版" }) { id } }`, { id: postId });
    expect(await cdn.fresh(b, POST_PAGE)).toContain('送达，第二版');
    expect(await cdn.fresh(b, '/feed.xml')).toContain('送达，第二版');
    expect(await cdn.fresh(b, '/tags/flow/feed.xml')).toContain('送达，第二版');
    expect(await cdn.fresh(b, HOME_PAGE)).toContain('送达，第二版');
  });

  it('sees a change made in plain SQL', async () => {
    const [a, b] = servers as [FolioProcess, FolioProcess];
    for (const address of ADDRESSES) await cdn.get(b, address);
    await db.prisma.$executeRaw`UPDATE posts SET title = 'Changed in SQL' WHERE slug = 'delivery'`;
    expect(await cdn.fresh(a, POST_PAGE)).toContain('Changed in SQL');
    expect(await cdn.fresh(b, HOME_PAGE)).toContain('Changed in SQL');
  });

  it('sees `npm run import`', async () => {
    const [a, b] = servers as [FolioProcess, FolioProcess];
    for (const address of ADDRESSES) await cdn.get(a, address);
    const folder = await makeScratchDir('folio-cdn-import-');
    await mkdir(folder, { recursive: true });
    await writeFile(
      path.join(folder, 'imported.md'),
      '---\ntitle: 导入的文章\nslug: imported\ndate: 2024-03-01T00:00:00Z\ntags: [flow]\n---\n从文件夹导入。\n',
    );
    await promisify(execFile)('npm', ['run', '--silent', 'import', '--', folder], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: database.url, MEDIA_DIR: folder },
    });
    expect(await cdn.fresh(b, TAG_PAGE)).toMatch(/"totalCount":2/);
    expect(await cdn.fresh(a, '/tags/flow/feed.xml')).toContain('导入的文章');
    expect(await cdn.fresh(a, '/sitemap.xml')).toContain(`${SITE_URL}/posts/imported`);
    expect((await cdn.get(a, POST_PAGE)).status).toBe(304);
  });

  it('sees a scheduled post appear at its time, with nothing else happening', async () => {
    const [a, b] = servers as [FolioProcess, FolioProcess];
    for (const address of ADDRESSES) await cdn.get(b, address);
    const at = new Date(Date.now() + 2_000).toISOString();
    await graphql(a, `mutation($at: DateTime!) { createPost(input: { title: "定时", slug: "scheduled", markdown: "到点发布。", tags: ["flow"], status: PUBLISHED, publishedAt: $at }) { id } }`, { at });
    expect((await cdn.get(b, '/feed.xml')).body).not.toContain('定时');
    await until('the scheduled post to go live', () => Date.now() > Date.parse(at) + 200);
    expect(await cdn.fresh(b, '/feed.xml')).toContain('定时');
    expect(await cdn.fresh(b, HOME_PAGE)).toContain('scheduled');
  });

  it('hears of a change made while no server ran, once one starts again', async () => {
    await Promise.all(servers.slice().map(stopServer));
    await db.prisma.$executeRaw`UPDATE posts SET title = 'Changed while down' WHERE slug = 'imported'`;
    const [a] = await Promise.all([startServer(), startServer()]);
    expect(await cdn.fresh(a!, HOME_PAGE)).toContain('Changed while down');
    await until('the change made while down to be delivered', () => verifiedEvents().includes('post.updated imported'), 10_000);
  }, 60_000);

  it('sees a deletion', async () => {
    const [a, b] = servers as [FolioProcess, FolioProcess];
    for (const address of ADDRESSES) await cdn.get(b, address);
    await graphql(a, `mutation($id: ID!) { deletePost(id: $id) }`, { id: postId });
    expect(JSON.parse(await cdn.fresh(b, POST_PAGE))).toMatchObject({ data: { post: null } });
    expect(await cdn.fresh(b, '/sitemap.xml')).not.toContain('/posts/delivery');
  });

  it('told the webhook of each change once, signed, across the restart', async () => {
    const expected = [
      'tag.created flow',
      'post.published delivery',
      'post.updated delivery',
      'post.updated delivery',
      'post.published imported',
      'post.published scheduled',
      'post.updated imported',
      'post.deleted delivery',
    ];
    await until('every event to be delivered', () => verifiedEvents().length >= expected.length, 10_000);
    expect(verifiedEvents().sort()).toEqual(expected.sort());
    expect(new Set(receiver.messageIds()).size).toBe(receiver.requests.length);
  });
});

describe('a draft preview', () => {
  it('shows the draft to whoever holds the token, never to anyone else, and expires', async () => {
    const [a, b] = servers as [FolioProcess, FolioProcess];
    const draft = await graphql(a, `mutation { createPost(input: { title: "草稿", slug: "draft-preview", markdown: "还没写完。" }) { id } }`);
    const { createPreview } = await graphql(a, `mutation($id: ID!) { createPreview(postId: $id) { token expiresAt } }`, { id: draft.createPost.id });
    const address = query('{ post(slug: "draft-preview") { title status } }');

    const previewed = await rawRequest(`http://127.0.0.1:${b.port}${address}`, { headers: { 'x-preview-token': createPreview.token } });
    expect(JSON.parse(previewed.body.toString('utf8'))).toMatchObject({ data: { post: { title: '草稿', status: 'DRAFT' } } });
    expect(previewed.headers['cache-control']).toBe('private, no-store');
    expect(JSON.parse((await cdn.get(b, address)).body)).toMatchObject({ data: { post: null } });

    const { signingKey } = await readDatabaseIdentity(db);
    const expired = signPreviewToken({ postId: Number(Buffer.from(draft.createPost.id, 'base64').toString().split(':')[1]), expiresAt: new Date(Date.now() - 1000) }, signingKey);
    const refused = await rawRequest(`http://127.0.0.1:${b.port}${address}`, { headers: { 'x-preview-token': expired } });
    expect(JSON.parse(refused.body.toString('utf8'))).toMatchObject({ errors: [{ message: expect.stringMatching(/expired/), extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});
