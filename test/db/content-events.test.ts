import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Prisma } from '../../src/db/generated/prisma/client.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { msUntilNextDueEvent, releaseDueEvents } from '../../src/db/queries/content-events.js';
import { createPost, deletePost, publishPost, unpublishPost, updatePost } from '../../src/editing/posts.js';
import { deleteTag, upsertTag } from '../../src/editing/tags.js';
import { TestApp } from '../support/app.js';
import { insertPosts } from '../support/posts.js';

// The outbox's triggers (migration content_event_triggers): which changes write which events,
// in the transaction of the change, and how releasing numbers them.
let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
});

afterAll(() => app?.stop());

beforeEach(async () => {
  await app.db.prisma.$executeRaw`DELETE FROM content_events`;
});

interface EventRow {
  type: string;
  subjectId: number;
  slug: string;
  previousSlug: string | null;
  tagIds: number[];
  dueAt: Date;
  seq: string | null;
}

async function events(): Promise<EventRow[]> {
  return app.db.rows<EventRow>(
    Prisma.sql`
      SELECT type, subject_id AS "subjectId", slug, previous_slug AS "previousSlug", tag_ids AS "tagIds", due_at AS "dueAt", seq::text AS seq
      FROM content_events ORDER BY id`,
  );
}

const now = () => new Date();

async function tagId(slug: string): Promise<number> {
  return (await app.db.prisma.tag.findUniqueOrThrow({ where: { slug } })).id;
}

