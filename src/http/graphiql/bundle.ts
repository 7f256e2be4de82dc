import { copyFile, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { projectPath } from '../../paths.js';
import { GRAPHIQL_ASSETS_DIR } from './assets.js';


const BROWSER_SOURCE = projectPath('src', 'http', 'graphiql', 'browser');
const require = createRequire(import.meta.url);

// Monaco's language services, each run in a web worker of its own (see browser/workers.ts).
const WORKERS = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

const common: esbuild.BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: 'es2022',
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

/**
 * Bundles GraphiQL, its styles and Monaco's workers into `outdir`, so the page needs nothing
 * from outside the server. Fonts come inlined in GraphiQL's CSS.
 */
export async function bundleGraphiQL(outdir = GRAPHIQL_ASSETS_DIR): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { graphiql: path.join(BROWSER_SOURCE, 'main.tsx') },
      // ESM keeps import.meta.url, by which the page finds the workers beside it.
      format: 'esm',
      outdir,
      jsx: 'automatic',
      loader: { '.ttf': 'file' },
      // Only needed for subscriptions over WebSocket, which Folio does not serve.
      external: ['graphql-ws'],
    }),
    esbuild.build({
      ...common,
      entryPoints: Object.fromEntries(Object.entries(WORKERS).map(([name, module]) => [name, require.resolve(module)])),
      format: 'iife',
      outdir,
    }),
    copyFile(path.join(BROWSER_SOURCE, 'favicon.svg'), path.join(outdir, 'favicon.svg')),
  ]);
}
