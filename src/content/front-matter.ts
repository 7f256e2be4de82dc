import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from 'yaml';
import { ContentFormatError } from './format-error.js';
import { isSlug, slugify } from './slug.js';

/**
 * A Markdown post with front matter, as Hugo and Jekyll write them: YAML between `---`
 * lines or TOML between `+++` lines.
 */
export interface PostFile {
  title: string;
  /** From the front matter, else the file name; null when neither gives a usable slug. */
  slug: string | null;
  /** null when neither the front matter nor a Jekyll file name carries a date. */
  date: Date | null;
  /** When the post last changed: `lastmod` (Hugo), `updated`, or Jekyll's `last_modified_at`; else null. */
  updated: Date | null;
  /**
   * `tags` then `categories`, as written (trimmed, duplicates dropped); turning names into
   * tag slugs is the importer's job.
   */
  tags: string[];
  draft: boolean;
  summary: string | null;
  /** PAGE for standalone pages (About, Now); see kindOf for the rules. */
  kind: PostKind;
  /** Author slugs in byline order: `authors`, then `author`, each slugified, duplicates dropped. */
  authors: string[];
  /** The image as written (a relative or site-absolute path, or a URL); see coverImageOf for the precedence. */
  coverImage: CoverImage | null;
  seo: PostSeo;
  /** Slugs the post was reachable under before: the last path segment of each Hugo `aliases` / Jekyll `redirect_from`. */
  formerSlugs: string[];
  markdown: string;
  /** What was ignored, with the reason, for the importer to show; parsing still succeeded. */
  warnings: string[];
}

export type PostKind = 'POST' | 'PAGE';

export interface CoverImage {
  path: string;
  alt: string | null;
}

/** Only what the file says; falling back to the title and excerpt is the reader's job. */
export interface PostSeo {
  title?: string;
  /** `description`, the key Hugo's and Jekyll's templates put in the meta description. */
  description?: string;
  canonicalUrl?: string;
  noIndex?: boolean;
}

/** Written only when set, so files from before these existed stay the same. */
type OptionalOnWrite = 'kind' | 'authors' | 'coverImage' | 'seo' | 'formerSlugs';

/** What formatPostFile writes: a post whose slug is settled. */
export type PostFileContent = Omit<PostFile, 'slug' | 'warnings' | OptionalOnWrite> & {
  slug: string;
} & Partial<Pick<PostFile, OptionalOnWrite>>;

export interface ParseOptions {
  /**
   * The folder, as the file name starts, of a Hugo site's content (`content/`): a file in it
   * outside every section folder (`content/about.md`, `content/about/index.md`) is a standalone
   * page. Unset for a flat folder of posts (Folio's own export), where every file sits at the top.
   */
  contentFolder?: string;
}

type Fields = Record<string, unknown>;

type FrontMatterParser = (source: string, fileName: string, firstLine: number) => unknown;

const PARSERS_BY_FENCE: Record<string, FrontMatterParser> = {
  '---': parseYamlFields,
  '+++': parseTomlFields,
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Jekyll names posts `YYYY-MM-DD-title.md`; the date prefix is the post's date.
const JEKYLL_FILE_NAME = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/;
// Date-only, or a date-time with an optional offset: ISO-8601 (`T`) or Jekyll's `2024-05-12 10:00:00 +0800`.
const DATE_STRING =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)? ?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const EXPECTED_DATE = 'expected YYYY-MM-DD or an ISO-8601 date-time such as 2024-05-12T08:30:00+08:00';

export function parsePostFile(text: string, fileName: string, options: ParseOptions = {}): PostFile {
  const { fields, markdown } = splitFrontMatter(text.replace(/^\uFEFF/, ''), fileName);
  const read = new FieldReader(fields, fileName);
  const fromName = slugAndDateFromFileName(fileName);
  const slug = read.slug() ?? fromName.slug;
  const warnings: string[] = [];
  return {
    title: read.title(),
    slug,
    // Hugo: publishDate is when the post goes public; date may be when it was written.
    date: read.date('publishDate') ?? read.date('date') ?? fromName.date,
    updated: read.date('lastmod') ?? read.date('updated') ?? read.date('last_modified_at'),
    // Folio has one taxonomy, so categories become tags rather than being dropped.
    tags: [...new Set([...read.tagList('tags'), ...read.tagList('categories')])],
    // Jekyll marks drafts with `published: false`, Hugo with `draft: true`.
    draft: read.boolean('draft') === true || read.boolean('published') === false,
    summary: read.text('summary') ?? read.text('description'),
    kind: kindOf(read, fileName, options),
    authors: authorSlugs(read),
    coverImage: coverImageOf(read),
    seo: seoOf(read),
    formerSlugs: formerSlugsOf(read, slug, warnings),
    markdown,
    warnings,
  };
}

