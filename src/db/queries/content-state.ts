import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';

/** Whether the database holds no post and no tag: a fresh one. */
export async function hasNoContent(db: Database): Promise<boolean> {
  const [row] = await db.rows<{ empty: boolean }>(
    Prisma.sql`SELECT NOT EXISTS (SELECT 1 FROM posts) AND NOT EXISTS (SELECT 1 FROM tags) AS empty`,
  );
  return row?.empty ?? true;
}

/** Whether any post was rendered by a renderer older than `version`. */
export async function hasPostsRenderedBefore(db: Database, version: number): Promise<boolean> {
  const [row] = await db.rows<{ any: boolean }>(
    Prisma.sql`SELECT EXISTS (SELECT 1 FROM posts WHERE render_version < ${version}) AS any`,
  );
  return row?.any ?? false;
}

/** The migrations applied to completely and not rolled back; none where nothing was ever migrated. */
export async function appliedMigrationNames(db: Database): Promise<string[]> {
  try {
    const rows = await db.rows<{ name: string }>(
      Prisma.sql`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      { prepare: false },
    );
    return rows.map((row) => row.name);
  } catch (error) {
    // 42P01: no _prisma_migrations table, so nothing was ever migrated.
    if ((error as { code?: string }).code === '42P01') return [];
    throw error;
  }
}
