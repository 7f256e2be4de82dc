import type { Plugin } from 'graphql-yoga';

// Browsers may keep a preflight's answer this long (they cap it: Chromium at two hours).
const PREFLIGHT_MAX_AGE_SECONDS = 86_400;

/**
 * Which origins' browsers may call the API. The API authenticates with bearer tokens, never
 * cookies, so no origin is told it may send credentials: any origin (`*`) unless CORS_ORIGINS
 * lists some, and then only those, each echoed back.
 */
export class CorsPolicy {
  constructor(private readonly origins: readonly string[] | null) {}

  /** The Access-Control-Allow-Origin for a request from `origin`; null to send none. */
  allowedOrigin(origin: string | undefined): string | null {
    if (this.origins === null) return '*';
    return origin !== undefined && this.origins.includes(origin) ? origin : null;
  }

  /** Whether answers differ by Origin (they echo it), which caches must be told with Vary. */
  get variesByOrigin(): boolean {
    return this.origins !== null;
  }
}

/** Answers preflights and adds Access-Control-Allow-Origin to every answer, as the policy says. */
export function corsHeaders(policy: CorsPolicy): Plugin {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method !== 'OPTIONS') return;
      const origin = policy.allowedOrigin(request.headers.get('origin') ?? undefined);
      // Safari waits for a body on a 204 without Content-Length.
      const headers = new fetchAPI.Headers({ 'content-length': '0', vary: policy.variesByOrigin ? 'Origin, Access-Control-Request-Headers' : 'Access-Control-Request-Headers' });
      if (origin !== null) {
        headers.set('access-control-allow-origin', origin);
        headers.set('access-control-allow-methods', 'GET, POST, OPTIONS');
        headers.set('access-control-allow-headers', request.headers.get('access-control-request-headers') ?? 'content-type');
        headers.set('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
      }
      endResponse(new fetchAPI.Response(null, { status: 204, headers }));
    },
    onResponse({ request, response }) {
      if (request.method === 'OPTIONS') return;
      const origin = policy.allowedOrigin(request.headers.get('origin') ?? undefined);
      if (origin !== null) response.headers.set('access-control-allow-origin', origin);
      if (policy.variesByOrigin) response.headers.append('vary', 'Origin');
    },
  };
}
