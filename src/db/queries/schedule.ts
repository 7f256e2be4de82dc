import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { scheduledSql } from './visibility.js';

/** When the next scheduled post goes live, as seen at `now`; null when none is scheduled. */
export async function nextPublication(db: Database, now: Date): Promise<Date | null> {
  const [row] = await db.rows<{ next: Date | null }>(
    Prisma.sql`SELECT min(p.published_at) AS next FROM posts p WHERE ${scheduledSql('p', now)}`,
  );
  return row?.next ?? null;
}