/**
 * Hugo's rules, as themes apply them: `type: page` or `layout: page` (Jekyll's way) makes a
 * page, `post`/`posts` a post. Without either, a file under a `pages/` folder is a page, and in a
 * Hugo content folder so is a file outside every section (`content/about.md`): Hugo lists only
 * the main sections' pages, so such files are never in the post list.
 */
function kindOf(read: FieldReader, fileName: string, options: ParseOptions): PostKind {
  for (const key of ['type', 'layout']) {
    const value = read.text(key)?.trim().toLowerCase();
    if (value === 'page') return 'PAGE';
    if (value === 'post' || value === 'posts') return 'POST';
  }
  const parts = fileName.split(/[\\/]/);
  if (parts.slice(0, -1).includes('pages')) return 'PAGE';
  const { contentFolder } = options;
  if (contentFolder === undefined || !fileName.startsWith(contentFolder)) return 'POST';
  const inContent = fileName.slice(contentFolder.length).split(/[\\/]/);
  const isBundle = /^index\.(md|markdown)$/i.test(inContent.at(-1) ?? '');
  return inContent.length === 1 || (inContent.length === 2 && isBundle) ? 'PAGE' : 'POST';
}

/** Names as written ("Jane Doe", "张三") become slugs, so they match the authors' data files. */
function authorSlugs(read: FieldReader): string[] {
  const names = [...read.textList('authors'), ...read.textList('author')];
  return [...new Set(names.map((name) => (isSlug(name) ? name : slugify(name))))];
}

/**
 * The first that is set: `cover.image` (PaperMod; `cover` may also be the path itself), `image`
 * (Jekyll and many Hugo themes; jekyll-seo-tag allows `{ path, alt }`), `featured_image` (Ananke),
 * then `images[0]` (Hugo's own Open Graph templates, meant for sharing but the only picture some
 * posts have). The alt text comes from the same mapping, else `image_alt`/`cover_alt`.
 */
function coverImageOf(read: FieldReader): CoverImage | null {
  const cover = read.imageField('cover', 'image') ?? read.imageField('image', 'path') ?? read.imageField('featured_image', 'path');
  if (cover !== null) return { path: cover.path, alt: cover.alt ?? read.text('image_alt') ?? read.text('cover_alt') };
  const first = read.textList('images')[0];
  return first === undefined ? null : { path: first, alt: read.text('image_alt') };
}

function seoOf(read: FieldReader): PostSeo {
  const seo: PostSeo = {};
  const title = read.text('seo_title') ?? read.text('meta_title');
  const description = read.text('description');
  // canonical_url: jekyll-seo-tag; canonicalURL: PaperMod.
  const canonicalUrl = read.text('canonical_url') ?? read.text('canonicalURL');
  // noindex, or PaperMod's robotsNoIndex, or a robots meta value such as "noindex, follow".
  const noIndex = read.boolean('noindex') ?? read.boolean('robotsNoIndex') ?? robotsNoIndex(read.text('robots'));
  if (title !== null) seo.title = title;
  if (description !== null) seo.description = description;
  if (canonicalUrl !== null) seo.canonicalUrl = canonicalUrl;
  if (noIndex !== null) seo.noIndex = noIndex;
  return seo;
}

function robotsNoIndex(robots: string | null): boolean | null {
  return robots === null ? null : /(^|[\s,])noindex($|[\s,])/i.test(robots);
}

/**
 * `/posts/old-slug/`, `/2019/05/old-slug.html` and `old-slug` all mean the slug `old-slug`.
 * An alias whose last segment is no slug (`/`, `/p/?id=3`) can't be answered by `post(slug)`.
 */
function formerSlugsOf(read: FieldReader, slug: string | null, warnings: string[]): string[] {
  const slugs = new Set<string>();
  for (const key of ['aliases', 'redirect_from']) {
    for (const alias of read.textList(key)) {
      const last = alias.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').at(-1) ?? '';
      const candidate = last.replace(/\.html?$/i, '').toLowerCase();
      if (!isSlug(candidate)) {
        warnings.push(`${key}: ${JSON.stringify(alias)} ignored: its last path segment is no slug`);
      } else if (candidate !== slug) {
        slugs.add(candidate);
      }
    }
  }
  return [...slugs];
}

