import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { publishedPostsSql, type Visibility } from './visibility.js';

export interface ArchiveMonthRow {
  year: number;
  month: number;
  postCount: number;
}

/** Published posts per calendar month in UTC, newest month first. */
export function archiveMonths(db: Database, visibility: Visibility): Promise<ArchiveMonthRow[]> {
  return db.rows<ArchiveMonthRow>(Prisma.sql`
    SELECT year::int, month::int, count(*)::int AS "postCount"
    FROM (
      SELECT extract(year FROM p.published_at AT TIME ZONE 'UTC') AS year,
             extract(month FROM p.published_at AT TIME ZONE 'UTC') AS month
      FROM posts p WHERE ${publishedPostsSql(visibility)}
    ) months
    GROUP BY year, month
    ORDER BY year DESC, month DESC`);
}
