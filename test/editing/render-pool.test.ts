import { afterAll, describe, expect, it } from 'vitest';
import { derivePostContent } from '../../src/content/derive.js';
import { ContentError } from '../../src/editing/errors.js';
import { RenderPool, renderOffThread } from '../../src/editing/render-pool.js';

// Posts render on worker threads; what comes back must be what rendering in place gives, and a
// thread that runs out of memory must fail its post with a clear error, not the process.
describe('rendering off the main thread', () => {
  const starved = new RenderPool({ threadHeapMb: 24 });
  afterAll(() => starved.close());

  it('derives exactly what rendering in place derives', async () => {
    const source = { title: '理解闭包', markdown: '# 闭包\n\nA closure captures its **environment**.\n\n```rust\nlet f = |x| x + 1;\n```', summary: null };
    expect(await renderOffThread(source)).toEqual(derivePostContent(source));
  });

  it('renders posts side by side without mixing them up', async () => {
    const sources = Array.from({ length: 6 }, (_, n) => ({ title: `Post ${n}`, markdown: `## Part ${n}\n\n${'word '.repeat(n + 1)}`, summary: null }));
    const derived = await Promise.all(sources.map((source) => renderOffThread(source)));
    expect(derived.map((post) => post.wordCount)).toEqual([1, 2, 3, 4, 5, 6].map((n) => n + 2));
    expect(derived.map((post) => post.headings[0]?.text)).toEqual(sources.map((_, n) => `Part ${n}`));
  });

  it('fails a post that needs more memory than a thread has with BAD_USER_INPUT on markdown', async () => {
    const markdown = '- item with **bold** and [a link](https://example.com)\n'.repeat(20_000);
    const failure = await starved.derive({ title: 'Huge', markdown, summary: null }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContentError);
    expect(failure).toMatchObject({ code: 'BAD_USER_INPUT', field: 'markdown', message: expect.stringMatching(/too much memory/) });
  });

  it('keeps rendering after a thread ran out of memory', async () => {
    const derived = await starved.derive({ title: 'Small', markdown: 'Still *fine*.', summary: null });
    expect(derived.html).toContain('<em>fine</em>');
  });
});
