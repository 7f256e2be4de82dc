import type { Database } from '../db/client.js';
import { Prisma } from '../db/generated/prisma/client.js';
import { imageUses } from '../db/queries/images.js';
import { ContentError } from './errors.js';

// Images are deleted only when asked: a post that stops using one (or is deleted) leaves it in
// the media library, to be used again or deleted there.

/** Deletes an image that nothing uses; answers its hash, whose files the caller removes. */
export async function deleteImage(db: Database, id: number): Promise<string> {
  const uses = await imageUses(db, id);
  if (uses.length > 0) throw inUse(uses);
  try {
    const deleted = await db.prisma.image.delete({ where: { id }, select: { hash: true } });
    return deleted.hash;
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError)) throw error;
    if (error.code === 'P2025') throw missingImage('id');
    // Put to use between the check and the delete (the foreign keys RESTRICT).
    if (error.code === 'P2003') throw inUse(await imageUses(db, id));
    throw error;
  }
}

export async function updateImageAlt(db: Database, id: number, alt: string | null): Promise<void> {
  const { count } = await db.prisma.image.updateMany({ where: { id }, data: { alt } });
  if (count === 0) throw missingImage('id');
}

/** Refuses an image id that names no image, before anything is written with it. */
export async function checkImageExists(db: Database, id: number, field: string): Promise<void> {
  if ((await db.prisma.image.count({ where: { id } })) === 0) throw missingImage(field);
}


function inUse(uses: string[]): ContentError {
  return new ContentError('CONFLICT', `The image is in use as ${uses.join(', ')}; stop using it there first`, 'id');
}

function missingImage(field: string): ContentError {
  return new ContentError('NOT_FOUND', 'There is no image with this id (it may have been deleted); upload it with uploadImage', field);
}
