import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArchive } from '../content/seed-archive.js';
import { ContentFormatError } from '../content/format-error.js';
import { parsePostFile, type PostFile } from '../content/front-matter.js';
import { isSlug, slugify } from '../content/slug.js';
import type { PostContent, TagReference } from '../editing/save-post.js';
import { checkMarkdown, checkSlug, checkSummary, checkTagSlugs, checkTitle } from '../editing/validate.js';

/** One post read from disk, ready to save, or the reason it could not be read. */
export type PostSource = { file: string; content: PostContent } | { file: string; error: string };

const MARKDOWN_FILE = /\.(md|markdown)$/i;

/**
 * Reads posts from a folder of Markdown files with front matter (searched recursively, as Hugo
 * and Jekyll lay them out) or from an archive listing file.
 */
export async function readPostSources(location: string): Promise<PostSource[]> {
  const info = await stat(location).catch(() => null);
  if (!info) throw new ContentFormatError('does not exist; give a folder of Markdown files or an archive listing file', location);
  if (info.isFile()) return readArchiveFile(location);
  const files = (await markdownFiles(location)).sort();
  return Promise.all(files.map(async (file) => readPostFile(file, path.relative(location, file))));
}

async function markdownFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && MARKDOWN_FILE.test(entry.name) && !entry.name.startsWith('_index.'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function readPostFile(file: string, displayName: string): Promise<PostSource> {
  try {
    const post = parsePostFile(await readFile(file, 'utf8'), displayName);
    return { file: displayName, content: postContentFromFile(post) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Format errors name their file already; the checks of the content do not.
    return { file: displayName, error: message.startsWith(displayName) ? message.slice(displayName.length + 2) : message };
  }
}

async function readArchiveFile(file: string): Promise<PostSource[]> {
  const name = path.basename(file);
  const entries = parseArchive(await readFile(file, 'utf8'), name);
  return entries.map((entry) => ({
    file: `${name}:${entry.line}`,
    content: {
      slug: slugify(entry.title),
      title: checkTitle(entry.title),
      // The archive holds only summaries; the summary, without its cut marker, stands in for the body.
      markdown: entry.summary.replace(/ …$/, ''),
      summary: entry.summary,
      status: 'PUBLISHED',
      publishedAt: entry.publishedAt,
      // The listing says nothing of later changes.
      updatedAt: entry.publishedAt,
      tags: [],
    },
  }));
}

/** A post file as the database takes it, under the same checks as the API applies. */
export function postContentFromFile(post: PostFile): PostContent {
  if (!post.draft && !post.date) {
    throw new Error('a published post needs a date: add `date: 2024-05-12` to its front matter, or `draft: true`');
  }
  const tags = tagReferences(post.tags);
  checkTagSlugs(tags.map((tag) => tag.slug));
  return {
    slug: checkSlug(post.slug ?? slugify(post.title)),
    title: checkTitle(post.title),
    markdown: checkMarkdown(post.markdown),
    summary: checkSummary(post.summary, 'summary'),
    status: post.draft ? 'DRAFT' : 'PUBLISHED',
    publishedAt: post.date,
    // The source's own date, not the time of the import: sitemaps and "updated" labels read it.
    updatedAt: post.updated ?? post.date ?? undefined,
    tags,
    kind: post.kind,
  };
}

/** Tags as files name them ("Kubernetes", "raspberry-pi", "网络") become slugs with display names. */
export function tagReferences(names: string[]): TagReference[] {
  const bySlug = new Map<string, TagReference>();
  for (const name of names) {
    const slug = isSlug(name) ? name : slugify(name);
    if (!bySlug.has(slug)) bySlug.set(slug, { slug, name });
  }
  return [...bySlug.values()];
}
