import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { type KeysetWindow, keysetConditions, keysetOrderBy, type KeysetOrdering } from './keyset.js';
import { postRow, type PostRow } from './rows.js';
import type { PostStatus } from '../generated/prisma/enums.js';
import { ofKind, postsWithStatusSql, type Visibility } from './visibility.js';

// Pages (About, Now, Uses) are few and have no date a reader cares about: a site's menu lists
// them by title. Titles compare byte-wise (COLLATE "C"), the same on every PostgreSQL.
const byTitle: KeysetOrdering = { columns: [Prisma.sql`p.title COLLATE "C"`, Prisma.sql`p.id`], direction: 'ASC' };

/** One page of the pages with these statuses that this viewer may see, by title. */
export function listPages(
  db: Database,
  request: { visibility: Visibility; statuses: readonly PostStatus[]; window: KeysetWindow; limit: number },
): Promise<PostRow[]> {
  const conditions = [postsWithStatusSql(request.visibility, request.statuses), ofKind('PAGE'), ...keysetConditions(byTitle, request.window)];
  return db.rows<PostRow>(Prisma.sql`
    SELECT ${postRow.columns('p')} FROM posts p
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY ${keysetOrderBy(byTitle, request.window)}
    LIMIT ${request.limit}`);
}

export function pageSortKey(row: PostRow): (number | string)[] {
  return [row.title, row.id];
}

export async function countPages(db: Database, visibility: Visibility, statuses: readonly PostStatus[]): Promise<number> {
  const [row] = await db.rows<{ count: number }>(
    Prisma.sql`SELECT count(*)::int AS count FROM posts p WHERE ${postsWithStatusSql(visibility, statuses)} AND ${ofKind('PAGE')}`,
  );
  return row?.count ?? 0;
}
