import type { Database } from '../db/client.js';
import { SITE_DEFAULTS } from '../db/queries/site.js';
import { bylineAuthorlessPosts } from '../editing/authors.js';
import { projectPath } from '../paths.js';
import { importContent } from './import-content.js';
import type { ImportOptions, ImportSummary } from './import-posts.js';

const SEEDS = projectPath('seeds');

/** The seed blog is written in Chinese, in China: its archive counts months in Shanghai. */
export const SEED_SITE = {
  title: 'Folio 示例博客',
  description: '关于 Git、Rust 与日常编程的笔记。',
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
} as const;

/** Who wrote the sample posts, so that a fresh install shows a byline. */
export const SEED_AUTHOR = { slug: 'folio', name: 'Folio', bio: 'The sample posts that come with Folio.' };

/**
 * Loads the bundled sample content (seeds/: the posts and the tag catalog) and the seed blog's
 * site settings. Running it again changes nothing, and settings an admin changed stay as they are.
 */
export async function seedDatabase(db: Database, options: ImportOptions = {}): Promise<ImportSummary> {
  const summary = await importContent(db, SEEDS, options);
  if (!options.dryRun) {
    // Only a site still at its defaults takes the seed's.
    await db.prisma.site.updateMany({ where: SITE_DEFAULTS, data: SEED_SITE });
    await bylineAuthorlessPosts(db, SEED_AUTHOR);
  }
  return summary;
}
