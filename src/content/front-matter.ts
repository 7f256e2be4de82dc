import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from 'yaml';
import { ContentFormatError } from './format-error.js';

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
  markdown: string;
}

/** What formatPostFile writes: a post whose slug is settled. */
export type PostFileContent = Omit<PostFile, 'slug'> & { slug: string };

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

export function parsePostFile(text: string, fileName: string): PostFile {
  const { fields, markdown } = splitFrontMatter(text.replace(/^\uFEFF/, ''), fileName);
  const read = new FieldReader(fields, fileName);
  const fromName = slugAndDateFromFileName(fileName);
  return {
    title: read.title(),
    slug: read.slug() ?? fromName.slug,
    // Hugo: publishDate is when the post goes public; date may be when it was written.
    date: read.date('publishDate') ?? read.date('date') ?? fromName.date,
    updated: read.date('lastmod') ?? read.date('updated') ?? read.date('last_modified_at'),
    // Folio has one taxonomy, so categories become tags rather than being dropped.
    tags: [...new Set([...read.tagList('tags'), ...read.tagList('categories')])],
    // Jekyll marks drafts with `published: false`, Hugo with `draft: true`.
    draft: read.boolean('draft') === true || read.boolean('published') === false,
    summary: read.text('summary') ?? read.text('description'),
    markdown,
  };
}

/**
 * Deterministic YAML front matter (title, slug, date, lastmod, tags, draft, summary), a blank line,
 * then the markdown exactly. Multi-line text becomes a literal block so it round-trips.
 */
export function formatPostFile(post: PostFileContent): string {
  const fields: Fields = { title: post.title, slug: post.slug };
  if (post.date !== null) fields.date = post.date.toISOString();
  if (post.updated !== null) fields.lastmod = post.updated.toISOString();
  fields.tags = post.tags;
  if (post.draft) fields.draft = true;
  if (post.summary !== null) fields.summary = post.summary;
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
    const title = this.text('title');
    if (title === null || title.trim() === '') {
      throw this.error('the front matter has no title; add a line such as `title: My post`');
    }
    return title;
  }

  slug(): string | null {
    const slug = this.text('slug');
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
