import type { Database } from '../db/client.js';
import { projectPath } from '../paths.js';
import { importContent } from './import-content.js';
import type { ImportOptions, ImportSummary } from './import-posts.js';

const SEEDS = projectPath('seeds');

/** Loads the bundled sample content (seeds/: the posts and the tag catalog). Running it again changes nothing. */
export function seedDatabase(db: Database, options: ImportOptions = {}): Promise<ImportSummary> {
  return importContent(db, SEEDS, options);
}
