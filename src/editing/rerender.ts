import { RENDER_VERSION } from '../content/derive.js';
import type { Database } from '../db/client.js';
import { setSearchDocument } from '../db/post-writes.js';
import { hasPostsRenderedBefore } from '../db/queries/content-state.js';
import { renderColumns } from './derived-columns.js';

const BATCH = 200;

/**
 * Brings the derived columns (html, excerpt, counts, search document) of posts rendered by an
 * older version of the renderer up to date, so a change in rendering rules reaches every post.
 * They are rendered with today's SITE_URL and NOFOLLOW_LINKS (see derived-columns.ts).
 */
export async function rerenderOutdatedPosts(db: Database): Promise<number> {
  // Asked in plain SQL first: a server with nothing to re-render never loads Prisma's query
  // compiler, which a server that only reads has no use for.
  if (!(await hasPostsRenderedBefore(db, RENDER_VERSION))) return 0;
  let done = 0;
  for (;;) {
    const posts = await db.prisma.post.findMany({
      where: { renderVersion: { lt: RENDER_VERSION } },
      select: { id: true, title: true, markdown: true, summary: true, updatedAt: true },
      take: BATCH,
    });
    if (posts.length === 0) return done;
    for (const post of posts) {
      const { data, searchDocument } = await renderColumns(db, post);
      await db.prisma.$transaction(async (tx) => {
        // Re-rendering is not an edit: updatedAt keeps its value.
        await tx.post.update({ where: { id: post.id }, data: { ...data, updatedAt: post.updatedAt } });
        await setSearchDocument(tx, post.id, searchDocument);
      });
    }
    done += posts.length;
  }
}
