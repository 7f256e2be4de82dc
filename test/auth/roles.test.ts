import { describe, expect, it } from 'vitest';
import { authorProfileRefusal, authorsRefusal, postRefusal } from '../../src/auth/roles.js';

// The rules alone; test/schema/roles.test.ts tries them through every mutation.
const mine = { authorIds: [7, 8], published: false, kind: 'POST' as const };
const minePublished = { authorIds: [8, 7], published: true, kind: 'POST' as const };
const theirs = { authorIds: [9], published: false, kind: 'POST' as const };

describe('postRefusal', () => {
  it('lets a co-author act on a post wherever they stand in the byline', () => {
    expect(postRefusal({ role: 'AUTHOR', authorId: 7 }, 'publish', minePublished)).toBeNull();
    expect(postRefusal({ role: 'CONTRIBUTOR', authorId: 8 }, 'edit', mine)).toBeNull();
  });

  it('gives a token without an author no posts of its own', () => {
    expect(postRefusal({ role: 'AUTHOR', authorId: null }, 'edit', { authorIds: [], published: false, kind: 'POST' as const })).toMatch(/EDITOR role; this token is an AUTHOR/);
  });

  it('names the role that could, whatever else is wrong', () => {
    expect(postRefusal({ role: 'CONTRIBUTOR', authorId: 1 }, 'publish', theirs)).toMatch(/AUTHOR role/);
    expect(postRefusal({ role: 'AUTHOR', authorId: 1 }, 'delete', theirs)).toMatch(/EDITOR role/);
    expect(postRefusal({ role: 'EDITOR', authorId: null }, 'delete', theirs)).toBeNull();
  });
});

describe('authorsRefusal and authorProfileRefusal', () => {
  it('keep a writer below EDITOR on their posts and on their own profile', () => {
    const writer = { role: 'AUTHOR' as const, authorId: 7, authorSlug: 'ada' };
    expect(authorsRefusal(writer, ['grace', 'ada'])).toBeNull();
    expect(authorsRefusal(writer, ['grace'])).toMatch(/must include your own author \("ada"\)/);
    expect(authorsRefusal({ ...writer, role: 'EDITOR' }, [])).toBeNull();
    expect(authorProfileRefusal(writer, 7)).toBeNull();
    expect(authorProfileRefusal(writer, null)).toMatch(/EDITOR role/);
  });
});
