import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/client.js';
import { Prisma } from '../../src/db/generated/prisma/client.js';
import { postBody, postRow, tagRow, tagsJson } from '../../src/db/queries/rows.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { givenPost } from '../support/posts.js';

// A row that hand-written SQL loads must be the row Prisma loads with the shape's select: the
// same fields, the same values, the same types. A column mapped to the wrong field, or read
// as another type, shows up here rather than as a wrong value on every list.
describe('the row shapes', () => {
  let database: TestDatabase;
  let db: Database;
  let postId: number;
  let tagId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database(database.url);
    // Every field distinct, so that a column read for another shows.
    const post = await givenPost(db, {
      slug: 'shaped',
      title: 'Shaped',
      summary: `A summary of its own, longer than an excerpt. ${'And on. '.repeat(30)}`,
      markdown: '# Heading\n\nSome words, enough of them to count.',
      publishedAt: new Date('2024-03-04T05:06:07.089Z'),
      tags: ['shape'],
    });
    postId = post.id!;
    await db.prisma.tag.update({ where: { slug: 'shape' }, data: { name: 'Shape', description: 'About shapes.' } });
    tagId = (await db.prisma.tag.findUniqueOrThrow({ where: { slug: 'shape' } })).id;
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it.each([
    ['post', postRow],
    ['post body', postBody],
  ])('loads a %s through SQL as Prisma loads it', async (_name, shape) => {
    const [row] = await db.rows(Prisma.sql`SELECT ${shape.columns('p')} FROM posts p WHERE p.id = ${postId}`);
    const expected = await db.prisma.post.findUniqueOrThrow({ where: { id: postId }, select: shape.select });
    expect(Object.keys(row as object).sort()).toEqual(Object.keys(expected).sort());
    expect(row).toEqual(expected);
  });

  it('loads a tag through SQL, alone and as JSON, as Prisma loads it', async () => {
    const expected = await db.prisma.tag.findUniqueOrThrow({ where: { id: tagId }, select: tagRow.select });
    const [row] = await db.rows(Prisma.sql`SELECT ${tagRow.columns('t')} FROM tags t WHERE t.id = ${tagId}`);
    const [withTags] = await db.rows<{ tags: unknown }>(Prisma.sql`SELECT ${tagsJson('p')} AS tags FROM posts p WHERE p.id = ${postId}`);
    expect(row).toEqual(expected);
    expect(withTags?.tags).toEqual([expected]);
  });

});
