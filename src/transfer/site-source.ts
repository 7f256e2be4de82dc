import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePostFile, type PostFile } from '../content/front-matter.js';
import { readAuthorsData, type AuthorData } from './authors-data.js';
import { candidateFiles, resolveImageReferences, type ImageReference } from './image-references.js';
import { readSiteConfig, type SiteConfig } from './site-config.js';

/** One Markdown file of a site, read, with the site files its images are. */
export interface SitePost {
  /** Relative to the site root, with / separators. */
  file: string;
  post: PostFile;
  images: ImageReference[];
}

/** Everything an import needs from a Hugo site, read and checked, nothing written yet. */
export interface SiteSource {
  root: string;
  config: SiteConfig | null;
  authors: AuthorData[];
  /** Author slug → the site file of the avatar, for the authors whose avatar is a site path. */
  avatarFiles: Map<string, string>;
  posts: SitePost[];
  /** Every file of the site, relative to its root: where images and avatars are looked up. */
  files: ReadonlySet<string>;
  /** Files that could not be read or name missing images; those posts are left out of `posts`. */
  errors: string[];
  warnings: string[];
}

const MARKDOWN_FILE = /\.(md|markdown)$/i;
// Generated output and dependencies: never content, and often large.
const SKIPPED_FOLDERS = new Set(['node_modules', 'public', 'resources', 'themes', '.git', '_site', 'vendor']);

/** Which files of a site are posts and pages, and where its content starts. */
interface SiteLayout {
  /** Passed to parsePostFile: files directly in it are standalone pages. */
  contentFolder: string;
  isContent(file: string): boolean;
}

// Hugo: everything under content/, except the list pages of sections (_index.md).
const HUGO: SiteLayout = {
  contentFolder: 'content/',
  isContent: (file) => file.startsWith('content/') && !/(^|\/)_index\.[^/]+$/.test(file),
};

// Jekyll: _posts and _drafts, and pages anywhere outside the _folders; not the home page or a README.
const JEKYLL: SiteLayout = {
  contentFolder: '',
  isContent: (file) =>
    /^_(posts|drafts)\//.test(file) || (!/(^|\/)_/.test(file) && !/^(index|readme|changelog|license)\.[^/]+$/i.test(file)),
};

/**
 * Reads a Hugo site folder (one with `content/`), or else a Jekyll one: its config, its authors'
 * data, and every post and page, each with its images resolved. A file that fails does not stop
 * the rest; its error is collected.
 */
export async function readSiteSource(root: string): Promise<SiteSource> {
  const files = await listSiteFiles(root);
  const layout = [...files].some((file) => file.startsWith(HUGO.contentFolder)) ? HUGO : JEKYLL;
  const config = await readSiteConfig(root);
  const authors = await readAuthorsData(root);
  const errors: string[] = [];
  const warnings = [...(config?.warnings ?? []), ...authors.warnings];
  const avatarFiles = resolveAvatars(authors.authors, authors.files, files, errors);
  const posts: SitePost[] = [];
  const markdownFiles = [...files].filter((file) => MARKDOWN_FILE.test(file) && layout.isContent(file));
  for (const file of markdownFiles.sort()) {
    try {
      const text = await readFile(path.join(root, file), 'utf8');
      // Jekyll copies a page without front matter as it is: no content of the site.
      if (layout === JEKYLL && !/^(\uFEFF)?---\r?\n/.test(text)) continue;
      const post = parsePostFile(text, file, { contentFolder: layout.contentFolder });
      if (file.startsWith('_drafts/')) post.draft = true;
      warnings.push(...post.warnings.map((warning) => `${file}: ${warning}`));
      for (const slug of post.authors.filter((slug) => !authors.authors.some((author) => author.slug === slug))) {
        warnings.push(`${file}: the author ${slug} has no data file; only the slug is known`);
      }
      const resolved = resolveImageReferences(post, file, files);
      if (resolved.errors.length > 0) errors.push(...resolved.errors);
      else posts.push({ file, post, images: resolved.images });
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { root, config, authors: authors.authors, avatarFiles, posts, files, errors, warnings };
}

/** An avatar is a site path as a post's image is, looked for beside its data file first; a URL elsewhere stays as it is. */
function resolveAvatars(authors: AuthorData[], dataFiles: string[], files: ReadonlySet<string>, errors: string[]): Map<string, string> {
  const avatarFiles = new Map<string, string>();
  authors.forEach((author, index) => {
    if (author.avatarPath === null || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(author.avatarPath)) return;
    const dataFile = dataFiles[index] ?? dataFiles[0]!;
    const candidates = candidateFiles(author.avatarPath, dataFile);
    const file = candidates.find((candidate) => files.has(candidate));
    if (file === undefined) {
      errors.push(`${dataFile}: avatar ${JSON.stringify(author.avatarPath)} of ${author.slug} not found; looked for ${candidates.join(', ')}`);
    } else {
      avatarFiles.set(author.slug, file);
    }
  });
  return avatarFiles;
}

/** Every file under root, relative to it with / separators, outside generated folders. */
export async function listSiteFiles(root: string): Promise<Set<string>> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  const files = new Set<string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (!relative.split('/').some((part) => SKIPPED_FOLDERS.has(part))) files.add(relative);
  }
  return files;
}
