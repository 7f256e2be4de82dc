import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

let app: TestApp;

const HOSTILE = `# 标题 Title

<script>alert(1)</script>
<img src="x" onerror="alert(2)">

[click](javascript:alert(3)) and [ok](https://example.com)

<a href="JaVaScRiPt:alert(4)">x</a>
<iframe src="https://evil.example"></iframe>

## 什么是 FQDN

\`\`\`bash
kubectl get pods
\`\`\`

## 什么是 FQDN
`;

beforeAll(async () => {
  app = await TestApp.start();
  const day = (d: number) => new Date(Date.UTC(2024, 0, d));
  await givenPost(app.db, { slug: 'hostile', title: 'Hostile', markdown: HOSTILE, publishedAt: day(1), tags: ['k8s', 'dns', 'net'] });
  await givenPost(app.db, { slug: 'chinese', title: '中文', markdown: '中'.repeat(1000) + ' and ' + 'word '.repeat(229), publishedAt: day(2), tags: ['k8s', 'dns'] });
  await givenPost(app.db, { slug: 'long', title: 'Long', markdown: 'Lorem ipsum dolor sit amet. '.repeat(20), publishedAt: day(3), tags: ['k8s'] });
  await givenPost(app.db, { slug: 'summary', title: 'Summary', markdown: 'Body text.', summary: 'The author’s own summary.', publishedAt: day(4), tags: ['net', 'dns', 'k8s'] });
  await givenPost(app.db, { slug: 'lonely', title: 'Lonely', markdown: 'No tags.', publishedAt: day(5) });
});

afterAll(() => app?.stop());

async function post(slug: string, fields: string) {
  return (await app.data(`query($slug: String!) { post(slug: $slug) { ${fields} } }`, { slug })).post;
}

describe('Post fields', () => {
  it('serves sanitized html with heading anchors that headings name', async () => {
    const { html, headings } = await post('hostile', 'html headings { level text anchor }');
    expect(html).not.toMatch(/<script|<iframe/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain('<a href="https://example.com" rel="nofollow noopener noreferrer" target="_blank">ok</a>');
    expect(html).toContain('<code class="language-bash">');
    expect(headings).toEqual([
      { level: 1, text: '标题 Title', anchor: 'user-content-标题-title' },
      { level: 2, text: '什么是 FQDN', anchor: 'user-content-什么是-fqdn' },
      { level: 2, text: '什么是 FQDN', anchor: 'user-content-什么是-fqdn-1' },
    ]);
    for (const { anchor } of headings) expect(html).toContain(`id="${anchor}"`);
  });

  it('keeps the markdown source as written', async () => {
    expect((await post('hostile', 'markdown')).markdown).toBe(HOSTILE);
  });

  it('counts CJK characters as words and reads them at 500 a minute', async () => {
    // 1000 CJK characters and 230 other words: 1000/500 + 230/230 = 3 minutes.
    expect(await post('chinese', 'wordCount readingMinutes')).toEqual({ wordCount: 1230, readingMinutes: 3 });
  });

  it('derives an excerpt of at most 200 characters, cut with …, unless the author wrote one', async () => {
    const { excerpt } = await post('long', 'excerpt');
    expect([...excerpt].length).toBeLessThanOrEqual(200);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt.startsWith('Lorem ipsum dolor sit amet.')).toBe(true);
    expect((await post('summary', 'excerpt')).excerpt).toBe('The author’s own summary.');
  });

  it('links to the neighbours in publication order', async () => {
    expect(await post('long', 'previous { slug } next { slug }')).toEqual({ previous: { slug: 'chinese' }, next: { slug: 'summary' } });
    expect(await post('hostile', 'previous { slug }')).toEqual({ previous: null });
    expect(await post('lonely', 'next { slug }')).toEqual({ next: null });
  });

  it('relates posts by shared tags, then newest, never itself', async () => {
    const { related } = await post('hostile', 'related { slug }');
    expect(related.map((p: { slug: string }) => p.slug)).toEqual(['summary', 'chinese', 'long']);
    expect((await post('hostile', 'related(first: 1) { slug }')).related).toEqual([{ slug: 'summary' }]);
    expect((await post('lonely', 'related { slug }')).related).toEqual([]);
  });

  it('lists tags by name and resolves a post again by its global id', async () => {
    const { id, tags } = await post('summary', 'id tags { slug }');
    expect(tags.map((t: { slug: string }) => t.slug)).toEqual(['dns', 'k8s', 'net']);
    const { node } = await app.data(`query($id: ID!) { node(id: $id) { ... on Post { slug } } }`, { id });
    expect(node).toEqual({ slug: 'summary' });
  });
});
