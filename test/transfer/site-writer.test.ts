import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteImageSources } from '../../src/transfer/image-references.js';
import { listSiteFiles, readSiteSource, type SiteSource } from '../../src/transfer/site-source.js';
import { sitePostPath, writeSiteFiles, type MediaFile, type SiteExport } from '../../src/transfer/site-writer.js';

const hugoSite = fileURLToPath(new URL('../fixtures/hugo-site/', import.meta.url));
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'folio-site-writer-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/**
 * What an import does with the files, without the database: each image stored once under the
 * hash of its bytes with the first name it came with, and sources rewritten to its URL.
 */
async function importInMemory(site: SiteSource): Promise<{ exported: SiteExport; media: Map<string, MediaFile> }> {
  const media = new Map<string, MediaFile>();
  const urlOfFile = new Map<string, string>();
  const store = async (file: string): Promise<string> => {
    const bytes = await readFile(path.join(site.root, file));
    const url = `/media/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${path.extname(file)}`;
    if (!media.has(url)) media.set(url, { fileName: path.basename(file), read: async () => bytes });
    urlOfFile.set(file, url);
    return url;
  };
  for (const file of [...site.avatarFiles.values(), ...site.posts.flatMap((entry) => entry.images.map((image) => image.file))]) {
    await store(file);
  }
  const posts = site.posts.map(({ post, images }) => {
    const { warnings: _warnings, ...content } = post;
    const urlBySrc = new Map(images.map((image) => [image.src, urlOfFile.get(image.file)!]));
    return {
      ...content,
      slug: post.slug!,
      markdown: rewriteImageSources(post.markdown, urlBySrc),
      coverImage: post.coverImage && { ...post.coverImage, path: urlBySrc.get(post.coverImage.path) ?? post.coverImage.path },
    };
  });
  const authors = site.authors.map((author) => {
    const file = site.avatarFiles.get(author.slug);
    return { ...author, avatarPath: file === undefined ? author.avatarPath : urlOfFile.get(file)! };
  });
  const settings = site.config && (({ file: _file, warnings: _warnings, ...rest }) => rest)(site.config);
  return { exported: { settings, authors, posts }, media };
}

async function exportTo(folder: string, from: string): Promise<string[]> {
  const site = await readSiteSource(from);
  expect(site.errors).toEqual([]);
  const { exported, media } = await importInMemory(site);
  return writeSiteFiles(folder, exported, media);
}

async function contentsOf(folder: string): Promise<Map<string, Buffer>> {
  const files = [...(await listSiteFiles(folder))].sort();
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(folder, file))] as const)));
}

describe('sitePostPath', () => {
  it('puts posts under content/posts and pages at the top, in a bundle folder when images go with them', () => {
    expect(sitePostPath({ slug: 'a', kind: 'POST' }, false)).toBe('content/posts/a.md');
    expect(sitePostPath({ slug: 'a', kind: undefined }, true)).toBe('content/posts/a/index.md');
    expect(sitePostPath({ slug: 'about', kind: 'PAGE' }, true)).toBe('content/about/index.md');
    expect(sitePostPath({ slug: 'uses', kind: 'PAGE' }, false)).toBe('content/uses.md');
  });
});

describe('writeSiteFiles', () => {
  it('exports the fixture as a Hugo site with the images beside their posts, and an export of that is the same bytes', async () => {
    const first = path.join(work, 'first');
    const second = path.join(work, 'second');
    const written = await exportTo(first, hugoSite);
    expect(written).toEqual([
      'content/about/about.png',
      'content/about/index.md',
      'content/posts/2023-year-in-review/about.png',
      'content/posts/2023-year-in-review/index.md',
      'content/posts/draft-dns/index.md',
      'content/posts/draft-dns/network.png',
      'content/posts/my-post/cover.jpg',
      'content/posts/my-post/diagram.png',
      'content/posts/my-post/index.md',
      'content/posts/my-post/network.png',
      'content/posts/raspberry-pi-kubernetes/index.md',
      'content/posts/raspberry-pi-kubernetes/network.png',
      'content/uses.md',
      'data/authors/jane-doe.yaml',
      'data/authors/li-lei.yaml',
      'hugo.toml',
      'static/images/authors/jane-doe.jpg',
      'static/images/authors/li-lei.jpg',
    ]);
    await exportTo(second, first);
    const [a, b] = await Promise.all([contentsOf(first), contentsOf(second)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) expect(b.get(file)?.equals(bytes), file).toBe(true);

    // The images are the fixture's bytes, and the Markdown names them as files beside it.
    const original = await readFile(path.join(hugoSite, 'content/posts/my-post/diagram.png'));
    expect(a.get('content/posts/my-post/diagram.png')?.equals(original)).toBe(true);
    const bundle = a.get('content/posts/my-post/index.md')!.toString('utf8');
    expect(bundle).toContain('![三个 trait 的关系](diagram.png "Fn ⊂ FnMut ⊂ FnOnce")');
    expect(bundle).toContain('网络图见 ![网络](network.png)');
    expect(bundle).toContain('![badge](https://img.shields.io/badge/rust-1.77-orange)');
    expect(a.get('data/authors/li-lei.yaml')!.toString('utf8')).toContain('avatar: /images/authors/li-lei.jpg\n');
  });

  it('keeps what the fixture says through the export', async () => {
    const folder = path.join(work, 'kept');
    await exportTo(folder, hugoSite);
    const [before, after] = await Promise.all([readSiteSource(hugoSite), readSiteSource(folder)]);
    const meaning = (site: SiteSource) =>
      site.posts
        .map(({ post }) => {
          const { markdown: _markdown, coverImage, warnings: _warnings, ...fields } = post;
          return { ...fields, cover: coverImage?.alt ?? null };
        })
        .sort((x, y) => x.slug!.localeCompare(y.slug!));
    expect(meaning(after)).toEqual(meaning(before));
    expect(after.config).toEqual({ ...before.config, file: 'hugo.toml' });
    expect(after.authors.map(({ avatarPath: _avatar, ...author }) => author)).toEqual(
      before.authors.map(({ avatarPath: _avatar, ...author }) => author),
    );
  });
});
