import type { Plugin } from 'graphql-yoga';
import { GRAPHIQL_ASSETS_DIR, isBundleBuilt, readAsset } from './assets.js';
import { EXAMPLES } from './examples.js';
import { graphiqlPage, missingBundlePage } from './page.js';

export interface GraphiQLOptions {
  /** The GraphQL endpoint, where browsers asking for HTML get GraphiQL. */
  endpoint: string;
  /** The built bundle; `npm run build` makes it. */
  assetsDir?: string;
}

const ASSETS_PATH = '/graphiql/';

/**
 * Everything the page loads comes from this server; the Content-Security-Policy says so to the
 * browser. Monaco adds <style> elements and the UI sets style attributes at run time, hence
 * 'unsafe-inline' for styles (never for scripts); GraphiQL's fonts are inlined in its CSS as
 * data: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** GraphiQL for browsers at the endpoint, opened on Folio's examples, with its bundle under /graphiql/. */
export function serveGraphiQL({ endpoint, assetsDir = GRAPHIQL_ASSETS_DIR }: GraphiQLOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === endpoint && acceptsHtml(request)) {
        endResponse(await pageResponse(endpoint, assetsDir));
      } else if (url.pathname.startsWith(ASSETS_PATH)) {
        endResponse(await assetResponse(request, assetsDir, url.pathname.slice(ASSETS_PATH.length)));
      }
    },
  };
}

function acceptsHtml(request: Request): boolean {
  return request.headers.get('accept')?.includes('text/html') ?? false;
}

async function pageResponse(endpoint: string, assetsDir: string): Promise<Response> {
  const built = await isBundleBuilt(assetsDir);
  const html = built ? graphiqlPage({ endpoint, assetsPath: ASSETS_PATH, examples: EXAMPLES }) : missingBundlePage(assetsDir);
  return new Response(html, {
    status: built ? 200 : 503,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
  });
}

async function assetResponse(request: Request, assetsDir: string, name: string): Promise<Response> {
  const asset = await readAsset(assetsDir, name);
  if (!asset) {
    return new Response(`No GraphiQL file named ${name}`, {
      status: 404,
      headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  // The bundle changes only with a new build: browsers ask again each time, and get 304 when
  // the file is unchanged.
  const headers = { ...SECURITY_HEADERS, etag: asset.etag, 'cache-control': 'no-cache' };
  if (request.headers.get('if-none-match') === asset.etag) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(asset.body), { headers: { ...headers, 'content-type': asset.contentType } });
}
