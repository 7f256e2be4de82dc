import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownImagesFor } from '../../src/media/index.js';
import type { MediaLibrary } from '../../src/media/library.js';
import { TestApp } from '../support/app.js';
import { pictureOf, scratchLibrary } from './support.js';

let app: TestApp;
let media: MediaLibrary;
let wide: { hash: string };
let small: { hash: string };

beforeAll(async () => {
  media = await scratchLibrary();
  app = await TestApp.start({ media });
  const hashOf = async (bytes: Buffer) =>
    app.db.prisma.image.findUniqueOrThrow({ where: { id: await media.add(app.db, { bytes }) }, select: { hash: true } });
  wide = await hashOf(await pictureOf(2000, 1000, 'jpeg', 51));
  small = await hashOf(await pictureOf(300, 150, 'png', 52));
});

afterAll(() => app?.stop());

describe('markdownImagesFor', () => {
  it('answers the facts of media-store images, keyed by the src as written', async () => {
    const srcs = [
      `/media/${wide.hash}/original.jpg`,
      `https://blog.example/media/${small.hash}/320.webp`,
      'https://elsewhere.example/cat.png',
      `/media/${'f'.repeat(64)}/original.png`,
      './relative.png',
    ];
    const images = await markdownImagesFor(app.db, srcs, { publicBaseUrl: 'https://blog.example' });
    expect([...images.keys()]).toEqual(srcs.slice(0, 2));
    expect(images.get(srcs[0]!)).toEqual({
      src: `https://blog.example/media/${wide.hash}/1280.jpg`,
      width: 2000,
      height: 1000,
      srcSet: [320, 640, 960, 1280, 1920, 2000].map((w) => `https://blog.example/media/${wide.hash}/${w}.jpg ${w}w`).join(', '),
      sizes: '(max-width: 2000px) 100vw, 2000px',
    });
    expect(images.get(srcs[1]!)).toMatchObject({ src: `https://blog.example/media/${small.hash}/300.png`, width: 300, height: 150 });
  });

  it('takes absolute URLs only under the configured base, and reads nothing for no media srcs', async () => {
    const srcs = [`https://blog.example/media/${small.hash}/original.png`];
    expect((await markdownImagesFor(app.db, srcs)).size).toBe(0);
    const { count } = await app.countStatements(() => markdownImagesFor(app.db, ['https://elsewhere.example/a.png']));
    expect(count).toBe(0);
  });
});
