import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { projectPath } from '../../paths.js';

/** Where `npm run build` puts GraphiQL's bundle (see bundle.ts), and where it is served from. */
export const GRAPHIQL_ASSETS_DIR = projectPath('dist', 'graphiql');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
};

// Plain file names only: no folders, no leading dot, so no way out of the assets folder.
const ASSET_NAME = /^[\w-]+(\.[\w-]+)+$/;

export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** A file of the bundle by its name, or null when there is no such file. */
export async function readAsset(assetsDir: string, name: string): Promise<Asset | null> {
  const contentType = CONTENT_TYPES[path.extname(name)];
  if (!ASSET_NAME.test(name) || !contentType) return null;
  const file = path.join(assetsDir, name);
  try {
    const [body, stats] = await Promise.all([readFile(file), stat(file)]);
    return { body, contentType, etag: `"${stats.size.toString(36)}-${stats.mtimeMs.toString(36)}"` };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Whether the bundle has been built into `assetsDir`. */
export async function isBundleBuilt(assetsDir: string): Promise<boolean> {
  return stat(path.join(assetsDir, 'graphiql.js')).then(
    () => true,
    () => false,
  );
}
