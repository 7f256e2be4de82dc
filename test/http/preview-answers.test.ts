import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/server.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// A preview's answer is one reader's: the response cache, which answers anonymous readers, never
// keeps it, and never answers a preview with what it kept for them.
let app: TestApp;
let server: RunningServer;
let token: string;

const QUERY = `{ post(slug: "draft") { title } }`;

beforeAll(async () => {
  app = await TestApp.start({ responseCache: { ttlSeconds: 300 } });
  server = await app.listen();
  const { id } = await givenPost(app.db, { slug: 'draft', title: 'Not out yet', status: 'DRAFT', publishedAt: null });
  const postId = Buffer.from(`Post:${id}`).toString('base64');
  const created = await app.data(`mutation($id: ID!) { createPreview(postId: $id) { token } }`, { id: postId }, await app.authorHeaders());
  token = created.createPreview.token;
});

afterAll(async () => {
  await server?.close();
  await app?.stop();
});

async function send(headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
  return (await response.json()) as Record<string, unknown>;
}

it('keeps a preview’s answer from anonymous readers, and an anonymous answer from a preview', async () => {
  expect(await send()).toMatchObject({ data: { post: null } });
  expect(await send({ 'x-preview-token': token })).toMatchObject({ data: { post: { title: 'Not out yet' } } });
  expect(await send()).toMatchObject({ data: { post: null } });
  expect(await send({ 'x-preview-token': token })).toMatchObject({ data: { post: { title: 'Not out yet' } } });
});
