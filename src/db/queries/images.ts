import { Prisma } from '../generated/prisma/client.js';
import type { Image } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { type KeysetWindow, keysetConditions, keysetOrderBy, type KeysetOrdering } from './keyset.js';
import { type RowOf, rowShape } from './row-shape.js';

export const imageRow = rowShape<Image>()({
  id: 'id',
  hash: 'hash',
  format: 'format',
  width: 'width',
  height: 'height',
  byteSize: 'byte_size',
  filename: 'filename',
  alt: 'alt',
  placeholder: 'placeholder',
  createdAt: 'created_at',
});
export type ImageRow = RowOf<Image, typeof imageRow>;

export function imagesByIds(db: Database, ids: readonly number[]): Promise<ImageRow[]> {
  return db.rows<ImageRow>(Prisma.sql`SELECT ${imageRow.columns('i')} FROM images i WHERE i.id = ANY(${ids}::int[])`);
}

export async function imageByHash(db: Database, hash: string): Promise<ImageRow | null> {
  const [row] = await db.rows<ImageRow>(Prisma.sql`SELECT ${imageRow.columns('i')} FROM images i WHERE i.hash = ${hash}`);
  return row ?? null;
}

export function imagesByHashes(db: Database, hashes: readonly string[]): Promise<ImageRow[]> {
  return db.rows<ImageRow>(Prisma.sql`SELECT ${imageRow.columns('i')} FROM images i WHERE i.hash = ANY(${hashes}::text[])`);
}


// Newest first; the id breaks ties between images uploaded in the same millisecond.
const NEWEST: KeysetOrdering = { columns: [Prisma.sql`i.created_at`, Prisma.sql`i.id`], direction: 'DESC' };

export function listImages(db: Database, request: { window: KeysetWindow; limit: number }): Promise<ImageRow[]> {
  const conditions = keysetConditions(NEWEST, request.window);
  return db.rows<ImageRow>(Prisma.sql`
    SELECT ${imageRow.columns('i')} FROM images i
    ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty}
    ORDER BY ${keysetOrderBy(NEWEST, request.window)}
    LIMIT ${request.limit}`);
}

export function imageSortKey(row: ImageRow): [Date, number] {
  return [row.createdAt, row.id];
}

export async function countImages(db: Database): Promise<number> {
  const [row] = await db.rows<{ count: number }>(Prisma.sql`SELECT count(*)::int AS count FROM images`);
  return row?.count ?? 0;
}

/** Where an image is in use, each as words to show ("the cover of post \"hello\""). */
export async function imageUses(db: Database, imageId: number): Promise<string[]> {
  const rows = await db.rows<{ use: string }>(Prisma.sql`
    SELECT format('the cover of %s "%s"', lower(kind::text), slug) AS use FROM posts WHERE cover_image_id = ${imageId}
    UNION ALL SELECT format('the social image of %s "%s"', lower(kind::text), slug) FROM posts WHERE social_image_id = ${imageId}
    UNION ALL SELECT format('the avatar of author "%s"', slug) FROM authors WHERE avatar_image_id = ${imageId}
    UNION ALL SELECT 'the site''s logo' FROM site WHERE logo_image_id = ${imageId}
    UNION ALL (SELECT format('an image in the text of %s "%s"', lower(kind::text), slug) FROM posts
      WHERE strpos(markdown, '/media/' || (SELECT hash FROM images WHERE id = ${imageId}) || '/') > 0 ORDER BY id LIMIT 5)`);
  return rows.map((row) => row.use);
}
