import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What the server writes is rendered with the link policy the environment sets when it runs.
describe('rendering the columns a post stores', () => {
  const saved = { SITE_URL: process.env.SITE_URL, NOFOLLOW_LINKS: process.env.NOFOLLOW_LINKS };
  beforeAll(() => {
    process.env.SITE_URL = 'https://blog.example';
    process.env.NOFOLLOW_LINKS = 'none';
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('follows SITE_URL and NOFOLLOW_LINKS, on a rendering thread', async () => {
    const { renderColumns } = await import('../../src/editing/derived-columns.js');
    const { data } = await renderColumns({ title: 'Links', markdown: '[home](https://blog.example/about) [out](https://other.example/)', summary: null });
    expect(data.html).toBe('<p><a href="https://blog.example/about">home</a> <a href="https://other.example/" rel="noopener noreferrer" target="_blank">out</a></p>\n');
  });

  it('renders the images it is given from the media store', async () => {
    const { renderColumns } = await import('../../src/editing/derived-columns.js');
    const images = new Map([['cat.png', { src: '/media/c4/cat.png', width: 640, height: 480, srcSet: '/media/c4/cat-320.webp 320w', sizes: '100vw' }]]);
    const { data } = await renderColumns({ title: 'Cat', markdown: '![cat](cat.png)', summary: null }, images);
    expect(data.html).toBe('<p><img src="/media/c4/cat.png" width="640" height="480" srcset="/media/c4/cat-320.webp 320w" sizes="100vw" alt="cat" loading="lazy" decoding="async" /></p>\n');
  });
});
