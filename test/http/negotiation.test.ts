import { describe, expect, it } from 'vitest';
import { negotiatedCoding, negotiatedMediaType } from '../../src/http/negotiation.js';
import { surrogateKeyHeaders } from '../../src/http/surrogate-keys.js';

describe('the media type of an answer', () => {
  it.each([
    [undefined, 'application/json'],
    ['*/*', 'application/json'],
    ['application/json', 'application/json'],
    ['application/graphql-response+json', 'application/graphql-response+json'],
    ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json'],
    ['text/html,application/xhtml+xml,*/*;q=0.8', 'application/json'],
    ['multipart/mixed', 'multipart/mixed'],
    ['application/json; charset=latin1', null],
    ['text/html', null],
  ])('for Accept %s is %s', (accept, mediaType) => {
    expect(negotiatedMediaType(accept)).toBe(mediaType);
  });
});

describe('the coding of an answer', () => {
  it.each([
    [undefined, null],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['*', 'br'],
    ['identity', null],
    ['gzip;q=0.2, *;q=0.1', 'gzip'],
  ])('for Accept-Encoding %s is %s', (acceptEncoding, coding) => {
    expect(negotiatedCoding(acceptEncoding)).toBe(coding);
  });
});

describe('Surrogate-Key', () => {
  it('names every key while they fit, and the kinds of list in their place past that', () => {
    expect(surrogateKeyHeaders(['posts', 'post-1', 'tag-2'])).toEqual([
      ['surrogate-key', 'posts post-1 tag-2'],
      ['cache-tag', 'posts,post-1,tag-2'],
    ]);
    const many = Array.from({ length: 2000 }, (_, n) => `post-${n + 1}`);
    expect(surrogateKeyHeaders([...many, 'tag-1', 'image-3'])).toEqual([
      ['surrogate-key', 'posts tags image-3'],
      ['cache-tag', 'posts,tags,image-3'],
    ]);
    expect(surrogateKeyHeaders([])).toEqual([]);
  });
});
