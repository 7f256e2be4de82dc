import { escapeText } from 'entities';
import type { Example } from './examples.js';

export interface PageOptions {
  /** Where GraphiQL sends its queries. */
  endpoint: string;
  /** Where the page's script, styles and favicon are served, ending in '/'. */
  assetsPath: string;
  examples: Example[];
}

/**
 * GraphiQL's HTML: a shell that loads the bundle from the server and hands it its settings as
 * inert JSON. Nothing inline runs, so the Content-Security-Policy can forbid inline scripts.
 */
export function graphiqlPage({ endpoint, assetsPath, examples }: PageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Folio</title>
<link rel="icon" type="image/svg+xml" href="${assetsPath}favicon.svg">
<link rel="stylesheet" href="${assetsPath}graphiql.css">
<script type="module" src="${assetsPath}graphiql.js"></script>
<script type="application/json" id="graphiql-config">${jsonForScript({ endpoint, examples })}</script>
</head>
<body>
<div id="graphiql"><noscript>GraphiQL needs JavaScript.</noscript></div>
</body>
</html>
`;
}

/** Shown instead of GraphiQL when its bundle was never built (the server was started from source). */
export function missingBundlePage(assetsDir: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Folio</title></head>
<body>
<h1>GraphiQL is not built</h1>
<p>Its files are missing from <code>${escapeText(assetsDir)}</code>. Run <code>npm run build</code>
(<code>npm start</code> does it for you), then reload this page. The API itself works.</p>
</body>
</html>
`;
}

// JSON inside <script> ends at the first "</script"; escaping every "<" keeps it from ending early.
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}
