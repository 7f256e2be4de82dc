import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaLibrary } from '../../src/media/library.js';
import { TestApp } from '../support/app.js';
import { decompressionBomb, pictureOf, scratchLibrary, upload } from './support.js';

let app: TestApp;
let media: MediaLibrary;
let author: Record<string, string>;

beforeAll(async () => {
  media = await scratchLibrary({ maxUploadBytes: 200_000 });
  app = await TestApp.start({ media });
  author = await app.authorHeaders();
});

afterAll(() => app?.stop());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('uploadImage', () => {
  it('stores the original under its hash and records its size and a placeholder', async () => {
    const bytes = await pictureOf(300, 200, 'png', 1);
    const result = await upload(app, bytes, { headers: author, alt: 'A gradient', name: 'gradient.png' });
    expect(result.errors).toBeUndefined();
    const image = result.data!.uploadImage;
    const hash = sha256(bytes);
    expect(image).toMatchObject({ url: `/media/${hash}/original.png`, width: 300, height: 200, alt: 'A gradient' });
    expect(image.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/=]{20,}$/);
    expect(await media.store.get(`${hash}/original`)).toEqual(bytes);
    expect(await app.db.prisma.image.findUnique({ where: { hash } })).toMatchObject({ format: 'png', byteSize: bytes.length, filename: 'gradient.png' });
  });

  it('answers the existing image for the same bytes uploaded again', async () => {
    const bytes = await pictureOf(120, 80, 'jpeg', 2);
    const first = await upload(app, bytes, { headers: author });
    const again = await upload(app, bytes, { headers: author, name: 'other-name.jpg' });
    expect(again.data!.uploadImage.id).toBe(first.data!.uploadImage.id);
    expect(await app.db.prisma.image.count({ where: { hash: sha256(bytes) } })).toBe(1);
  });

  it('needs a token', async () => {
    const result = await upload(app, await pictureOf(50, 50, 'png', 3));
    expect(result.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await app.db.prisma.image.count({ where: { width: 50 } })).toBe(0);
  });

  it('refuses a file that is not an image, whatever its name says', async () => {
    const result = await upload(app, Buffer.from('<svg onload="alert(1)"> not really a png'), { headers: author, name: 'fake.png' });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'file' });
    expect(result.errors![0]!.message).toMatch(/not an image .*jpeg, png, webp, avif, gif/);
  });

  it('takes AVIF, which sharp reads as HEIF', async () => {
    const { default: sharp } = await import('sharp');
    const avif = await sharp(await pictureOf(90, 60, 'png', 12)).avif().toBuffer();
    const result = await upload(app, avif, { headers: author, name: 'photo.avif' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.uploadImage).toMatchObject({ width: 90, height: 60, url: expect.stringMatching(/\/original\.avif$/) });
  });

  it('refuses an image cut short with BAD_USER_INPUT, keeping nothing', async () => {
    const whole = await pictureOf(400, 300, 'jpeg', 13);
    const truncated = whole.subarray(0, Math.floor(whole.length / 3));
    const result = await upload(app, truncated, { headers: author, name: 'cut.jpg' });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'file' });
    expect(result.errors![0]!.message).toMatch(/could not be decoded .*truncated or damaged/);
    expect(await app.db.prisma.image.count({ where: { hash: sha256(truncated) } })).toBe(0);
  });

  it('refuses a file over MAX_UPLOAD_BYTES', async () => {
    // Noise does not compress: 300×300 RGB is about 270 KB as PNG.
    const noise = Buffer.from(Array.from({ length: 300 * 300 * 3 }, () => Math.floor(Math.random() * 256)));
    const { default: sharp } = await import('sharp');
    const bytes = await sharp(noise, { raw: { width: 300, height: 300, channels: 3 } }).png().toBuffer();
    expect(bytes.length).toBeGreaterThan(200_000);
    const result = await upload(app, bytes, { headers: author });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'file' });
    expect(result.errors![0]!.message).toContain('larger than 200000 bytes (MAX_UPLOAD_BYTES)');
    expect(await media.store.exists(`${sha256(bytes)}/original`)).toBe(false);
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    const bomb = decompressionBomb(12_000);
    expect(bomb.length).toBeLessThan(200_000);
    const started = Date.now();
    const result = await upload(app, bomb, { headers: author });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'file' });
    expect(result.errors![0]!.message).toContain('12000×12000 pixels; images may have at most 50000000 pixels (MAX_IMAGE_PIXELS)');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await app.db.prisma.image.count({ where: { hash: sha256(bomb) } })).toBe(0);
    expect(await media.store.exists(`${sha256(bomb)}/original`)).toBe(false);
  });

  it('refuses alt text over 1000 characters', async () => {
    const result = await upload(app, await pictureOf(40, 40, 'png', 4), { headers: author, alt: 'x'.repeat(1001) });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'alt' });
  });
});

