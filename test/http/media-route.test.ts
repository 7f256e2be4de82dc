import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/server.js';
import type { MediaLibrary } from '../../src/media/library.js';
import { TestApp } from '../support/app.js';
import { pictureOf, scratchLibrary } from '../media/support.js';

let app: TestApp;
let media: MediaLibrary;
let server: RunningServer;
let origin: string;
let hash: string;
let original: Buffer;

beforeAll(async () => {
  media = await scratchLibrary({ maxUploadBytes: 100_000 });
  app = await TestApp.start({ media });
  server = await app.listen();
  origin = new URL(server.url).origin;
  original = await pictureOf(1000, 600, 'png', 41);
  const id = await media.add(app.db, { bytes: original });
  hash = (await app.db.prisma.image.findUniqueOrThrow({ where: { id } })).hash;
});

afterAll(async () => {
  await server?.close();
  await app?.stop();
});

/** A request with the path sent exactly as written (fetch would resolve "..") */
function raw(path: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${origin}${path}`, { method, headers, path }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('/media/', () => {
  it('serves the original with its type, an ETag and immutable caching', async () => {
    const response = await raw(`/media/${hash}/original.png`);
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'image/png',
      'cache-control': 'public, max-age=31536000, immutable',
      'content-length': String(original.length),
      etag: `"${hash}-original.png"`,
    });
    expect(response.body).toEqual(original);
  });

  it('makes a variant on its first request and serves the same file after', async () => {
    const first = await raw(`/media/${hash}/640.webp`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('image/webp');
    expect(await sharp(first.body).metadata()).toMatchObject({ format: 'webp', width: 640, height: 384 });
    expect(await media.store.exists(`${hash}/640.webp`)).toBe(true);
    const again = await raw(`/media/${hash}/640.webp`);
    expect(again.body).toEqual(first.body);
  });

  it('answers HEAD with the headers alone', async () => {
    const response = await raw(`/media/${hash}/original.png`, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(original.length));
    expect(response.body.length).toBe(0);
  });

  it('answers 304 to a request that holds the file', async () => {
    const response = await raw(`/media/${hash}/original.png`, 'GET', { 'if-none-match': `"${hash}-original.png"` });
    expect(response.status).toBe(304);
    expect(response.body.length).toBe(0);
    for (const held of [`W/"${hash}-original.png"`, '*', `"other", "${hash}-original.png"`]) {
      expect((await raw(`/media/${hash}/original.png`, 'GET', { 'if-none-match': held })).status, held).toBe(304);
    }
    expect((await raw(`/media/${hash}/original.png`, 'GET', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers 404 for unknown images, widths and formats', async () => {
    for (const path of [
      `/media/${'0'.repeat(64)}/original.png`,
      `/media/${hash}/original.jpg`,
      `/media/${hash}/500.webp`,
      `/media/${hash}/1280.webp`,
      `/media/${hash}/640.gif`,
      `/media/${hash}/640.svg`,
      '/media/',
    ]) {
      expect((await raw(path)).status, path).toBe(404);
    }
  });

  it('never serves a path outside the media folder', async () => {
    for (const path of [
      '/media/../package.json',
      '/media/%2e%2e/%2e%2e/package.json',
      `/media/${hash}/..%2f..%2fpackage.json`,
      `/media/${hash}/../../../etc/passwd`,
      '/media/..%5c..%5cpackage.json',
    ]) {
      const response = await raw(path);
      expect(response.status, path).toBe(404);
      expect(response.body.toString()).toBe('No such media file\n');
    }
  });

  it('refuses other methods', async () => {
    const response = await raw(`/media/${hash}/original.png`, 'DELETE');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });
});

describe('uploads over HTTP', () => {
  it('refuses a multipart body over MAX_UPLOAD_BYTES from its Content-Length, before reading it', async () => {
    const tooLong = String(100_000 + 64 * 1024 + 1);
    // Only the headers are sent: the answer must come without the body.
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(server.url, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': tooLong },
      });
      request.on('response', (answer) => {
        let body = '';
        answer.on('data', (chunk: Buffer) => (body += chunk.toString()));
        answer.on('end', () => resolve({ status: answer.statusCode!, body }));
      });
      request.on('error', reject);
      request.flushHeaders();
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.parse(response.body).errors[0].message).toContain('MAX_UPLOAD_BYTES');
  });

  it('takes a multipart upload larger than the JSON body limit of 4 MB when MAX_UPLOAD_BYTES allows it', async () => {
    const big = await scratchLibrary({ maxUploadBytes: 6 * 1024 * 1024 });
    const other = await TestApp.start({ media: big });
    const running = await other.listen();
    try {
      const noise = randomBytes(1200 * 1200 * 3);
      const bytes = await sharp(noise, { raw: { width: 1200, height: 1200, channels: 3 } }).png().toBuffer();
      expect(bytes.length).toBeGreaterThan(4 * 1024 * 1024);
      const form = new FormData();
      form.append('operations', JSON.stringify({ query: 'mutation($file: File!) { uploadImage(file: $file) { width } }', variables: { file: null } }));
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', new Blob([new Uint8Array(bytes)]), 'noise.png');
      const response = await fetch(running.url, { method: 'POST', headers: await other.authorHeaders(), body: form });
      expect(await response.json()).toMatchObject({ data: { uploadImage: { width: 1200 } } });
    } finally {
      await running.close();
      await other.stop();
    }
  });
});