/**
 * Deterministic YAML front matter (title, slug, type, date, lastmod, authors, tags, draft, summary,
 * cover, description, seo_title, canonical_url, noindex, aliases), a blank line, then the markdown
 * exactly. Multi-line text becomes a literal block so it round-trips. Keys Hugo and Jekyll know
 * are used, so an export still builds as a site; what is unset is left out.
 */
export function formatPostFile(post: PostFileContent): string {
  const fields: Fields = { title: post.title, slug: post.slug };
  if (post.kind === 'PAGE') fields.type = 'page';
  if (post.date !== null) fields.date = post.date.toISOString();
  if (post.updated !== null) fields.lastmod = post.updated.toISOString();
  if (post.authors !== undefined && post.authors.length > 0) fields.authors = post.authors;
  fields.tags = post.tags;
  if (post.draft) fields.draft = true;
  if (post.summary !== null) fields.summary = post.summary;
  if (post.coverImage) {
    const { path, alt } = post.coverImage;
    fields.cover = alt === null ? { image: path } : { image: path, alt };
  }
  const seo = post.seo ?? {};
  if (seo.description !== undefined) fields.description = seo.description;
  if (seo.title !== undefined) fields.seo_title = seo.title;
  if (seo.canonicalUrl !== undefined) fields.canonical_url = seo.canonicalUrl;
  if (seo.noIndex !== undefined) fields.noindex = seo.noIndex;
  // Bare slugs: Hugo resolves a relative alias beside the page, which is where the old slug was.
  if (post.formerSlugs !== undefined && post.formerSlugs.length > 0) fields.aliases = post.formerSlugs;
  const yaml = stringifyYaml(fields, { lineWidth: 0, blockQuote: 'literal' });
  return `---\n${yaml}---\n\n${post.markdown}`;
}

function splitFrontMatter(text: string, fileName: string): { fields: Fields; markdown: string } {
  // Split on \n only: a CRLF file keeps its \r in the markdown, which stays byte-exact.
  const lines = text.split('\n');
  const fence = (lines[0] ?? '').replace(/[ \t]*\r?$/, '');
  const parse = PARSERS_BY_FENCE[fence];
  if (parse === undefined) {
    throw new ContentFormatError(
      'expected front matter: the first line must be --- (YAML) or +++ (TOML)',
      fileName,
      1,
    );
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.replace(/[ \t]*\r?$/, '') === fence);
  if (closing < 0) {
    throw new ContentFormatError(
      `the front matter opened with ${fence} is never closed; expected a line with just ${fence}`,
      fileName,
      1,
    );
  }
  // Each line keeps its line end: a `|+` block scalar counts the final one as content.
  const source = lines
    .slice(1, closing)
    .map((line) => `${line.replace(/\r$/, '')}\n`)
    .join('');
  const parsed = parse(source, fileName, 2) ?? {};
  if (!isFields(parsed)) {
    throw new ContentFormatError('the front matter must be a mapping of keys such as title and date', fileName, 2);
  }
  const body = lines.slice(closing + 1).join('\n');
  return { fields: parsed, markdown: body.replace(/^\r?\n/, '') };
}

function parseYamlFields(source: string, fileName: string, firstLine: number): unknown {
  try {
    return parseYaml(source, { prettyErrors: false });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const line = firstLine + source.slice(0, error.pos[0]).split('\n').length - 1;
    throw new ContentFormatError(`invalid YAML front matter: ${error.message}`, fileName, line, { cause: error });
  }
}

function parseTomlFields(source: string, fileName: string, firstLine: number): unknown {
  try {
    return parseToml(source);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml appends a code excerpt after the first line of its message.
    const reason = error.message.split('\n')[0];
    throw new ContentFormatError(`invalid TOML front matter: ${reason}`, fileName, firstLine + error.line - 1, {
      cause: error,
    });
  }
}

/** Reads and checks the known keys; unknown keys (layout, author, …) are ignored. */
class FieldReader {
  constructor(
    private readonly fields: Fields,
    private readonly fileName: string,
  ) {}

  title(): string {
    const title = this.textOrNumber('title');
    if (title === null || title.trim() === '') {
      throw this.error('the front matter has no title; add a line such as `title: My post`');
    }
    return title;
  }

  slug(): string | null {
    const slug = this.textOrNumber('slug');
    if (slug !== null && slug.trim() === '') {
      throw this.error('slug is empty; remove it to use the file name, or give a slug');
    }
    return slug;
  }

