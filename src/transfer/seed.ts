import { fileURLToPath } from 'node:url';
import type { Database } from '../db/client.js';
import { importContent } from './import-content.js';
import type { ImportOptions, ImportSummary } from './import-posts.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** Loads the bundled sample content (seeds/: the posts and the tag catalog). Running it again changes nothing. */
export function seedDatabase(db: Database, options: ImportOptions = {}): Promise<ImportSummary> {
  return importContent(db, SEEDS, options);
}
