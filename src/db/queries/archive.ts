import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { ofKind, publishedPostsSql, type Visibility } from './visibility.js';

export interface ArchiveMonthRow {
  year: number;
  month: number;
  postCount: number;
}

/** Published posts per calendar month in `timeZone` (the site's, an IANA name), newest month first. */
export function archiveMonths(db: Database, visibility: Visibility, timeZone: string): Promise<ArchiveMonthRow[]> {
  return db.rows<ArchiveMonthRow>(Prisma.sql`
    SELECT year::int, month::int, count(*)::int AS "postCount"
    FROM (
      SELECT extract(year FROM p.published_at AT TIME ZONE ${timeZone}::text) AS year,
             extract(month FROM p.published_at AT TIME ZONE ${timeZone}::text) AS month
      FROM posts p WHERE ${publishedPostsSql(visibility)} AND ${ofKind('POST')}
    ) months
    GROUP BY year, month
    ORDER BY year DESC, month DESC`);
}
