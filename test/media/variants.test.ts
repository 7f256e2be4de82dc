import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MediaLibrary } from '../../src/media/library.js';
import { variantWidths } from '../../src/media/variants.js';
import { TestApp } from '../support/app.js';
import { pictureOf, scratchLibrary } from './support.js';

let app: TestApp;
let media: MediaLibrary;

beforeAll(async () => {
  media = await scratchLibrary();
  app = await TestApp.start({ media });
});

afterAll(() => app?.stop());

async function added(bytes: Buffer) {
  const id = await media.add(app.db, { bytes });
  return (await app.db.prisma.image.findUniqueOrThrow({ where: { id } }))!;
}

describe('variantWidths', () => {
  it('are the allowed widths below the image’s, then its own', () => {
    expect(variantWidths(1000)).toEqual([320, 640, 960, 1000]);
    expect(variantWidths(1280)).toEqual([320, 640, 960, 1280]);
    expect(variantWidths(200)).toEqual([200]);
    expect(variantWidths(4000)).toEqual([320, 640, 960, 1280, 1920, 2560, 4000]);
  });
});

describe('MediaLibrary.variant', () => {
  it('encodes each format at the asked width, keeping the proportions', async () => {
    const image = await added(await pictureOf(700, 350, 'jpeg', 31));
    for (const format of ['webp', 'avif', 'jpeg', 'png'] as const) {
      const key = await media.variant(image, 320, format);
      const metadata = await sharp((await media.store.get(key!))!).metadata();
      expect(metadata).toMatchObject({ format: format === 'avif' ? 'heif' : format, width: 320, height: 160 });
    }
  });

  it('makes a variant once for concurrent first requests and never again after', async () => {
    const image = await added(await pictureOf(900, 600, 'png', 32));
    const put = vi.spyOn(media.store, 'put');
    const keys = await Promise.all(Array.from({ length: 5 }, () => media.variant(image, 640, 'webp')));
    expect(new Set(keys)).toEqual(new Set([`${image.hash}/640.webp`]));
    expect(put).toHaveBeenCalledTimes(1);
    await media.variant(image, 640, 'webp');
    expect(put).toHaveBeenCalledTimes(1);
    put.mockRestore();
  });

  it('refuses widths the image has no variant at', async () => {
    const image = await added(await pictureOf(500, 500, 'png', 33));
    expect(await media.variant(image, 640, 'webp')).toBeNull();
    expect(await media.variant(image, 333, 'webp')).toBeNull();
    expect(await media.variant(image, 500, 'webp')).toBe(`${image.hash}/500.webp`);
  });

  it('records the upright size of a photo turned by its EXIF orientation', async () => {
    // Stored 80×40, shown turned a quarter (orientation 6): 40×80.
    const bytes = await sharp(await pictureOf(80, 40, 'jpeg', 34)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const image = await added(bytes);
    expect([image.width, image.height]).toEqual([40, 80]);
    expect(image.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    const variant = await sharp((await media.store.get((await media.variant(image, 40, 'png'))!))!).metadata();
    expect([variant.width, variant.height]).toEqual([40, 80]);
  });
});
