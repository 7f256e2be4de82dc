import type { MarkdownImage } from '../content/markdown.js';
import type { Database } from '../db/client.js';
import { imagesByHashes } from '../db/queries/images.js';
import { imageSrcSet, MEDIA_PATH_PREFIX, variantUrl } from './urls.js';
import { defaultVariantFormat, variantWidths } from './variants.js';

// The widest variant an <img src> names, for browsers without srcset: wide enough for a column.
const SRC_WIDTH = 1280;
const MEDIA_URL_PATH = /^\/media\/([0-9a-f]{64})\/[a-z0-9]+\.[a-z0-9]+$/;

/**
 * The facts of each src (as written in the Markdown) that points into the media store, by a
 * /media/... path or an absolute URL under `publicBaseUrl`; srcs that don't, or name an image
 * that is not there, are left out. One statement for all of them.
 */
export async function markdownImagesFor(
  db: Database,
  srcs: readonly string[],
  { publicBaseUrl = '' }: { publicBaseUrl?: string } = {},
): Promise<Map<string, MarkdownImage>> {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const hashOfSrc = new Map<string, string>();
  for (const src of srcs) {
    const hash = mediaHashOf(src, base);
    if (hash) hashOfSrc.set(src, hash);
  }
  if (hashOfSrc.size === 0) return new Map();
  const images = new Map((await imagesByHashes(db, [...new Set(hashOfSrc.values())])).map((image) => [image.hash, image]));
  const answer = new Map<string, MarkdownImage>();
  for (const [src, hash] of hashOfSrc) {
    const image = images.get(hash);
    if (!image) continue;
    answer.set(src, {
      src: variantUrl(base, image, largestVariantUpTo(image.width, SRC_WIDTH), defaultVariantFormat(image)),
      width: image.width,
      height: image.height,
      srcSet: imageSrcSet(base, image, null),
      sizes: `(max-width: ${image.width}px) 100vw, ${image.width}px`,
    });
  }
  return answer;
}

function largestVariantUpTo(originalWidth: number, most: number): number {
  const widths = variantWidths(originalWidth).filter((width) => width <= most);
  return widths.at(-1) ?? variantWidths(originalWidth)[0]!;
}

function mediaHashOf(src: string, base: string): string | null {
  let path = src;
  if (base && src.startsWith(`${base}${MEDIA_PATH_PREFIX}`)) path = src.slice(base.length);
  return MEDIA_URL_PATH.exec(path)?.[1] ?? null;
}
