import { badUserInput } from '../request/errors.js';
import type { VariantFormat } from './formats.js';
import { defaultVariantFormat, type ImageFacts, originalPath, VARIANT_WIDTHS, variantPath, variantWidths } from './variants.js';

/** `ORIGINAL`: the uploaded file, or, with a width, a resized copy in the original's format. */
export type ImageFormatChoice = 'ORIGINAL' | 'WEBP' | 'AVIF' | 'JPEG' | 'PNG';

const VARIANT_FORMAT: Record<Exclude<ImageFormatChoice, 'ORIGINAL'>, VariantFormat> = {
  WEBP: 'webp',
  AVIF: 'avif',
  JPEG: 'jpeg',
  PNG: 'png',
};

export const MEDIA_PATH_PREFIX = '/media/';

function variantFormatOf(image: ImageFacts, format: ImageFormatChoice | null | undefined): VariantFormat {
  return !format || format === 'ORIGINAL' ? defaultVariantFormat(image) : VARIANT_FORMAT[format];
}

/**
 * The URL of the image at `width` (one of VARIANT_WIDTHS; wider than the image gives its full
 * size) in `format`. Without either, the uploaded file itself.
 */
export function imageUrl(
  baseUrl: string,
  image: ImageFacts,
  width: number | null | undefined,
  format: ImageFormatChoice | null | undefined,
): string {
  if (width == null && (!format || format === 'ORIGINAL')) return `${baseUrl}${MEDIA_PATH_PREFIX}${originalPath(image)}`;
  if (width != null && !(VARIANT_WIDTHS as readonly number[]).includes(width)) {
    throw badUserInput('width', `Images come in widths ${VARIANT_WIDTHS.join(', ')} (got ${width}); ask for one of those`);
  }
  return variantUrl(baseUrl, image, width == null ? image.width : Math.min(width, image.width), variantFormatOf(image, format));
}

/** The URL of one of the image's variants (a width from `variantWidths`). */
export function variantUrl(baseUrl: string, image: ImageFacts, width: number, format: VariantFormat): string {
  return `${baseUrl}${MEDIA_PATH_PREFIX}${variantPath(image.hash, width, format)}`;
}

/** Every variant width of the image, for an <img srcset>: "url 320w, url 640w, ...". */
export function imageSrcSet(baseUrl: string, image: ImageFacts, format: ImageFormatChoice | null | undefined): string {
  const variantFormat = variantFormatOf(image, format);
  return variantWidths(image.width)
    .map((width) => `${variantUrl(baseUrl, image, width, variantFormat)} ${width}w`)
    .join(', ');
}
