import { extensionOf, naturalVariantFormat, type OriginalFormat, type VariantFormat } from './formats.js';

/** The only widths variants are made at, so a page can ask for a handful of files, not any size. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920, 2560] as const;

/** What the URLs and files of an image depend on. */
export interface ImageFacts {
  hash: string;
  format: string;
  width: number;
  height: number;
}

/**
 * The widths an image has variants at: every allowed width below its own, and its own width
 * (the full-size variant), so that a small image still has one in every format.
 */
export function variantWidths(originalWidth: number): number[] {
  return [...VARIANT_WIDTHS.filter((width) => width < originalWidth), originalWidth];
}

export function isVariantWidth(image: ImageFacts, width: number): boolean {
  return variantWidths(image.width).includes(width);
}

export function originalKey(hash: string): string {
  return `${hash}/original`;
}

export function variantKey(hash: string, width: number, format: VariantFormat): string {
  return `${hash}/${width}.${extensionOf(format)}`;
}

/** The path below /media/ for the original: its extension names its format. */
export function originalPath(image: ImageFacts): string {
  return `${image.hash}/original.${extensionOf(image.format as OriginalFormat)}`;
}

/** A variant's path below /media/ is its key. */
export const variantPath = variantKey;

export function defaultVariantFormat(image: ImageFacts): VariantFormat {
  return naturalVariantFormat(image.format as OriginalFormat);
}

/** The height of a variant `width` wide, in the original's proportions. */
export function heightAt(image: ImageFacts, width: number): number {
  return Math.max(1, Math.round((image.height * width) / image.width));
}
