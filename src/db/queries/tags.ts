import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { type KeysetWindow, keysetConditions, keysetOrderBy, type KeysetOrdering } from './keyset.js';
import { type TagRow, tagRow } from './rows.js';
import { scheduledPostsOfTag, type Visibility, visibleTagsSql } from './visibility.js';

export type TagOrder = 'POPULAR' | 'NAME';

export interface TagListRow extends TagRow {
  postCount: number;
}

// POPULAR is postCount descending then name ascending; negating the count lets one ascending
// row comparison page through both. Names compare byte-wise (COLLATE "C") so the order is the
// same on every PostgreSQL, whatever locale its database was created with.
const orderings: Record<TagOrder, KeysetOrdering> = {
  POPULAR: { columns: [Prisma.sql`-t."postCount"`, Prisma.sql`t.name COLLATE "C"`, Prisma.sql`t.id`], direction: 'ASC' },
  NAME: { columns: [Prisma.sql`t.name COLLATE "C"`, Prisma.sql`t.id`], direction: 'ASC' },
};

export function listTags(
  db: Database,
  request: { visibility: Visibility; order: TagOrder; window: KeysetWindow; limit: number },
): Promise<TagListRow[]> {
  const ordering = orderings[request.order];
  const conditions = keysetConditions(ordering, request.window);
  return db.rows<TagListRow>(Prisma.sql`
    WITH counted AS (
      SELECT ${tagRow.columns('t')}, (t.published_post_count - ${scheduledPostsOfTag(request.visibility)})::int AS "postCount"
      FROM tags t WHERE ${visibleTagsSql(request.visibility)}
    )
    SELECT * FROM counted t
    ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty}
    ORDER BY ${keysetOrderBy(ordering, request.window)}
    LIMIT ${request.limit}`);
}

export function tagSortKey(order: TagOrder, row: TagListRow): (number | string)[] {
  return order === 'POPULAR' ? [-row.postCount, row.name, row.id] : [row.name, row.id];
}

export async function countTags(db: Database, visibility: Visibility): Promise<number> {
  const [row] = await db.rows<{ count: number }>(
    Prisma.sql`SELECT count(*)::int AS count FROM tags t WHERE ${visibleTagsSql(visibility)}`,
  );
  return row?.count ?? 0;
}
