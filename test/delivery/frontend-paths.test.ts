import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { frontendPath } from '../../src/delivery/frontend-paths.js';

describe('frontend paths', () => {
  const patterns = readConfig({ POST_URL_PATTERN: '/{slug}/', TAG_URL_PATTERN: '/tags/{slug}' }).urlPatterns;

  it('put the slug where the pattern says', () => {
    expect(frontendPath(patterns, 'post', 'rust-iterators')).toBe('/rust-iterators/');
    expect(frontendPath(patterns, 'tag', 'git')).toBe('/tags/git');
    expect(frontendPath(patterns, 'author', 'folio')).toBe('/authors/folio');
  });

  it('percent-encode what a path cannot hold as it is', () => {
    expect(frontendPath(patterns, 'tag', '容器 编排')).toBe('/tags/%E5%AE%B9%E5%99%A8%20%E7%BC%96%E6%8E%92');
  });
});
