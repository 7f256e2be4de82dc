import type { Database } from '../db/client.js';
import { Prisma } from '../db/generated/prisma/client.js';
import { ContentError } from './errors.js';
import { checkSlug, checkTagDescription, checkTagName } from './validate.js';

export interface TagInput {
  slug: string;
  /** A new tag is named after its slug unless a name is given. */
  name?: string | null;
  /** Absent: kept as it is; null: removed. */
  description?: string | null;
}

/** Creates the tag with this slug, or updates its name and description. */
export async function upsertTag(db: Database, input: TagInput): Promise<number> {
  const slug = checkSlug(input.slug);
  const name = input.name != null ? checkTagName(input.name) : undefined;
  const description = input.description !== undefined ? checkTagDescription(input.description) : undefined;
  const tag = await db.prisma.tag.upsert({
    where: { slug },
    create: { slug, name: name ?? slug, description: description ?? null },
    update: { name, description },
    select: { id: true },
  });
  return tag.id;
}

/** Deletes a tag; its posts stay, without it. */
export async function deleteTag(db: Database, id: number): Promise<void> {
  try {
    await db.prisma.tag.delete({ where: { id } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') {
      throw new ContentError('NOT_FOUND', 'There is no tag with this id (it may have been deleted)', 'id');
    }
    throw error;
  }
}
