import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 80;

const HAN = /\p{Script=Han}/u;

/**
 * A URL-safe slug for a title or tag name: ASCII lowercase words joined by hyphens. Chinese is
 * transliterated to toneless pinyin, one syllable per character ("闭包" → "bi-bao"), accents are
 * dropped ("Café" → "cafe"). Text with nothing left to spell (only emoji, say) gets a short id
 * derived from the text, so the same title always gives the same slug.
 */
export function slugify(text: string): string {
  const spelled = HAN.test(text)
    ? pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join(' ')
    : text;
  const words = spelled
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const slug = truncateAtWord(words, MAX_SLUG_LENGTH);
  return slug || `post-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

function truncateAtWord(words: string[], maxLength: number): string {
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) return slug || word.slice(0, maxLength);
    slug = next;
  }
  return slug;
}

export function isSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(value);
}