describe('events of posts and pages', () => {
  it('records a visible post created, updated, renamed, unpublished, published and deleted, one event per change', async () => {
    const id = await createPost(app.db, { title: 'Alpha', markdown: 'one', tags: ['a', 'b'], status: 'PUBLISHED' }, now());
    const [a, b] = [await tagId('a'), await tagId('b')];
    // The tags appear to readers with their first published post.
    expect(await events()).toEqual([
      expect.objectContaining({ type: 'post.published', subjectId: id, slug: 'alpha', previousSlug: null, tagIds: [a, b] }),
      expect.objectContaining({ type: 'tag.created', slug: 'a' }),
      expect.objectContaining({ type: 'tag.created', slug: 'b' }),
    ]);

    await app.db.prisma.$executeRaw`DELETE FROM content_events`;
    // Several statements (the row, its tags, its search document, its former slug): one event.
    await updatePost(app.db, id, { slug: 'alpha-2', tags: ['b', 'c'] });
    const c = await tagId('c');
    expect((await events()).filter((event) => event.type.startsWith('post.'))).toEqual([
      expect.objectContaining({ type: 'post.updated', subjectId: id, slug: 'alpha-2', previousSlug: 'alpha', tagIds: [a, b, c] }),
    ]);

    await app.db.prisma.$executeRaw`DELETE FROM content_events`;
    await unpublishPost(app.db, id);
    await publishPost(app.db, id, null, now());
    await deletePost(app.db, id);
    expect((await events()).filter((event) => event.type.startsWith('post.'))).toEqual([
      expect.objectContaining({ type: 'post.unpublished', subjectId: id, slug: 'alpha-2' }),
      expect.objectContaining({ type: 'post.published', subjectId: id, slug: 'alpha-2' }),
      expect.objectContaining({ type: 'post.deleted', subjectId: id, slug: 'alpha-2', tagIds: [b, c] }),
    ]);
  });

  it('records nothing for drafts, which readers never see', async () => {
    const id = await createPost(app.db, { title: 'Secret', markdown: 'draft', slug: 'secret' }, now());
    await updatePost(app.db, id, { title: 'Still secret', slug: 'still-secret' });
    await deletePost(app.db, id);
    expect(await events()).toEqual([]);
  });

  it('names pages page.*', async () => {
    const id = await createPost(app.db, { title: 'About', markdown: 'me', kind: 'PAGE', status: 'PUBLISHED' }, now());
    await updatePost(app.db, id, { markdown: 'me, again' });
    expect(await events()).toEqual([
      expect.objectContaining({ type: 'page.published', subjectId: id, slug: 'about' }),
      expect.objectContaining({ type: 'page.updated', subjectId: id, slug: 'about' }),
    ]);
  });

  it('records plain SQL too, and merges what one transaction does to a post', async () => {
    const [id] = await insertPosts(app.db, [{ slug: 'plain', title: 'Plain', publishedAt: new Date('2024-01-01T00:00:00Z') }]);
    await app.db.prisma.$transaction([
      app.db.prisma.$executeRaw`UPDATE posts SET title = 'Plain 2' WHERE id = ${id}`,
      app.db.prisma.$executeRaw`UPDATE posts SET status = 'DRAFT' WHERE id = ${id}`,
      app.db.prisma.$executeRaw`UPDATE posts SET status = 'PUBLISHED', slug = 'plain-2' WHERE id = ${id}`,
    ]);
    // Created and deleted in one transaction: readers never saw it.
    await app.db.prisma.$transaction([
      app.db.prisma.$executeRaw`INSERT INTO posts (slug, title, markdown, html, headings, excerpt, word_count, reading_minutes, render_version, status, published_at, updated_at)
        VALUES ('brief', 'Brief', '.', '.', '[]', '.', 1, 1, 1, 'PUBLISHED', now(), now())`,
      app.db.prisma.$executeRaw`DELETE FROM posts WHERE slug = 'brief'`,
    ]);
    expect(await events()).toEqual([
      expect.objectContaining({ type: 'post.published', subjectId: id, slug: 'plain' }),
      expect.objectContaining({ type: 'post.updated', subjectId: id, slug: 'plain-2', previousSlug: 'plain' }),
    ]);
  });

  it('schedules a publication at its time, releases it only then, and replaces it when rescheduled', async () => {
    const id = await createPost(app.db, { title: 'Later', markdown: '.', status: 'PUBLISHED', publishedAt: new Date('2999-01-01T00:00:00Z') }, now());
    expect(await events()).toEqual([expect.objectContaining({ type: 'post.published', subjectId: id, dueAt: new Date('2999-01-01T00:00:00Z'), seq: null })]);
    expect(await releaseDueEvents(app.db)).toBe(0);

    // Rescheduled: the pending publication moves; edited while scheduled: still one, with the new slug.
    await publishPost(app.db, id, new Date('2998-01-01T00:00:00Z'), now());
    await updatePost(app.db, id, { slug: 'later-still' });
    expect(await events()).toEqual([
      expect.objectContaining({ type: 'post.published', slug: 'later-still', dueAt: new Date('2998-01-01T00:00:00Z'), seq: null }),
    ]);

    // Unpublished, and deleted: no stale publication is left to fire.
    await unpublishPost(app.db, id);
    expect(await events()).toEqual([]);
    await publishPost(app.db, id, new Date('2998-01-01T00:00:00Z'), now());
    await deletePost(app.db, id);
    expect(await events()).toEqual([]);

    // A visible post rescheduled to the future leaves readers now and comes back at its time.
    const soon = new Date(Date.now() + 1500);
    const back = await createPost(app.db, { title: 'Back', markdown: '.', status: 'PUBLISHED' }, now());
    await app.db.prisma.$executeRaw`DELETE FROM content_events`;
    await publishPost(app.db, back, soon, now());
    expect(await events()).toEqual([
      expect.objectContaining({ type: 'post.unpublished', subjectId: back }),
      expect.objectContaining({ type: 'post.published', subjectId: back, dueAt: soon, seq: null }),
    ]);
    expect(await releaseDueEvents(app.db)).toBe(1);
    expect((await events()).map((event) => event.seq === null)).toEqual([false, true]);

    await sleep(Math.max(0, soon.getTime() - Date.now()) + 50);
    expect(await releaseDueEvents(app.db)).toBe(1);
    const [unpublished, published] = await events();
    expect(BigInt(published!.seq!)).toBe(BigInt(unpublished!.seq!) + 1n);
  });
});

describe('events of tags', () => {
  it('records a tag created when readers first see it, updated while they do, and deleted; and updates the visible posts of a deleted tag', async () => {
    // Without a published post no reader sees the tag: nothing to record.
    const id = await upsertTag(app.db, { slug: 'news', name: 'News' });
    await upsertTag(app.db, { slug: 'news', name: 'Fresh news' });
    expect(await events()).toEqual([]);
    const post = await createPost(app.db, { title: 'Tagged', markdown: '.', tags: ['news'], status: 'PUBLISHED' }, now());
    await app.db.prisma.$executeRaw`UPDATE tags SET slug = 'headlines' WHERE id = ${id}`;
    await deleteTag(app.db, id);
    expect(await events()).toEqual([
      expect.objectContaining({ type: 'post.published', subjectId: post, tagIds: [id] }),
      expect.objectContaining({ type: 'tag.created', subjectId: id, slug: 'news', tagIds: [] }),
      expect.objectContaining({ type: 'tag.updated', subjectId: id, slug: 'headlines', previousSlug: 'news' }),
      expect.objectContaining({ type: 'tag.deleted', subjectId: id, slug: 'headlines' }),
      expect.objectContaining({ type: 'post.updated', subjectId: post, tagIds: [id] }),
    ]);
  });
});

