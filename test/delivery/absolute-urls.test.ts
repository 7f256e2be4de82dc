import { describe, expect, it } from 'vitest';
import { withAbsoluteUrls } from '../../src/delivery/feeds/absolute-urls.js';

const bases = { pageUrl: 'https://blog.example/posts/hello', mediaBaseUrl: 'https://cdn.example' };

describe('withAbsoluteUrls', () => {
  it('puts media under the media base and resolves other relative addresses against the page', () => {
    const html =
      '<p><a href="/posts/old">old</a> <a href="#user-content-fn-1">1</a> <a href="next">next</a></p>' +
      '<img src="/media/abc/original.png" srcset="/media/abc/320.webp 320w, /media/abc/640.webp 640w" alt="a &amp; b" />';
    expect(withAbsoluteUrls(html, bases)).toBe(
      '<p><a href="https://blog.example/posts/old">old</a> <a href="https://blog.example/posts/hello#user-content-fn-1">1</a> ' +
        '<a href="https://blog.example/posts/next">next</a></p>' +
        '<img src="https://cdn.example/media/abc/original.png" ' +
        'srcset="https://cdn.example/media/abc/320.webp 320w, https://cdn.example/media/abc/640.webp 640w" alt="a &amp; b" />',
    );
  });

  it('leaves absolute addresses, other schemes and the markup around them as they were', () => {
    const html =
      '<p>a &lt; b &amp; c</p><a href="https://other.example" rel="nofollow">x</a><a href="mailto:me@blog.example">m</a>' +
      '<iframe src="https://www.youtube-nocookie.com/embed/x" sandbox="allow-scripts allow-same-origin"></iframe>' +
      '<span class="katex" style="height:1em">k</span>';
    expect(withAbsoluteUrls(html, bases)).toBe(html);
  });
});
