import type { Database } from '../db/client.js';
import type { Viewer } from './context.js';

/** Who sent the request. Requests without credentials are anonymous readers. */
export async function resolveViewer(_db: Database, _request: Request): Promise<Viewer> {
  return { kind: 'anonymous' };
}