  text(key: string): string | null {
    const value = this.fields[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw this.error(`${key} must be text, found ${describe(value)}`);
    return value;
  }

  /** Text, or a number YAML or TOML read from text left unquoted (`title: 2024`), as written. */
  textOrNumber(key: string): string | null {
    const value = this.fields[key];
    return typeof value === 'number' && Number.isFinite(value) ? String(value) : this.text(key);
  }

  boolean(key: string): boolean | null {
    const value = this.fields[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'boolean') throw this.error(`${key} must be true or false, found ${describe(value)}`);
    return value;
  }

  date(key: string): Date | null {
    const value = this.fields[key];
    if (value === undefined || value === null) return null;
    if (value instanceof TomlDate && value.isTime()) {
      throw this.error(`${key} is a time of day without a date; ${EXPECTED_DATE}`);
    }
    // TOML local dates and date-times arrive as UTC already, matching the rule for strings.
    if (value instanceof Date) return new Date(value.getTime());
    if (typeof value !== 'string') throw this.error(`${key} must be a date, found ${describe(value)}`);
    const date = parseDateString(value);
    if (date === null) throw this.error(`unknown date ${JSON.stringify(value)} in ${key}; ${EXPECTED_DATE}`);
    return date;
  }

  /** A list of non-empty strings, or one string standing for a list of one. */
  textList(key: string): string[] {
    const value = this.fields[key];
    if (value === undefined || value === null) return [];
    const items: unknown[] = Array.isArray(value) ? value : [value];
    return items.map((item, index) => {
      if (typeof item !== 'string' || item.trim() === '') {
        throw this.error(`${key} must be text or a list of non-empty strings; item ${index + 1} is ${describe(item)}`);
      }
      return item.trim();
    });
  }

  /** An image path given as text, or as a mapping with the path under pathKey and an optional alt. */
  imageField(key: string, pathKey: string): { path: string; alt: string | null } | null {
    const value = this.fields[key];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'string') return { path: value.trim(), alt: null };
    if (!isFields(value)) throw this.error(`${key} must be an image path or a mapping with ${pathKey}, found ${describe(value)}`);
    const { [pathKey]: path, alt } = value;
    for (const [name, text] of [[pathKey, path], ['alt', alt]] as const) {
      if (text !== undefined && text !== null && typeof text !== 'string') {
        throw this.error(`${key}.${name} must be text, found ${describe(text)}`);
      }
    }
    if (typeof path !== 'string' || path.trim() === '') return null;
    return { path: path.trim(), alt: typeof alt === 'string' ? alt : null };
  }

  /** A list of strings, or Jekyll's space-separated string. */
  tagList(key: string): string[] {
    const value = this.fields[key];
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return value.split(/\s+/).filter((tag) => tag !== '');
    if (!Array.isArray(value)) {
      throw this.error(`${key} must be a list of strings, found ${describe(value)}`);
    }
    return value.map((tag: unknown, index) => {
      if (typeof tag !== 'string' || tag.trim() === '') {
        throw this.error(`${key} must be a list of non-empty strings; item ${index + 1} is ${describe(tag)}`);
      }
      return tag.trim();
    });
  }

  private error(message: string): ContentFormatError {
    return new ContentFormatError(message, this.fileName);
  }
}

/**
 * A date without a time is that day at 00:00Z, and a date-time without an offset is read as
 * UTC (Hugo's default time zone), so the same file always gives the same instant.
 */
function parseDateString(text: string): Date | null {
  const match = DATE_STRING.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset = 'Z'] = match;
  const millisecond = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const local = utcDate(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second));
  if (local === null) return null;
  return new Date(local.getTime() + millisecond - offsetMinutes(offset) * 60_000);
}

/** The instant, or null when the parts are not a real calendar date and clock time. */
function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return valid ? date : null;
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return offset.startsWith('-') ? -minutes : minutes;
}

/**
 * Jekyll: `_posts/2024-05-12-my-post.md` gives slug `my-post` and the date.
 * Hugo: `my-post.md`, or the page bundle `my-post/index.md`, gives `my-post`.
 */
function slugAndDateFromFileName(fileName: string): { slug: string | null; date: Date | null } {
  const parts = fileName.split(/[\\/]/);
  let stem = (parts.at(-1) ?? '').replace(/\.[^.]*$/, '');
  if (stem === 'index' || stem === '_index') stem = parts.at(-2) ?? '';

  let date: Date | null = null;
  const jekyll = JEKYLL_FILE_NAME.exec(stem);
  if (jekyll) {
    const [, year, month, day, rest = ''] = jekyll;
    date = utcDate(Number(year), Number(month), Number(day));
    if (date !== null) stem = rest;
  }
  const slug = stem.toLowerCase();
  return { slug: SLUG.test(slug) ? slug : null, date };
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}
