import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseTagCatalog, type TagInfo } from '../content/tag-catalog.js';
import type { Database } from '../db/client.js';
import { type ImportOptions, importPosts, type ImportSummary } from './import-posts.js';
import { readPostSources } from './post-sources.js';

/** The tag catalog of an exported folder: each tag's display name and description. */
export const TAG_CATALOG_FILE = 'tags.yaml';

/**
 * Imports a folder of Markdown posts (with the tag catalog, when the folder has one) or an
 * archive listing file. Running it again on the same files changes nothing.
 */
export async function importContent(db: Database, location: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const catalog = await readTagCatalog(location);
  if (catalog && !options.dryRun) await saveTagCatalog(db, catalog);
  return importPosts(db, await readPostSources(location), options);
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