describe('Image.url and srcSet', () => {
  const IMAGE = 'query($id: ID!) { node(id: $id) { ... on Image { url w640: url(width: 640, format: WEBP) big: url(width: 2560) avif: srcSet(format: AVIF) srcSet } } }';

  it('name the allowed widths up to the image’s own, and its full width for anything wider', async () => {
    const bytes = await pictureOf(1000, 500, 'png', 5);
    const { id } = (await upload(app, bytes, { headers: author })).data!.uploadImage;
    const hash = sha256(bytes);
    const { node } = await app.data(IMAGE, { id }, author);
    expect(node).toEqual({
      url: `/media/${hash}/original.png`,
      w640: `/media/${hash}/640.webp`,
      big: `/media/${hash}/1000.png`,
      avif: [320, 640, 960, 1000].map((w) => `/media/${hash}/${w}.avif ${w}w`).join(', '),
      srcSet: [320, 640, 960, 1000].map((w) => `/media/${hash}/${w}.png ${w}w`).join(', '),
    });
  });

  it('refuses a width outside the allow-list, naming the allowed ones', async () => {
    const { id } = (await upload(app, await pictureOf(400, 300, 'png', 6), { headers: author })).data!.uploadImage;
    const result = await app.query('query($id: ID!) { node(id: $id) { ... on Image { url(width: 500) } } }', { id }, author);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'width' });
    expect(result.errors![0]!.message).toContain('320, 640, 960, 1280, 1920, 2560 (got 500)');
  });

  it('are absolute under a public base URL', async () => {
    const absolute = await scratchLibrary({ publicBaseUrl: 'https://blog.example/' });
    const other = await TestApp.start({ media: absolute });
    try {
      const bytes = await pictureOf(64, 64, 'png', 7);
      const result = await upload(other, bytes, { headers: await other.authorHeaders() });
      expect(result.data!.uploadImage.url).toBe(`https://blog.example/media/${sha256(bytes)}/original.png`);
    } finally {
      await other.stop();
    }
  });
});

describe('updateImage', () => {
  const UPDATE = 'mutation($id: ID!, $alt: String) { updateImage(id: $id, alt: $alt) { alt } }';

  it('changes and removes the alt text, with a token only', async () => {
    const { id } = (await upload(app, await pictureOf(33, 33, 'png', 11), { headers: author, alt: 'Before' })).data!.uploadImage;
    expect((await app.query(UPDATE, { id, alt: 'After' })).errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.data(UPDATE, { id, alt: 'After' }, author)).updateImage).toEqual({ alt: 'After' });
    expect((await app.data(UPDATE, { id, alt: null }, author)).updateImage).toEqual({ alt: null });
  });
});

