/**
 * A request to change content that cannot be carried out as asked. `code` follows the API's
 * error codes; `field` names the input at fault, e.g. "title" or "tags".
 */
export class ContentError extends Error {
  override name = 'ContentError';

  constructor(
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function invalid(field: string, message: string): ContentError {
  return new ContentError('BAD_USER_INPUT', message, field);
}
