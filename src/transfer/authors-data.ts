import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { ContentFormatError } from '../content/format-error.js';
import { isSlug, slugify } from '../content/slug.js';
import { DATA_FILE_EXTENSIONS, isDataFields, optionalText, parseDataFile, type DataFields } from './data-file.js';
import { formatSocialLinks, parseSocialLinks, type SocialLink } from './social-links.js';

/** An author as a site's data files describe one. */
export interface AuthorData {
  slug: string;
  name: string;
  bio: string | null;
  /** As written: a site path (`/images/me.jpg`) or a URL; resolve with candidateFiles. */
  avatarPath: string | null;
  website: string | null;
  socialLinks: SocialLink[];
}

export interface AuthorsRead {
  authors: AuthorData[];
  /** Relative to the site root: one file per author in the same order, or the one file all came from. */
  files: string[];
  warnings: string[];
}

/** Where Folio writes an author, as Hugo themes read them: one file per author. */
export function authorFilePath(slug: string): string {
  return `data/authors/${slug}.yaml`;
}

/**
 * One author's file, Hugo's `data/authors/<slug>.yaml` (or .yml, .toml, .json): the slug is
 * the file's name. Keys: name, bio (or description), avatar (or image, picture), website (or
 * url), social (see parseSocialLinks).
 */
export function parseAuthorFile(text: string, fileName: string, warnings: string[] = []): AuthorData {
  const slug = path.basename(fileName, path.extname(fileName));
  if (!isSlug(slug)) throw new ContentFormatError(`the file name must be the author's slug, such as jane-doe.yaml`, fileName);
  return authorFromFields(slug, parseDataFile(text, fileName), fileName, warnings);
}

/** Authors in one file, Jekyll's `_data/authors.yml` or Hugo's `data/authors.yaml`: a mapping of slug to author. */
export function parseAuthorsMap(text: string, fileName: string, warnings: string[] = []): AuthorData[] {
  return Object.entries(parseDataFile(text, fileName)).map(([key, fields]) => {
    if (!isDataFields(fields)) throw new ContentFormatError(`${key} must be a mapping with the author's name, bio, …`, fileName);
    return authorFromFields(isSlug(key) ? key : slugify(key), fields, fileName, warnings);
  });
}

/** The same keys parseAuthorFile reads, in a fixed order; unset ones are left out. */
export function formatAuthorFile(author: AuthorData): string {
  const fields: DataFields = { name: author.name };
  if (author.bio !== null) fields.bio = author.bio;
  if (author.avatarPath !== null) fields.avatar = author.avatarPath;
  if (author.website !== null) fields.website = author.website;
  if (author.socialLinks.length > 0) fields.social = formatSocialLinks(author.socialLinks);
  return stringifyYaml(fields, { lineWidth: 0, blockQuote: 'literal' });
}

/**
 * Every author of a site: `data/authors/*` (one per file), else `data/authors.*`, else Jekyll's
 * `_data/authors.*`. No authors file is no authors, not an error.
 */
export async function readAuthorsData(siteRoot: string): Promise<AuthorsRead> {
  const warnings: string[] = [];
  const folder = path.join(siteRoot, 'data', 'authors');
  const perAuthor = (await readdir(folder).catch(() => [] as string[]))
    .filter((name) => DATA_FILE_EXTENSIONS.includes(path.extname(name).toLowerCase()))
    .sort();
  if (perAuthor.length > 0) {
    const files = perAuthor.map((name) => `data/authors/${name}`);
    const authors = await Promise.all(
      files.map(async (file) => parseAuthorFile(await readFile(path.join(siteRoot, file), 'utf8'), file, warnings)),
    );
    return { authors, files, warnings };
  }
  for (const folderName of ['data', '_data']) {
    for (const extension of DATA_FILE_EXTENSIONS) {
      const file = `${folderName}/authors${extension}`;
      const text = await readFile(path.join(siteRoot, file), 'utf8').catch(() => null);
      if (text !== null) return { authors: parseAuthorsMap(text, file, warnings), files: [file], warnings };
    }
  }
  return { authors: [], files: [], warnings };
}

function authorFromFields(slug: string, fields: DataFields, fileName: string, warnings: string[]): AuthorData {
  const text = (...keys: string[]) => keys.map((key) => optionalText(fields, key, fileName)).find((value) => value !== null) ?? null;
  return {
    slug,
    // Themes fall back to the slug too when a name is missing.
    name: text('name') ?? slug,
    bio: text('bio', 'description'),
    avatarPath: text('avatar', 'image', 'picture'),
    website: text('website', 'url'),
    socialLinks: parseSocialLinks(fields.social, 'social', fileName, warnings),
  };
}
