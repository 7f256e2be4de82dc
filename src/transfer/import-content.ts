import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseTagCatalog, type TagInfo } from '../content/tag-catalog.js';
import type { Database } from '../db/client.js';
import type { MediaLibrary } from '../media/library.js';
import { importPosts, type ImportSummary } from './import-posts.js';
import { importSite, type SiteImportOptions } from './import-site.js';
import { readPostSources } from './post-sources.js';
import { readSiteSource } from './site-source.js';

/** The tag catalog of an exported folder: each tag's display name and description. */
export const TAG_CATALOG_FILE = 'tags.yaml';

export interface ContentImportOptions extends SiteImportOptions {
  /** Where a site's images go; needed for a Hugo or Jekyll site. */
  media?: MediaLibrary;
}

/**
 * Imports a Hugo or Jekyll site (everything: settings, authors, posts and pages, images), a
 * plain folder of Markdown posts, or an archive listing file; with the tag catalog when the
 * folder has one. Running it again on the same files changes nothing.
 */
export async function importContent(db: Database, location: string, options: ContentImportOptions = {}): Promise<ImportSummary> {
  const catalog = await readTagCatalog(location);
  if (catalog && !options.dryRun) await saveTagCatalog(db, catalog);
  if (!(await isSite(location))) return importPosts(db, await readPostSources(location), options);
  if (!options.media) throw new Error('Importing a site needs a media library for its images');
  return importSite(db, options.media, await readSiteSource(location), options);
}

/** A Hugo site has content/; a Jekyll one _config.yml or _posts/. Other folders are plain folders of posts. */
async function isSite(location: string): Promise<boolean> {
  const markers = ['content', '_config.yml', '_config.yaml', '_posts'];
  const found = await Promise.all(markers.map((name) => stat(path.join(location, name)).catch(() => null)));
  return found.some((info) => info !== null);
}

async function readTagCatalog(location: string): Promise<Map<string, TagInfo> | null> {
  const file = path.join(location, TAG_CATALOG_FILE);
  if (!(await stat(file).catch(() => null))?.isFile()) return null;
  return parseTagCatalog(await readFile(file, 'utf8'), TAG_CATALOG_FILE);
}

async function saveTagCatalog(db: Database, catalog: Map<string, TagInfo>): Promise<void> {
  const existing = new Map(
    (await db.prisma.tag.findMany({ where: { slug: { in: [...catalog.keys()] } } })).map((tag) => [tag.slug, tag]),
  );
  for (const [slug, { name, description }] of catalog) {
    const tag = existing.get(slug);
    if (!tag) await db.prisma.tag.create({ data: { slug, name, description } });
    else if (tag.name !== name || tag.description !== description) {
      await db.prisma.tag.update({ where: { slug }, data: { name, description } });
    }
  }
}
