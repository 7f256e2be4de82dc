import sharp, { type Metadata } from 'sharp';
import { badUserInput } from '../request/errors.js';
import { isOriginalFormat, ORIGINAL_FORMATS, type OriginalFormat, type VariantFormat } from './formats.js';

export interface Inspected {
  format: OriginalFormat;
  /** As the image is shown, after its EXIF orientation. */
  width: number;
  height: number;
}

/**
 * What the bytes are, from their header alone: sharp reads the format and dimensions without
 * decoding a pixel, so a decompression bomb is refused before it can expand.
 */
export async function inspectImage(bytes: Buffer, maxPixels: number): Promise<Inspected> {
  const metadata = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => null);
  const format = metadata && formatOf(metadata);
  if (!metadata || !format || !metadata.width || !metadata.height) {
    throw badUserInput('file', `The file is not an image Folio takes; upload one of: ${ORIGINAL_FORMATS.join(', ')}`);
  }
  const { width, height } = metadata.autoOrient ?? metadata;
  const pixels = width * height * (metadata.pages ?? 1);
  if (pixels > maxPixels) {
    throw badUserInput(
      'file',
      `The image is ${width}×${height} pixels${metadata.pages && metadata.pages > 1 ? ` in ${metadata.pages} frames` : ''}; ` +
        `images may have at most ${maxPixels} pixels (MAX_IMAGE_PIXELS): scale it down first`,
    );
  }
  return { format, width, height };
}

// libheif reads AVIF, so sharp names an AVIF file's format "heif"; its AV1 compression tells it
// apart from HEIC, which Folio does not take.
function formatOf(metadata: Metadata): OriginalFormat | null {
  if (metadata.format === 'heif') return metadata.compression === 'av1' ? 'avif' : null;
  return isOriginalFormat(metadata.format) ? metadata.format : null;
}

/** The original, upright, at `width` in `format`. */
export function encodeVariant(original: Buffer, width: number, format: VariantFormat, maxPixels: number): Promise<Buffer> {
  const resized = sharp(original, { limitInputPixels: maxPixels }).autoOrient().resize({ width, withoutEnlargement: true });
  switch (format) {
    case 'webp':
      return resized.webp({ quality: 80 }).toBuffer();
    case 'avif':
      return resized.avif({ quality: 55 }).toBuffer();
    case 'jpeg':
      return resized.flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true }).toBuffer();
    case 'png':
      return resized.png().toBuffer();
  }
}

const PLACEHOLDER_WIDTH = 24;

/** A tiny blurred WebP as a data: URL, shown while the image loads (a few hundred bytes). */
export async function placeholderOf(original: Buffer, maxPixels: number): Promise<string> {
  // The first time an upload is decoded whole: a header that promised an image may end early.
  const bytes = await sharp(original, { limitInputPixels: maxPixels })
    .autoOrient()
    .resize({ width: PLACEHOLDER_WIDTH })
    .blur(1.5)
    .webp({ quality: 40 })
    .toBuffer()
    .catch((error: unknown) => {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw badUserInput('file', `The image could not be decoded (${reason}); it may be truncated or damaged: export it again and upload that`);
    });
  return `data:image/webp;base64,${bytes.toString('base64')}`;
}
