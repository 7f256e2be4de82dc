import { LIST_KEYS } from '../delivery/cache-keys.js';

// CDNs take a few kilobytes of keys per answer (Fastly 16 KB, Cloudflare 16 KB in all); a page of
// a hundred posts with their tags and authors stays well below this.
const MAX_KEYS_LENGTH = 8 * 1024;

// A change to a row purges its kind's list too, so the list key stands for all rows of its kind.
const LIST_KEY_OF_KIND: Record<string, string> = { post: LIST_KEYS.posts, page: LIST_KEYS.pages, tag: LIST_KEYS.tags, author: LIST_KEYS.authors };

// A kept answer is sent many times with the same keys: its headers are written once.
const headersOfKeys = new WeakMap<readonly string[], [string, string][]>();

/** Surrogate-Key (space-separated, Fastly) and Cache-Tag (comma-separated, Cloudflare) for an answer's keys. */
export function surrogateKeyHeaders(keys: readonly string[]): [string, string][] {
  let headers = headersOfKeys.get(keys);
  if (!headers) {
    headers = headersFor(keys);
    headersOfKeys.set(keys, headers);
  }
  return headers;
}

function headersFor(keys: readonly string[]): [string, string][] {
  if (keys.length === 0) return [];
  const sent = keys.join(' ').length <= MAX_KEYS_LENGTH ? keys : [...new Set(keys.map(listKeyFor))];
  return [
    ['surrogate-key', sent.join(' ')],
    ['cache-tag', sent.join(',')],
  ];
}

function listKeyFor(key: string): string {
  const kind = /^([a-z]+)-\d+$/.exec(key)?.[1];
  return (kind && LIST_KEY_OF_KIND[kind]) ?? key;
}
