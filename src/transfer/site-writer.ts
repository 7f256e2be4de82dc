import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPostFile, type PostFileContent } from '../content/front-matter.js';
import { authorFilePath, formatAuthorFile, type AuthorData } from './authors-data.js';
import { bundleImages } from './bundle-images.js';
import { EXPORTED_SITE_CONFIG, formatSiteConfig, type SiteConfig } from './site-config.js';

/** An image of the media store, as an export writes it. */
export interface MediaFile {
  /** The name it was uploaded or imported with, e.g. `diagram.png`. */
  fileName: string;
  read(): Promise<Uint8Array>;
}

/** Everything an export writes, with images still as media URLs. */
export interface SiteExport {
  settings: Omit<SiteConfig, 'file' | 'warnings'> | null;
  /** avatarPath is a media URL here (or a URL elsewhere, kept as it is). */
  authors: AuthorData[];
  /** Markdown and covers with media URLs. */
  posts: PostFileContent[];
}

/**
 * Where a post goes in the Hugo layout readSiteSource reads: posts under `content/posts/`,
 * pages at the top of `content/`; a bundle folder with `index.md` when images go beside it.
 */
export function sitePostPath(post: Pick<PostFileContent, 'slug' | 'kind'>, bundle: boolean): string {
  const folder = post.kind === 'PAGE' ? 'content' : 'content/posts';
  return bundle ? `${folder}/${post.slug}/index.md` : `${folder}/${post.slug}.md`;
}

/**
 * Writes the site as a Hugo site: hugo.toml, `data/authors/<slug>.yaml` with avatars under
 * `static/images/authors/`, and every post and page with the media-store images it uses beside
 * it. Reading the folder back with readSiteSource and writing it again gives the same bytes.
 * Returns the files written, relative to folder.
 */
export async function writeSiteFiles(folder: string, site: SiteExport, media: ReadonlyMap<string, MediaFile>): Promise<string[]> {
  const written: string[] = [];
  const write = async (file: string, data: string | Uint8Array) => {
    await mkdir(path.join(folder, path.dirname(file)), { recursive: true });
    await writeFile(path.join(folder, file), data);
    written.push(file);
  };
  if (site.settings !== null) await write(EXPORTED_SITE_CONFIG, formatSiteConfig(site.settings));
  for (const author of site.authors) {
    const avatar = author.avatarPath === null ? undefined : media.get(author.avatarPath);
    let avatarPath = author.avatarPath;
    if (avatar !== undefined) {
      // The slug keeps two authors' avatars named me.jpg apart.
      const name = `${author.slug}${path.posix.extname(avatar.fileName).toLowerCase()}`;
      await write(`static/images/authors/${name}`, await avatar.read());
      avatarPath = `/images/authors/${name}`;
    }
    await write(authorFilePath(author.slug), formatAuthorFile({ ...author, avatarPath }));
  }
  const fileNameByUrl = new Map([...media].map(([url, file]) => [url, file.fileName]));
  for (const post of site.posts) {
    const bundled = bundleImages({ markdown: post.markdown, coverImage: post.coverImage ?? null }, fileNameByUrl);
    const file = sitePostPath(post, bundled.files.length > 0);
    await write(file, formatPostFile({ ...post, markdown: bundled.markdown, coverImage: bundled.coverImage }));
    for (const image of bundled.files) {
      await write(path.posix.join(path.posix.dirname(file), image.fileName), await media.get(image.url)!.read());
    }
  }
  return written.sort();
}