describe('releasing', () => {
  it('numbers events without gaps, and a reader following seq never skips one, however many writers and releasers race', async () => {
    const [id] = await insertPosts(app.db, [{ slug: 'raced', title: 'Raced', publishedAt: new Date('2024-01-01T00:00:00Z') }]);
    const seen: bigint[] = [];
    let last = 0n;
    let writing = true;
    const reader = (async () => {
      while (writing || seen.length < 201) {
        const rows = await app.db.rows<{ seq: string }>(
          Prisma.sql`SELECT e.seq::text AS seq FROM content_events e WHERE e.seq > ${last.toString()}::bigint ORDER BY e.seq`,
        );
        for (const row of rows) {
          const seq = BigInt(row.seq);
          // Following seq: each number read is the next one; none committed later below it.
          expect(seq).toBe(last + 1n);
          seen.push(seq);
          last = seq;
        }
        if (!writing && rows.length === 0) await releaseDueEvents(app.db);
      }
    })();
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let n = 0; n < 25; n += 1) {
          await app.db.prisma.$executeRaw`UPDATE posts SET title = ${`Raced ${writer}.${n}`} WHERE id = ${id}`;
          await releaseDueEvents(app.db);
        }
      }),
    );
    writing = false;
    await reader;
    // The post's publication, then one update per write.
    expect(seen.length).toBe(201);
  });

  it('tells how long until the next pending event, and nothing when none is pending, so the releaser sleeps', async () => {
    expect(await msUntilNextDueEvent(app.db)).toBeNull();
    await insertPosts(app.db, [{ slug: 'released', title: 'Released', publishedAt: new Date('2024-01-01T00:00:00Z') }]);
    expect(await msUntilNextDueEvent(app.db)).toBe(0);
    await releaseDueEvents(app.db);
    expect(await msUntilNextDueEvent(app.db)).toBeNull();

    await createPost(app.db, { title: 'Later', markdown: '.', status: 'PUBLISHED', publishedAt: new Date(Date.now() + 60_000) }, now());
    expect(await msUntilNextDueEvent(app.db)).toBeGreaterThan(50_000);
  });
});

describe('bulk writes', () => {
  it('record one event per post and statement', async () => {
    const posts = Array.from({ length: 1000 }, (_, n) => ({ slug: `bulk-${n}`, title: `Bulk ${n}`, publishedAt: new Date('2024-01-01T00:00:00Z'), tags: ['bulk', `bulk-${n % 10}`] }));
    // The posts, then their tags: two transactions, so each post is published, then updated.
    await insertPosts(app.db, posts);
    const counts = await app.db.rows<{ type: string; count: number }>(
      Prisma.sql`SELECT type, count(*)::int AS count FROM content_events GROUP BY type ORDER BY type`,
    );
    expect(counts).toEqual([
      { type: 'post.published', count: 1000 },
      { type: 'post.updated', count: 1000 },
      { type: 'tag.created', count: 11 },
    ]);
  });
});

describe('notifications', () => {
  it('tell a listener of a change made by plain SQL, once per transaction', async () => {
    const client = new pg.Client({ connectionString: app.url });
    await client.connect();
    try {
      const heard: string[] = [];
      client.on('notification', (message) => heard.push(message.channel));
      await client.query('LISTEN folio_content_changed');
      await app.db.prisma.$transaction([
        app.db.prisma.$executeRaw`UPDATE site SET title = 'Renamed'`,
        app.db.prisma.$executeRaw`INSERT INTO tags (slug, name, updated_at) VALUES ('heard', 'Heard', now())`,
      ]);
      await client.query('SELECT 1');
      expect(heard).toEqual(['folio_content_changed']);
    } finally {
      await client.end();
    }
  });
});
