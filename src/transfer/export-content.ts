import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPostFile } from '../content/front-matter.js';
import { formatTagCatalog } from '../content/tag-catalog.js';
import type { Database } from '../db/client.js';
import { authoredContent, authoredPostSelect } from '../editing/save-post.js';
import { TAG_CATALOG_FILE } from './import-content.js';

const BATCH = 500;

/**
 * Writes every post, drafts and scheduled ones included, as `<slug>.md` with front matter, and
 * the tags' names and descriptions to tags.yaml: the layout importContent reads back.
 */
export async function exportContent(db: Database, folder: string, onProgress?: (done: number) => void): Promise<number> {
  await mkdir(folder, { recursive: true });
  const tags = await db.prisma.tag.findMany({ select: { slug: true, name: true, description: true } });
  await writeFile(path.join(folder, TAG_CATALOG_FILE), formatTagCatalog(new Map(tags.map(({ slug, ...info }) => [slug, info]))));
  let written = 0;
  for (let cursor: number | undefined; ; ) {
    const posts = await db.prisma.post.findMany({
      orderBy: { id: 'asc' },
      take: BATCH,
      ...(cursor === undefined ? {} : { cursor: { id: cursor }, skip: 1 }),
      select: authoredPostSelect,
    });
    if (posts.length === 0) return written;
    for (const row of posts) {
      const post = authoredContent(row);
      const file = formatPostFile({
        title: post.title,
        slug: post.slug,
        date: post.publishedAt,
        // Written only when it says more than the date, which an import falls back to.
        updated: post.updatedAt?.getTime() === post.publishedAt?.getTime() ? null : (post.updatedAt ?? null),
        tags: post.tags.map((tag) => tag.slug).sort(),
        draft: post.status === 'DRAFT',
        summary: post.summary,
        markdown: post.markdown,
      });
      await writeFile(path.join(folder, `${post.slug}.md`), file);
    }
    written += posts.length;
    onProgress?.(written);
    cursor = posts.at(-1)!.id;
  }
}
