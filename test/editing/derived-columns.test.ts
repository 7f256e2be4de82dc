import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaLibrary } from '../../src/media/library.js';
import { TestApp } from '../support/app.js';
import { pictureOf, scratchLibrary } from '../media/support.js';

// What the server writes is rendered with the link policy the environment sets when it runs.
describe('rendering the columns a post stores', () => {
  const saved = { SITE_URL: process.env.SITE_URL, NOFOLLOW_LINKS: process.env.NOFOLLOW_LINKS, MEDIA_BASE_URL: process.env.MEDIA_BASE_URL };
  let app: TestApp;
  let media: MediaLibrary;
  beforeAll(async () => {
    media = await scratchLibrary();
    app = await TestApp.start({ media });
    process.env.SITE_URL = 'https://blog.example';
    process.env.NOFOLLOW_LINKS = 'none';
    process.env.MEDIA_BASE_URL = 'https://api.blog.example';
  });
  afterAll(async () => {
    await app?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('follows SITE_URL and NOFOLLOW_LINKS, on a rendering thread', async () => {
    const { renderColumns } = await import('../../src/editing/derived-columns.js');
    const { data } = await renderColumns(app.db, { title: 'Links', markdown: '[home](https://blog.example/about) [out](https://other.example/)', summary: null });
    expect(data.html).toBe('<p><a href="https://blog.example/about">home</a> <a href="https://other.example/" rel="noopener noreferrer" target="_blank">out</a></p>\n');
  });

  it('renders the images it takes from the media store with their size and srcset, under MEDIA_BASE_URL', async () => {
    const { renderColumns } = await import('../../src/editing/derived-columns.js');
    const id = await media.add(app.db, { bytes: await pictureOf(700, 350, 'png', 61) });
    const { hash } = await app.db.prisma.image.findUniqueOrThrow({ where: { id } });
    const markdown = `![cat](/media/${hash}/original.png) ![elsewhere](https://other.example/dog.png)`;
    const { data } = await renderColumns(app.db, { title: 'Cat', markdown, summary: null });
    expect(data.html).toBe(
      `<p><img src="https://api.blog.example/media/${hash}/700.png" width="700" height="350" ` +
        `srcset="${["320", "640", "700"].map((w) => `https://api.blog.example/media/${hash}/${w}.png ${w}w`).join(", ")}" ` +
        `sizes="(max-width: 700px) 100vw, 700px" alt="cat" loading="lazy" decoding="async" /> ` +
        `<img src="https://other.example/dog.png" alt="elsewhere" loading="lazy" decoding="async" /></p>\n`,
    );
  });
});
