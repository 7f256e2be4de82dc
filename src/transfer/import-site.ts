import type { PostKind } from '../content/front-matter.js';
import type { Database } from '../db/client.js';
import { checkAuthorSlugs } from '../editing/authors.js';
import type { PostContent, SaveOutcome } from '../editing/save-post.js';
import { savePostBySlug } from '../editing/save-post.js';
import { updatePost } from '../editing/posts.js';
import { checkSeo } from '../editing/seo.js';
import { checkFormerSlugs, keepFormerSlugs } from '../editing/slug-history.js';
import type { MediaLibrary } from '../media/library.js';
import { ensureAuthors, importAuthors } from './import-authors.js';
import { SiteImages } from './import-images.js';
import type { ImportOptions, ImportSummary } from './import-posts.js';
import { importSiteSettings } from './import-settings.js';
import { rewriteImageSources } from './image-references.js';
import { postContentFromFile } from './post-sources.js';
import type { SitePost, SiteSource } from './site-source.js';

export interface SiteImportOptions extends ImportOptions {
  /** Take the config's settings even when the site has settings of its own. */
  replaceSiteSettings?: boolean;
}

/**
 * Imports a site read by readSiteSource: its settings, its authors, then each post and page
 * with its images in the media store, its byline, SEO fields and former slugs. A file that
 * fails is reported by name and the rest goes on. Importing the same site again changes nothing.
 */
export async function importSite(db: Database, media: MediaLibrary, source: SiteSource, options: SiteImportOptions = {}): Promise<ImportSummary> {
  const dryRun = options.dryRun ?? false;
  const images = new SiteImages(db, media, source.root, dryRun);
  const failed = source.errors.map(asFailure);
  const settings = await importSiteSettings(db, source.config, { replace: options.replaceSiteSettings, dryRun }).catch((error: Error) => {
    failed.push({ file: source.config!.file, reason: error.message });
    return 'none' as const;
  });
  const authors = await importAuthors(db, images, source, dryRun);
  const summary: ImportSummary = {
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: [...failed, ...authors.failed],
    warnings: [...source.warnings, ...authors.warnings],
    authors: authors.saved,
    images: 0,
    settings,
  };
  // A post the site still has under its slug was not renamed, whatever another file's aliases say.
  const siteSlugs = new Set(source.posts.map((item) => item.post.slug));
  let done = 0;
  for (const item of source.posts) {
    try {
      summary[await importSitePost(db, images, item, { siteSlugs, warnings: summary.warnings, dryRun })] += 1;
    } catch (error) {
      summary.failed.push({ file: item.file, reason: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.(++done, source.posts.length);
  }
  summary.images = images.added;
  return summary;
}

interface PostImport {
  siteSlugs: ReadonlySet<string | null>;
  warnings: string[];
  dryRun: boolean;
}

async function importSitePost(db: Database, images: SiteImages, { file, post, images: references }: SitePost, { siteSlugs, warnings, dryRun }: PostImport): Promise<SaveOutcome> {
  const content = postContentFromFile({ ...post, date: post.date ?? (await undatedPageDate(db, post)) });
  const urlBySrc = new Map<string, string>();
  let coverImageId: number | null = null;
  for (const reference of references) {
    const image = await images.store(reference.file, reference.cover ? (post.coverImage?.alt ?? null) : null).catch((error: Error) => {
      throw new Error(`image ${JSON.stringify(reference.src)} (${reference.file}): ${error.message}`);
    });
    if (image === null) continue; // a dry run: not in the store yet
    urlBySrc.set(reference.src, image.url);
    if (reference.cover) coverImageId = image.id;
  }
  if (post.coverImage !== null && !references.some((reference) => reference.cover)) {
    warnings.push(`${file}: the cover ${post.coverImage.path} is not a file of the site; upload it to give the post a cover`);
  }
  const seo = await checkSeo(db, {
    seoTitle: post.seo.title ?? null,
    seoDescription: post.seo.description ?? null,
    canonicalUrl: post.seo.canonicalUrl ?? null,
    noIndex: post.seo.noIndex ?? false,
  });
  const authors = checkAuthorSlugs(post.authors);
  const saved: PostContent = {
    ...content,
    markdown: rewriteImageSources(content.markdown, urlBySrc),
    kind: post.kind,
    authors,
    coverImageId,
    ...seo,
  };
  await checkKind(db, saved.slug, post.kind);
  const renamed = await renamedPost(db, saved.slug, post.formerSlugs.filter((slug) => !siteSlugs.has(slug)));
  if (renamed !== null && dryRun) return 'updated';
  if (renamed !== null) await updatePost(db, renamed, { slug: saved.slug });
  // Checked before the post is written, so a refused alias leaves it as it was.
  const newFormerSlugs = await checkFormerSlugs(db.prisma, saved.slug, post.formerSlugs);
  if (!dryRun) await ensureAuthors(db, authors);
  const { id, outcome } = await savePostBySlug(db, saved, { dryRun });
  if (newFormerSlugs.length === 0) return outcome;
  if (!dryRun) await db.prisma.$transaction((tx) => keepFormerSlugs(tx, id!, saved.slug, newFormerSlugs));
  return outcome === 'unchanged' ? 'updated' : outcome;
}

/** A post's kind is fixed when it is created (see savePostBySlug): a file that changes it is refused, not ignored. */
async function checkKind(db: Database, slug: string, kind: PostKind): Promise<void> {
  const existing = await db.prisma.post.findUnique({ where: { slug }, select: { kind: true } });
  if (existing && existing.kind !== kind) {
    const name = (of: PostKind) => (of === 'PAGE' ? 'a page' : 'a post');
    throw new Error(`"${slug}" is ${name(existing.kind)} in Folio and ${name(kind)} in the site; delete it in Folio to import it as ${name(kind)}, or change the file back`);
  }
}

/**
 * A post renamed in the site keeps its old slug as an alias: when no post has the new slug yet
 * and one has an alias's slug, that post is the one renamed (and keeps its id, tags, links).
 */
async function renamedPost(db: Database, slug: string, formerSlugs: readonly string[]): Promise<number | null> {
  if (formerSlugs.length === 0 || (await db.prisma.post.findUnique({ where: { slug }, select: { id: true } }))) return null;
  const [renamed, ...others] = await db.prisma.post.findMany({ where: { slug: { in: [...formerSlugs] } }, select: { id: true } });
  // Two posts under the aliases: which one was renamed is unclear, so checkFormerSlugs refuses it.
  return renamed !== undefined && others.length === 0 ? renamed.id : null;
}

/**
 * Jekyll's and Hugo's pages often have no date, but a published page needs one: the page
 * keeps the date it was first imported with, so importing again changes nothing.
 */
async function undatedPageDate(db: Database, post: SitePost['post']): Promise<Date | null> {
  if (post.kind !== 'PAGE' || post.draft || post.slug === null) return null;
  const existing = await db.prisma.post.findUnique({ where: { slug: post.slug }, select: { publishedAt: true } });
  return existing?.publishedAt ?? new Date();
}

/** readSiteSource's errors start with the file they are about. */
function asFailure(error: string): { file: string; reason: string } {
  const at = error.indexOf(': ');
  return at < 0 ? { file: '', reason: error } : { file: error.slice(0, at), reason: error.slice(at + 2) };
}
