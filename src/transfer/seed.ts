import type { Database } from '../db/client.js';
import { bylineAuthorlessPosts } from '../editing/authors.js';
import { projectPath } from '../paths.js';
import { importContent } from './import-content.js';
import type { ImportOptions, ImportSummary } from './import-posts.js';

const SEEDS = projectPath('seeds');

/** Who wrote the sample posts, so that a fresh install shows a byline. */
export const SEED_AUTHOR = { slug: 'folio', name: 'Folio', bio: 'The sample posts that come with Folio.' };

/** Loads the bundled sample content (seeds/: the posts and the tag catalog). Running it again changes nothing. */
export async function seedDatabase(db: Database, options: ImportOptions = {}): Promise<ImportSummary> {
  const summary = await importContent(db, SEEDS, options);
  if (!options.dryRun) await bylineAuthorlessPosts(db, SEED_AUTHOR);
  return summary;
}
