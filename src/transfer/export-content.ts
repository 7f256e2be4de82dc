import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PostFileContent } from '../content/front-matter.js';
import { ContentFormatError } from '../content/format-error.js';
import { formatTagCatalog } from '../content/tag-catalog.js';
import type { Database } from '../db/client.js';
import { siteSettings } from '../db/queries/site.js';
import { authoredContent, authoredPostSelect } from '../editing/save-post.js';
import type { MediaLibrary } from '../media/library.js';
import { imageUrl } from '../media/urls.js';
import { extensionOf, type OriginalFormat } from '../media/formats.js';
import { originalKey } from '../media/variants.js';
import type { AuthorData } from './authors-data.js';
import { findImageSources } from './image-references.js';
import { TAG_CATALOG_FILE } from './import-content.js';
import type { SocialLink } from './social-links.js';
import { type MediaFile, type SiteExport, writeSiteFiles } from './site-writer.js';

export interface ExportSummary {
  /** Posts and pages, drafts and scheduled ones included. */
  posts: number;
  files: number;
}

/**
 * Writes the whole content as a Hugo site (see writeSiteFiles): settings, authors with their
 * avatars, every post and page with its images beside it, and the tags' names and descriptions
 * in tags.yaml. importContent reads the folder back to the same content.
 */
export async function exportContent(db: Database, media: MediaLibrary, folder: string): Promise<ExportSummary> {
  await checkEmptyFolder(folder);
  const [site, files] = await Promise.all([siteExport(db), mediaFiles(db, media)]);
  const written = await writeSiteFiles(folder, site, withResizedUrls(files, site.posts, media.publicBaseUrl));
  const tags = await db.prisma.tag.findMany({ select: { slug: true, name: true, description: true }, orderBy: { slug: 'asc' } });
  await writeFile(path.join(folder, TAG_CATALOG_FILE), formatTagCatalog(new Map(tags.map(({ slug, ...info }) => [slug, info]))));
  return { posts: site.posts.length, files: written.length + 1 };
}

async function siteExport(db: Database): Promise<SiteExport> {
  const settings = await siteSettings(db);
  const urlOf = (image: Parameters<typeof imageUrl>[1] | null) => (image === null ? null : imageUrl('', image, null, null));
  const authors = await db.prisma.author.findMany({ orderBy: { slug: 'asc' }, include: { avatar: true } });
  const posts = await db.prisma.post.findMany({
    orderBy: { id: 'asc' },
    select: { ...authoredPostSelect, coverImage: true, formerSlugs: { select: { slug: true }, orderBy: { slug: 'asc' } } },
  });
  return {
    settings: {
      title: settings.title,
      description: settings.description || null,
      url: settings.url,
      language: settings.language,
      timeZone: settings.timeZone,
      socialLinks: settings.socialLinks as unknown as SocialLink[],
    },
    authors: authors.map(
      (author): AuthorData => ({
        slug: author.slug,
        name: author.name,
        bio: author.bio,
        avatarPath: urlOf(author.avatar),
        website: author.website,
        socialLinks: (author.socialLinks ?? []) as unknown as SocialLink[],
      }),
    ),
    posts: posts.map(({ coverImage, formerSlugs, ...row }): PostFileContent => {
      const post = authoredContent(row);
      return {
        title: post.title,
        slug: post.slug,
        kind: post.kind,
        date: post.publishedAt,
        // Written only when it says more than the date, which an import falls back to.
        updated: post.updatedAt?.getTime() === post.publishedAt?.getTime() ? null : (post.updatedAt ?? null),
        authors: post.authors,
        tags: post.tags.map((tag) => tag.slug).sort(),
        draft: post.status === 'DRAFT',
        summary: post.summary,
        coverImage: coverImage === null ? null : { path: urlOf(coverImage)!, alt: coverImage.alt },
        seo: {
          ...(post.seoTitle ? { title: post.seoTitle } : {}),
          ...(post.seoDescription ? { description: post.seoDescription } : {}),
          ...(post.canonicalUrl ? { canonicalUrl: post.canonicalUrl } : {}),
          ...(post.noIndex ? { noIndex: true } : {}),
        },
        formerSlugs: formerSlugs.map((former) => former.slug),
        markdown: post.markdown,
      };
    }),
  };
}

/**
 * Markdown may name a resized copy (`/media/<hash>/640.webp`) rather than the original, or an
 * image under MEDIA_BASE_URL (as Image.url answers): the export writes the original in its
 * place, so the folder imports again.
 */
function withResizedUrls(files: MediaFiles, posts: readonly PostFileContent[], baseUrl: string): Map<string, MediaFile> {
  const all = new Map(files.byUrl);
  for (const post of posts) {
    for (const { src } of findImageSources(post.markdown)) {
      const path = baseUrl && src.startsWith(`${baseUrl}/`) ? src.slice(baseUrl.length) : src;
      const hash = MEDIA_PATH.exec(path)?.[1];
      const file = hash === undefined ? undefined : files.byHash.get(hash);
      if (file !== undefined && !all.has(src)) all.set(src, file);
    }
  }
  return all;
}

const MEDIA_PATH = /^\/media\/([0-9a-f]{64})\/[a-z0-9]+\.[a-z0-9]+$/;

interface MediaFiles {
  byUrl: Map<string, MediaFile>;
  byHash: Map<string, MediaFile>;
}

/** Every image of the library by its URL and its hash, read from the store only when an export writes it. */
async function mediaFiles(db: Database, media: MediaLibrary): Promise<MediaFiles> {
  const images = await db.prisma.image.findMany({ select: { hash: true, format: true, width: true, height: true, filename: true } });
  const files = images.map((image) => ({
    image,
    file: {
      // An image uploaded without a name is named after its hash.
      fileName: image.filename ?? `${image.hash.slice(0, 12)}.${extensionOf(image.format as OriginalFormat)}`,
      read: async () => {
        const bytes = await media.store.get(originalKey(image.hash));
        if (bytes === null) throw new Error(`The media store has no file for image ${image.hash} (${image.filename ?? 'no name'})`);
        return bytes;
      },
    },
  }));
  return {
    byUrl: new Map(files.map(({ image, file }) => [imageUrl('', image, null, null), file])),
    byHash: new Map(files.map(({ image, file }) => [image.hash, file])),
  };
}

/**
 * An export goes into a new or empty folder: written over an earlier export or a site, it would
 * leave their files among its own (a renamed post twice, an old theme's config half replaced).
 */
async function checkEmptyFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (!info) return;
  if (!info.isDirectory()) throw new ContentFormatError('is a file; export into a folder that does not exist yet or is empty', folder);
  if ((await readdir(folder)).length > 0) {
    throw new ContentFormatError('is not empty; export into a new or empty folder, so that no earlier files mix with the export', folder);
  }
}
