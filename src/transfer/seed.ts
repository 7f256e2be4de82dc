import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseTagCatalog, type TagInfo } from '../content/tag-catalog.js';
import type { Database } from '../db/client.js';
import { type ImportOptions, importPosts, type ImportSummary } from './import-posts.js';
import { readPostSources } from './post-sources.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** Loads the bundled content: the tag catalog, then the posts. Running it again changes nothing. */
export async function seedDatabase(db: Database, options: ImportOptions = {}): Promise<ImportSummary> {
  const catalogFile = `${SEEDS}tags.yaml`;
  await saveTagCatalog(db, parseTagCatalog(await readFile(catalogFile, 'utf8'), 'seeds/tags.yaml'));
  return importPosts(db, await readPostSources(`${SEEDS}posts`), options);
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
