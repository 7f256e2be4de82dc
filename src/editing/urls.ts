import { invalid } from './errors.js';

/** An absolute http(s) URL, as written; BAD_USER_INPUT naming `field` otherwise. */
export function checkAbsoluteUrl(url: string, field: string): string {
  const trimmed = url.trim();
  let parsed: URL | null = null;
  try {
    parsed = new URL(trimmed);
  } catch {
    // not a URL at all; refused below
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || trimmed.length > 2000) {
    throw invalid(field, `${field} must be an absolute http(s) URL of at most 2000 characters, like "https://example.com/about" (got "${trimmed.slice(0, 100)}")`);
  }
  return trimmed;
}
