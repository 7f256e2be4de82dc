import type { Database } from '../db/client.js';
import { upsertAuthor } from '../editing/authors.js';
import type { SiteImages } from './import-images.js';
import type { SiteSource } from './site-source.js';

export interface AuthorsImported {
  saved: number;
  failed: { file: string; reason: string }[];
  warnings: string[];
}

/**
 * Creates or updates each author of the site's data files by slug, with the avatar brought
 * into the media store. An avatar that is a URL elsewhere is left out (Folio serves avatars
 * from its own store) with a warning.
 */
export async function importAuthors(db: Database, images: SiteImages, source: SiteSource, dryRun: boolean): Promise<AuthorsImported> {
  const result: AuthorsImported = { saved: 0, failed: [], warnings: [] };
  for (const author of source.authors) {
    try {
      const avatarFile = source.avatarFiles.get(author.slug);
      const avatar = avatarFile === undefined ? null : await images.store(avatarFile, author.name);
      if (author.avatarPath !== null && avatarFile === undefined) {
        result.warnings.push(`author ${author.slug}: avatar ${author.avatarPath} is not a file of the site; upload it to give ${author.slug} an avatar`);
      }
      if (dryRun) continue;
      await upsertAuthor(db, {
        slug: author.slug,
        name: author.name,
        bio: author.bio,
        website: author.website,
        socialLinks: author.socialLinks,
        // A URL elsewhere keeps the avatar the author has.
        avatarImageId: avatar ? avatar.id : author.avatarPath === null ? null : undefined,
      });
      result.saved += 1;
    } catch (error) {
      result.failed.push({ file: `author ${author.slug}`, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}

/** Authors a post names without a data file: created with the slug as their name, so the byline keeps them. */
export async function ensureAuthors(db: Database, slugs: readonly string[]): Promise<void> {
  if (slugs.length === 0) return;
  await db.prisma.author.createMany({ data: slugs.map((slug) => ({ slug, name: slug })), skipDuplicates: true });
}
