import { describe, expect, it } from 'vitest';
import { derivePostContent, RENDER_VERSION } from '../../src/content/derive.js';
import { renderMarkdown } from '../../src/content/markdown.js';

const markdown = [
  '# Closures in Rust',
  '',
  'A closure *captures* its environment &amp; more.',
  '',
  '```rust',
  'let add = |a, b| a + b;',
  '```',
].join('\n');

describe('derivePostContent', () => {
  it('renders the markdown', () => {
    const derived = derivePostContent({ title: 'Closures', markdown, summary: null });
    expect(derived).toMatchObject(renderMarkdown(markdown));
    expect(derived.renderVersion).toBe(RENDER_VERSION);
  });

  it('derives the excerpt from the prose when there is no summary', () => {
    const derived = derivePostContent({ title: 'Closures', markdown, summary: '   ' });
    expect(derived.excerpt).toBe('Closures in Rust A closure captures its environment & more.');
  });

  it('uses the trimmed summary as the excerpt', () => {
    const derived = derivePostContent({ title: 'Closures', markdown, summary: '  All about closures.  ' });
    expect(derived.excerpt).toBe('All about closures.');
  });

  it('cuts a long summary to 200 characters on one line, as it cuts a derived excerpt', () => {
    const summary = `${'闭包捕获环境。'.repeat(20)}\nA second line, with words that run on and on.\n${'More words here. '.repeat(10)}`;
    const derived = derivePostContent({ title: 'Closures', markdown, summary });
    expect([...derived.excerpt].length).toBeLessThanOrEqual(200);
    expect(derived.excerpt).not.toMatch(/\n/);
    expect(derived.excerpt).toMatch(/^闭包捕获环境。闭包.*A second line, with words.*…$/);
  });

  it('counts words in the prose only, not in code blocks', () => {
    const derived = derivePostContent({ title: 'Closures', markdown: '理解闭包 in Rust\n\n```\nnot counted\n```', summary: null });
    expect(derived.wordCount).toBe(6);
    expect(derived.readingMinutes).toBe(1);
  });

  it('indexes the title, the body with its code, and the summary', () => {
    const { searchDocument } = derivePostContent({ title: 'Closures', markdown, summary: 'Summary words' });
    expect(searchDocument).toBe(
      "'closures':1A,2 'in':3 'rust':4 'a':5,13,15 'closure':6 'captures':7 'its':8 'environment':9 'more':10 " +
        "'let':11 'add':12 'b':14,16 'summary':17 'words':18",
    );
  });
});
