import type { RequestContext } from '../request/context.js';
import { unauthenticated } from '../request/errors.js';

/** Every mutation starts here: writing takes an API token. */
export function requireToken(context: RequestContext): void {
  if (context.viewer.kind !== 'token') {
    throw unauthenticated('Changing content takes an API token: send the header `Authorization: Bearer <token>`');
  }
}
