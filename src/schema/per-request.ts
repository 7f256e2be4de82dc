import type { RequestContext } from '../request/context.js';

/**
 * A value made at most once per request, such as a DataLoader only one module uses or the
 * site's settings, which several fields of one answer read.
 */
export function perRequest<T>(make: (context: RequestContext) => T): (context: RequestContext) => T {
  const made = new WeakMap<RequestContext, T>();
  return (context) => {
    if (!made.has(context)) made.set(context, make(context));
    return made.get(context)!;
  };
}
