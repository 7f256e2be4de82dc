/** The formats an original may have, as sharp names them. */
export const ORIGINAL_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;
export type OriginalFormat = (typeof ORIGINAL_FORMATS)[number];

/** The formats variants are encoded in. */
export const VARIANT_FORMATS = ['webp', 'avif', 'jpeg', 'png'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

const EXTENSIONS: Record<OriginalFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif', gif: 'gif' };
const CONTENT_TYPES: Record<OriginalFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

export function isOriginalFormat(format: string | undefined): format is OriginalFormat {
  return (ORIGINAL_FORMATS as readonly (string | undefined)[]).includes(format);
}

export function extensionOf(format: OriginalFormat): string {
  return EXTENSIONS[format];
}

export function contentTypeOf(format: OriginalFormat): string {
  return CONTENT_TYPES[format];
}

export function formatOfExtension(extension: string): OriginalFormat | null {
  const found = Object.entries(EXTENSIONS).find(([, ext]) => ext === extension);
  return found ? (found[0] as OriginalFormat) : null;
}

/** The format a resized copy keeps when none is asked for: the original's, a GIF's first frame as PNG. */
export function naturalVariantFormat(original: OriginalFormat): VariantFormat {
  return original === 'gif' ? 'png' : original;
}
