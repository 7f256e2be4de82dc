import path from 'node:path';
import { rewriteImageSources, findImageSources } from './image-references.js';
import type { CoverImage } from '../content/front-matter.js';

/** An image to write beside the exported Markdown, under the name the Markdown now uses. */
export interface BundleFile {
  url: string;
  fileName: string;
}

export interface BundledPost {
  markdown: string;
  coverImage: CoverImage | null;
  files: BundleFile[];
}

/**
 * The reverse of an import, for a page bundle (`slug/index.md` with its images beside it):
 * each media URL the map knows, in the Markdown or as the cover, becomes a bare file name, the
 * name the image was imported with. Two different images with one name get `-2`, `-3` before
 * the extension; one image used twice is one file. Other sources are left as they are.
 */
export function bundleImages(
  post: { markdown: string; coverImage: CoverImage | null },
  fileNameByUrl: ReadonlyMap<string, string>,
): BundledPost {
  const nameByUrl = new Map<string, string>();
  const taken = new Set<string>();
  const nameFor = (url: string): string | undefined => {
    const wanted = fileNameByUrl.get(url);
    if (wanted === undefined) return undefined;
    let name = nameByUrl.get(url);
    if (name === undefined) {
      name = freeName(path.posix.basename(wanted), taken);
      taken.add(name);
      nameByUrl.set(url, name);
    }
    return name;
  };
  // The cover first, so a bundle's cover keeps its own name when a body image shares it.
  const coverName = post.coverImage === null ? undefined : nameFor(post.coverImage.path);
  for (const span of findImageSources(post.markdown)) nameFor(span.src);
  return {
    markdown: rewriteImageSources(post.markdown, nameByUrl),
    coverImage: post.coverImage === null || coverName === undefined ? post.coverImage : { ...post.coverImage, path: coverName },
    files: [...nameByUrl].map(([url, fileName]) => ({ url, fileName })),
  };
}

function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const extension = path.posix.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${extension}`;
    if (!taken.has(candidate)) return candidate;
  }
}
