import type { Database } from '../db/client.js';
import { type SaveOutcome, savePostBySlug } from '../editing/save-post.js';
import type { SettingsOutcome } from './import-settings.js';
import type { PostSource } from './post-sources.js';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  failed: { file: string; reason: string }[];
  /** What was ignored and why; nothing failed for it. */
  warnings: string[];
  /** Authors created or updated from the site's data files. */
  authors: number;
  /** Images added to the media library (ones it had already are not counted). */
  images: number;
  settings: SettingsOutcome;
}

export interface ImportOptions {
  /** Say what would change, and change nothing. */
  dryRun?: boolean;
  /** Called after each post with how many are done. */
  onProgress?: (done: number, total: number) => void;
}

/** Saves each post by its slug; one bad post is reported and does not stop the others. */
export async function importPosts(db: Database, sources: PostSource[], options: ImportOptions = {}): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, failed: [], warnings: [], authors: 0, images: 0, settings: 'none' };
  let done = 0;
  for (const source of sources) {
    if ('error' in source) {
      summary.failed.push({ file: source.file, reason: source.error });
    } else {
      try {
        const { outcome } = await savePostBySlug(db, source.content, { dryRun: options.dryRun });
        count(summary, outcome);
      } catch (error) {
        summary.failed.push({ file: source.file, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    options.onProgress?.(++done, sources.length);
  }
  return summary;
}

function count(summary: ImportSummary, outcome: SaveOutcome): void {
  summary[outcome] += 1;
}
