import { describe, expect, it } from 'vitest';
import { isSlug, MAX_SLUG_LENGTH, slugify } from '../../src/content/slug.js';

describe('slugify', () => {
  it.each([
    ['Hello, World!', 'hello-world'],
    ['Café déjà vu', 'cafe-deja-vu'],
    ['Rust中与闭包相关的三个trait', 'rust-zhong-yu-bi-bao-xiang-guan-de-san-ge-trait'],
    ['重庆的银行', 'chong-qing-de-yin-hang'],
    ['  --Kubernetes__DNS--  ', 'kubernetes-dns'],
    ['ＦＵＬＬ　ｗｉｄｔｈ', 'full-width'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('gives text with nothing to spell a stable short id', () => {
    expect(slugify('🎉🎉')).toMatch(/^post-[0-9a-f]{8}$/);
    expect(slugify('🎉🎉')).toBe(slugify('🎉🎉'));
    expect(slugify('🎉')).not.toBe(slugify('🎉🎉'));
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug.endsWith('-')).toBe(false);
    expect(isSlug(slug)).toBe(true);
  });

  it('always returns a valid slug', () => {
    for (const title of ['', '!!!', '闭包', 'a', 'x'.repeat(500), 'ÅÄÖ', '日本語のテキスト']) {
      expect(isSlug(slugify(title)), title).toBe(true);
    }
  });
});
