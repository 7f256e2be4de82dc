import type { IncomingHttpHeaders } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { PREVIEW_TOKEN_HEADER, PREVIEW_TOKEN_VARIABLE } from './viewer.js';

/** Whether a request carries something that may show it more than anyone sees: never cached. */
export function carriesCredentials(headers: IncomingHttpHeaders): boolean {
  return headers.authorization !== undefined || headers[PREVIEW_TOKEN_HEADER] !== undefined;
}

/**
 * Tells every cache on the way to keep no answer GraphQL makes: `private, no-store` for requests
 * with a token or preview token (their answers may hold drafts), `no-store` for the rest
 * (mutations, errors). The response cache replaces it on the answers it may keep.
 */
export function noStoreAnswers(): Plugin {
  const previewed = new WeakSet<Request>();
  return {
    onParams({ request, params }) {
      if (params.variables && PREVIEW_TOKEN_VARIABLE in params.variables) previewed.add(request);
    },
    onResponse({ request, response }) {
      const isPrivate = request.headers.has('authorization') || request.headers.has(PREVIEW_TOKEN_HEADER) || previewed.has(request);
      if (isPrivate) response.headers.set('cache-control', 'private, no-store');
      else if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
    },
  };
}
