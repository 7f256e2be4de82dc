import { decodeHTMLStrict } from 'entities';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/content/markdown.js';
import { HOSTILE_MARKDOWN } from './fixtures/hostile-markdown.js';

// The hosts whose players may be framed; nothing else may appear in an iframe.
const EMBED_HOSTS = new Set(['www.youtube-nocookie.com', 'player.vimeo.com', 'codepen.io', 'player.bilibili.com']);
const FORBIDDEN_TAGS = ['script', 'style', 'object', 'embed', 'form', 'button', 'meta', 'base', 'link', 'math', 'foreignobject', 'use', 'noscript'];

/** The same assertions for every output: no script, no handlers, no script URLs, only allow-listed frames. */
function expectSafe(html: string): void {
  for (const [, tag] of html.matchAll(/<\/?([a-z][a-z0-9-]*)/gi)) {
    expect(FORBIDDEN_TAGS, `<${tag}> in ${html}`).not.toContain(tag!.toLowerCase());
  }
  // Attribute names only: the sanitizer quotes every value, and text inside a value is inert.
  const tags = (html.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""'));
  for (const tag of tags) {
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/\s(?:srcdoc|formaction|xlink:href)\s*=/i);
  }
  for (const [, url] of html.matchAll(/\s(?:href|src|srcset)="([^"]*)"/gi)) {
    const decoded = decodeHTMLStrict(url!).replace(/[\x00-\x20]/g, '');
    expect(decoded).not.toMatch(/(?:^|,)(?:javascript|vbscript|data|file):/i);
  }
  for (const [, src] of html.matchAll(/<iframe[^>]*\ssrc="([^"]*)"/gi)) {
    expect(EMBED_HOSTS).toContain(new URL(decodeHTMLStrict(src!)).hostname);
  }
  expect(html.match(/<iframe/gi)?.length ?? 0).toBe(html.match(/<iframe[^>]*\ssandbox="allow-scripts allow-same-origin allow-popups allow-presentation"/gi)?.length ?? 0);
  for (const [, style] of html.matchAll(/\sstyle="([^"]*)"/gi)) {
    expect(style).not.toMatch(/url\(|expression\(|position\s*:|@import/i);
  }
  for (const [, target] of html.matchAll(/<a[^>]*\starget="([^"]*)"/gi)) expect(target).toBe('_blank');
  for (const tag of html.match(/<a[^>]*target="_blank"[^>]*>/gi) ?? []) expect(tag).toMatch(/rel="[^"]*noopener noreferrer/);
}

describe('rendering a corpus of hostile Markdown', () => {
  it.each(HOSTILE_MARKDOWN)('leaves nothing active from %s', (_name, markdown) => {
    expectSafe(renderMarkdown(markdown).html);
  });

  it('leaves nothing active from the whole corpus as one document', () => {
    expectSafe(renderMarkdown(HOSTILE_MARKDOWN.map(([, markdown]) => markdown).join('\n\n')).html);
  });

  it('keeps the embeds the corpus allows, so the iframe checks above have something to check', () => {
    const html = renderMarkdown('https://youtu.be/dQw4w9WgXcQ\n\n<iframe src="https://player.vimeo.com/video/1" onload="alert(1)"></iframe>').html;
    expect(html.match(/<iframe/g)).toHaveLength(2);
    expectSafe(html);
  });
});
