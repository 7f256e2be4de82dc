import { isSlug, MAX_SLUG_LENGTH } from '../content/slug.js';
import { invalid } from './errors.js';
import { LIMITS } from './limits.js';

// Checks on what an author writes. Each throws BAD_USER_INPUT naming the field at fault.

export function checkTitle(title: string, field = 'title'): string {
  const trimmed = title.trim();
  if (!trimmed) throw invalid(field, `${field} must not be empty`);
  if ([...trimmed].length > LIMITS.titleLength) {
    throw invalid(field, `${field} must be at most ${LIMITS.titleLength} characters (got ${[...trimmed].length})`);
  }
  return trimmed;
}

export function checkMarkdown(markdown: string, field = 'markdown'): string {
  const bytes = Buffer.byteLength(markdown, 'utf8');
  if (bytes > LIMITS.markdownBytes) {
    throw invalid(field, `${field} must be at most 1 MB (${LIMITS.markdownBytes} bytes of UTF-8; got ${bytes})`);
  }
  return markdown;
}

export function checkSummary(summary: string | null, field = 'excerpt'): string | null {
  const trimmed = summary?.trim();
  if (!trimmed) return null;
  if ([...trimmed].length > LIMITS.summaryLength) {
    throw invalid(field, `${field} must be at most ${LIMITS.summaryLength} characters (got ${[...trimmed].length})`);
  }
  return trimmed;
}

export function checkSlug(slug: string, field = 'slug'): string {
  if (!isSlug(slug)) {
    throw invalid(
      field,
      `${field} "${slug.slice(0, 100)}" must be lowercase letters, digits and single hyphens (like "my-first-post"), at most ${MAX_SLUG_LENGTH} characters`,
    );
  }
  return slug;
}

export function checkTagSlugs(slugs: readonly string[], field = 'tags'): string[] {
  const unique = [...new Set(slugs)];
  if (unique.length > LIMITS.tagsPerPost) {
    throw invalid(field, `${field} may hold at most ${LIMITS.tagsPerPost} tags (got ${unique.length})`);
  }
  for (const slug of unique) checkSlug(slug, field);
  return unique;
}

export function checkTagName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid(field, `${field} must not be empty`);
  if ([...trimmed].length > LIMITS.tagNameLength) {
    throw invalid(field, `${field} must be at most ${LIMITS.tagNameLength} characters`);
  }
  return trimmed;
}

export function checkTagDescription(description: string | null, field = 'description'): string | null {
  const trimmed = description?.trim();
  if (!trimmed) return null;
  if ([...trimmed].length > LIMITS.tagDescriptionLength) {
    throw invalid(field, `${field} must be at most ${LIMITS.tagDescriptionLength} characters`);
  }
  return trimmed;
}
