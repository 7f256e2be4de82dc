import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rerenderOutdatedPosts } from '../../src/editing/rerender.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
});

afterAll(() => app?.stop());

describe('re-rendering posts stored by an older renderer', () => {
  it('gives them prefixed heading ids that their anchors and in-page links name', async () => {
    const { id } = await givenPost(app.db, { slug: 'old-forms', markdown: '# Forms\n\nSee [forms](#forms).' });
    // What the first renderer stored: bare ids, which shadow names such as document.forms.
    await app.db.prisma.$executeRaw`
      UPDATE posts SET render_version = 1, html = '<h1 id="forms">Forms</h1><p>See <a href="#forms">forms</a>.</p>',
        headings = '[{"level":1,"text":"Forms","anchor":"forms"}]'::jsonb
      WHERE id = ${id}`;
    const { updatedAt } = await app.db.prisma.post.findUniqueOrThrow({ where: { id: id! } });

    expect(await rerenderOutdatedPosts(app.db)).toBe(1);

    const { post } = await app.data(`{ post(slug: "old-forms") { html headings { anchor } updatedAt } }`);
    expect(post.headings).toEqual([{ anchor: 'user-content-forms' }]);
    expect(post.html).toContain('<h1 id="user-content-forms">Forms</h1>');
    expect(post.html).toContain('<a href="#user-content-forms">forms</a>');
    expect(post.updatedAt).toBe(updatedAt.toISOString());
    expect(await rerenderOutdatedPosts(app.db)).toBe(0);
  });
});