describe('images', () => {
  const IMAGES = 'query($first: Int, $after: String) { images(first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }';

  it('needs a token', async () => {
    expect((await app.query(IMAGES)).errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists every image newest first, page by page', async () => {
    const all = await app.db.prisma.image.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    const first = (await app.data(IMAGES, { first: 2 }, author)).images;
    expect(first.totalCount).toBe(all.length);
    const second = (await app.data(IMAGES, { first: 100, after: first.pageInfo.endCursor }, author)).images;
    const ids = [...first.edges, ...second.edges].map((edge: { node: { id: string } }) => edge.node.id);
    expect(ids).toEqual(all.map((image) => Buffer.from(`Image:${image.id}`).toString('base64')));
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps images from anonymous node(id)', async () => {
    const { id } = (await upload(app, await pictureOf(30, 30, 'png', 8), { headers: author })).data!.uploadImage;
    expect((await app.data('query($id: ID!) { node(id: $id) { id } }', { id })).node).toBeNull();
  });
});

describe('covers and deleteImage', () => {
  const CREATE = 'mutation($input: CreatePostInput!) { createPost(input: $input) { id slug coverImage { id width } } }';
  const DELETE = 'mutation($id: ID!) { deleteImage(id: $id) }';

  it('sets a cover on create, refuses deleting it while used, and keeps it when the post goes', async () => {
    const bytes = await pictureOf(800, 400, 'jpeg', 9);
    const image = (await upload(app, bytes, { headers: author })).data!.uploadImage;
    const { createPost: post } = await app.data(CREATE, { input: { title: 'With a cover', markdown: '.', coverImageId: image.id } }, author);
    expect(post.coverImage).toEqual({ id: image.id, width: 800 });

    const refused = await app.query(DELETE, { id: image.id }, author);
    expect(refused.errors![0]!.extensions?.code).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain('the cover of post "with-a-cover"');

    await app.data('mutation($id: ID!) { deletePost(id: $id) }', { id: post.id }, author);
    expect(await app.db.prisma.image.count({ where: { hash: sha256(bytes) } })).toBe(1);
    expect(await media.store.exists(`${sha256(bytes)}/original`)).toBe(true);

    expect((await app.data(DELETE, { id: image.id }, author)).deleteImage).toBe(image.id);
    expect(await app.db.prisma.image.count({ where: { hash: sha256(bytes) } })).toBe(0);
    expect(await media.store.exists(`${sha256(bytes)}/original`)).toBe(false);
  });

  it('refuses deleting an image a post shows in its text, naming the post', async () => {
    const image = (await upload(app, await pictureOf(120, 80, 'png', 14), { headers: author })).data!.uploadImage;
    const markdown = `A picture: ![diagram](${image.url})`;
    const { createPost: post } = await app.data(CREATE, { input: { title: 'Shows it inline', markdown } }, author);
    const refused = await app.query(DELETE, { id: image.id }, author);
    expect(refused.errors![0]!.extensions?.code).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain('an image in the text of post "shows-it-inline"');
    await app.data('mutation($id: ID!) { deletePost(id: $id) }', { id: post.id }, author);
    expect((await app.data(DELETE, { id: image.id }, author)).deleteImage).toBe(image.id);
  });

  it('changes and removes a cover with updatePost', async () => {
    const image = (await upload(app, await pictureOf(200, 100, 'png', 10), { headers: author })).data!.uploadImage;
    const { createPost: post } = await app.data(CREATE, { input: { title: 'Cover later', markdown: '.' } }, author);
    expect(post.coverImage).toBeNull();
    const UPDATE = 'mutation($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { coverImage { id } } }';
    expect((await app.data(UPDATE, { id: post.id, input: { coverImageId: image.id } }, author)).updatePost.coverImage).toEqual({ id: image.id });
    expect((await app.data(UPDATE, { id: post.id, input: { title: 'Renamed' } }, author)).updatePost.coverImage).toEqual({ id: image.id });
    expect((await app.data(UPDATE, { id: post.id, input: { coverImageId: null } }, author)).updatePost.coverImage).toBeNull();
  });

  it('refuses an unknown cover image without creating the post', async () => {
    const missing = Buffer.from('Image:999999').toString('base64');
    const result = await app.query(CREATE, { input: { title: 'Bad cover', markdown: '.', coverImageId: missing } }, author);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'coverImageId' });
    expect(await app.db.prisma.post.count({ where: { title: 'Bad cover' } })).toBe(0);
  });

  it('loads the covers of a page of posts in one statement', async () => {
    for (let i = 0; i < 3; i++) {
      const image = (await upload(app, await pictureOf(100, 100, 'png', 20 + i), { headers: author })).data!.uploadImage;
      await app.data(CREATE, { input: { title: `Covered ${i}`, markdown: '.', coverImageId: image.id, status: 'PUBLISHED' } }, author);
    }
    const { count, statements } = await app.countStatements(() =>
      app.data('{ posts(first: 10) { edges { node { coverImage { url width height placeholder } } } } }'),
    );
    expect(statements.filter((sql) => /\bFROM images\b/.test(sql))).toHaveLength(1);
    expect(count).toBeLessThanOrEqual(3);
  });

  it('refuses deleting an unknown image with NOT_FOUND', async () => {
    const result = await app.query(DELETE, { id: Buffer.from('Image:999999').toString('base64') }, author);
    expect(result.errors![0]!.extensions?.code).toBe('NOT_FOUND');
  });
});
