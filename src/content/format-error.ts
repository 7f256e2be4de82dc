/**
 * Raised when a content file (archive listing, post file, tag catalog) cannot be read.
 * The message starts with the location, so it can be shown as is; `file` and `line`
 * stay available for callers that collect errors.
 */
export class ContentFormatError extends Error {
  override readonly name = 'ContentFormatError';

  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    options?: ErrorOptions,
  ) {
    super(locationPrefix(file, line) + message, options);
  }
}

function locationPrefix(file: string | undefined, line: number | undefined): string {
  if (file !== undefined && line !== undefined) return `${file}:${line}: `;
  if (file !== undefined) return `${file}: `;
  if (line !== undefined) return `line ${line}: `;
  return '';
}
