import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSyntheticDatabase, SyntheticDatabaseError } from '../../bench/synthetic/ensure-database.js';
import { MAX_BODY_BYTES } from '../../bench/synthetic/body.js';
import { publicationTimes, PUBLISHED_FROM, PUBLISHED_UNTIL } from '../../bench/synthetic/schedule.js';
import { datasetStats, type DatasetStats } from '../../bench/synthetic/stats.js';
import { TAG_COUNT, TagPicker } from '../../bench/synthetic/tags.js';
import { mixSeed, Random } from '../../bench/synthetic/random.js';
import { CHINESE_ADJECTIVES, CHINESE_NOUNS, CHINESE_VERBS, ENGLISH_NOUNS } from '../../bench/synthetic/vocabulary.js';
import { derivedColumns } from '../../src/editing/derived-columns.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { databaseUrlFor, onServer } from '../support/test-server.js';

const POSTS = 300;
// Posts past the first 100 borrow their bodies, so that the checks below cover borrowed ones too.
const DISTINCT_BODIES = 100;

// The datasets go beside a test database of our own, named after it, so that the global
// teardown finds them should this file crash before dropping them.
let admin: TestDatabase;
let first: string;
let second: string;
let stats: DatasetStats;
let checksum: string;
const silent = () => {};

beforeAll(async () => {
  admin = await createTestDatabase({ empty: true });
  const adminName = new URL(admin.url).pathname.slice(1);
  [first, second] = [`${adminName}_bench_a`, `${adminName}_bench_b`];
  const made = await ensureSyntheticDatabase({ ...FIRST_OPTIONS(), log: silent });
  expect(made).toEqual({ url: databaseUrlFor(admin.url, first), generated: true });
  stats = await onFirst(datasetStats);
  checksum = await onFirst(contentChecksum);
});

afterAll(async () => {
  if (!admin) return;
  await onServer(admin.url, async (client) => {
    for (const name of [first, second]) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
  await admin.drop();
});

const FIRST_OPTIONS = () => ({ adminUrl: admin.url, database: first, posts: POSTS, distinctBodies: DISTINCT_BODIES });

function onFirst<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  return onServer(databaseUrlFor(admin.url, first), run);
}

/** A digest of every row of the content tables, search vectors and timestamps included. */
async function contentChecksum(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ digest: string }>(
    `SELECT md5(concat((SELECT string_agg(md5(p::text), '' ORDER BY p.id) FROM posts p),
                       (SELECT string_agg(md5(t::text), '' ORDER BY t.id) FROM tags t),
                       (SELECT string_agg(md5(pt::text), '' ORDER BY pt.post_id, pt.tag_id) FROM post_tags pt))) AS digest`,
  );
  return rows[0]!.digest;
}

async function databaseOid(name: string): Promise<number> {
  return onServer(admin.url, async (client) => {
    const { rows } = await client.query<{ oid: number }>('SELECT oid::int FROM pg_database WHERE datname = $1', [name]);
    return rows[0]!.oid;
  });
}

describe('the synthetic dataset', () => {
  it('has the posts, all published in the past with 3-5 tags each and ties in publishedAt', async () => {
    expect(stats.posts).toBe(POSTS);
    expect(stats.tagsPerPost).toEqual({ min: 3, max: 5 });
    expect(stats.tagUse).toHaveLength(TAG_COUNT);
    expect(stats.ties.sharedByTen).toBeGreaterThanOrEqual(2);
    expect(stats.ties.largest).toBeLessThanOrEqual(60);
    const published = await onFirst((client) =>
      client.query(`SELECT 1 FROM posts WHERE status <> 'PUBLISHED' OR NOT (published_at >= $1 AND published_at < $2)`, [
        new Date(PUBLISHED_FROM),
        new Date(PUBLISHED_UNTIL),
      ]),
    );
    expect(published.rowCount).toBe(0);
  });

  it('has Markdown bodies of 1-8 KB, a third of them Chinese, with headings, lists, links and code', async () => {
    expect(stats.bodyBytes.min).toBeGreaterThanOrEqual(1024);
    expect(stats.bodyBytes.max).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(stats.chinesePosts / POSTS).toBeGreaterThan(0.25);
    expect(stats.chinesePosts / POSTS).toBeLessThan(0.42);
    const { rows } = await onFirst((client) =>
      client.query<{ unshaped: number; badSlugs: number }>(
        `SELECT count(*) FILTER (WHERE NOT (markdown ~ '\\n## ' AND markdown ~ '\\n### ' AND markdown ~ '\\n- '
                                            AND markdown ~ '\\]\\(https://' AND markdown ~ '[^\`]\`[^\`\\n]+\`[^\`]'
                                            AND markdown ~ '\\n\`\`\`(rust|bash|yaml|go)\\n'))::int AS unshaped,
                count(*) FILTER (WHERE slug !~ '^post-[0-9]{6}-[a-z0-9-]+$')::int AS "badSlugs"
           FROM posts`,
      ),
    );
    expect(rows[0]).toEqual({ unshaped: 0, badSlugs: 0 });
  });

  it('stores exactly the derived columns that Folio writes', async () => {
    const { rows } = await onFirst((client) =>
      client.query(
        `SELECT title, markdown, summary, html, headings, excerpt, word_count, reading_minutes, render_version,
                search_vector::text AS search_vector
           FROM posts WHERE id % 15 = 1 ORDER BY id`,
      ),
    );
    expect(rows.length).toBe(POSTS / 15);
    expect(rows.some((row) => row.summary !== null)).toBe(true);
    for (const row of rows) {
      const { data, searchDocument } = derivedColumns(row);
      expect(row).toMatchObject({
        html: data.html,
        headings: data.headings,
        excerpt: data.excerpt,
        word_count: data.wordCount,
        reading_minutes: data.readingMinutes,
        render_version: data.renderVersion,
      });
      const expected = await onFirst((client) => client.query<{ text: string }>('SELECT $1::tsvector::text AS text', [searchDocument]));
      expect(row.search_vector).toBe(expected.rows[0]!.text);
    }
  });

  it('is found by Folio’s search for kubernetes and 闭包 exactly where it says them', async () => {
    const { rows } = await onFirst((client) =>
      client.query<{ kubernetes: number; closure: number; unindexed: number }>(
        `SELECT count(*) FILTER (WHERE concat_ws(' ', title, markdown, summary) ILIKE '%kubernetes%')::int AS kubernetes,
                count(*) FILTER (WHERE concat_ws(' ', title, markdown, summary) LIKE '%闭包%')::int AS closure,
                count(*) FILTER (WHERE search_vector IS NULL)::int AS unindexed
           FROM posts`,
      ),
    );
    expect(rows[0]!.unindexed).toBe(0);
    expect(stats.searchHits).toEqual({ kubernetes: rows[0]!.kubernetes, 闭包: rows[0]!.closure });
    expect(stats.searchHits.kubernetes).toBeGreaterThan(0);
    expect(stats.searchHits.闭包).toBeGreaterThan(0);
  });
});

describe('the bulk load', () => {
  it('keeps the counters that Folio’s triggers keep, equal to counting the rows', async () => {
    const { rows } = await onFirst((client) =>
      client.query(
        `SELECT (SELECT published_posts FROM post_statistics) AS kept_posts,
                (SELECT count(*)::int FROM posts WHERE status = 'PUBLISHED' AND kind = 'POST') AS counted_posts,
                (SELECT count(*)::int FROM tags t
                  WHERE published_post_count <> (SELECT count(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                                                  WHERE pt.tag_id = t.id AND p.status = 'PUBLISHED')) AS tags_miscounted,
                (SELECT count(*)::int FROM tags WHERE published_post_count > 0) AS tags_counted,
                (SELECT count(*)::int FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                  WHERE pt.status IS DISTINCT FROM p.status OR pt.published_at IS DISTINCT FROM p.published_at) AS links_miscopied,
                (SELECT count(*)::int FROM content_events) AS events`,
      ),
    );
    expect(rows[0]).toEqual({ kept_posts: POSTS, counted_posts: POSTS, tags_miscounted: 0, tags_counted: expect.any(Number), links_miscopied: 0, events: 0 });
    expect(rows[0].tags_counted).toBeGreaterThan(50);
  });

  it('leaves the triggers on: unpublishing a post updates the counters and records an event', async () => {
    await onFirst(async (client) => {
      await client.query('BEGIN');
      try {
        const { rows: tags } = await client.query<{ tag_id: number }>('SELECT tag_id FROM post_tags WHERE post_id = 1');
        const count = `SELECT published_post_count AS n FROM tags WHERE id = ${tags[0]!.tag_id}`;
        const before = (await client.query(count)).rows[0].n;
        await client.query(`UPDATE posts SET status = 'DRAFT' WHERE id = 1`);
        expect((await client.query(count)).rows[0].n).toBe(before - 1);
        const { rows } = await client.query(
          `SELECT (SELECT published_posts FROM post_statistics) AS posts, (SELECT count(*)::int FROM content_events) AS events`,
        );
        expect(rows[0]).toEqual({ posts: POSTS - 1, events: 1 });
      } finally {
        await client.query('ROLLBACK');
      }
    });
  });

  it('builds every index of a migrated database, with the same definitions', async () => {
    const indexes = (client: pg.Client) =>
      client
        .query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`)
        .then(({ rows }) => rows.map((row) => row.indexdef));
    const migrated = await createTestDatabase();
    try {
      const expected = await onServer(migrated.url, indexes);
      expect(expected).toContain('CREATE INDEX posts_search_vector_idx ON public.posts USING gin (search_vector)');
      expect(await onFirst(indexes)).toEqual(expected);
    } finally {
      await migrated.drop();
    }
  });

  it('points the id sequences past the largest ids', async () => {
    const { rows } = await onFirst((client) =>
      client.query(
        `SELECT (SELECT last_value FROM posts_id_seq)::int AS posts, (SELECT last_value FROM tags_id_seq)::int AS tags`,
      ),
    );
    expect(rows[0]).toEqual({ posts: POSTS, tags: TAG_COUNT });
  });

  it('lends bodies past the distinct ones, while titles, summaries and slugs stay the posts’ own', async () => {
    const { rows } = await onFirst((client) =>
      client.query(
        `SELECT count(DISTINCT b.markdown)::int AS bodies, count(DISTINCT b.title)::int AS titles,
                count(DISTINCT b.slug)::int AS slugs, count(DISTINCT b.summary) = count(b.summary) AS summaries_distinct,
                bool_and(b.markdown = l.markdown) AS lent
           FROM posts b LEFT JOIN posts l ON l.id = (b.id - 1) % ${DISTINCT_BODIES} + 1`,
      ),
    );
    expect(rows[0]).toEqual({ bodies: DISTINCT_BODIES, titles: expect.any(Number), slugs: POSTS, summaries_distinct: true, lent: true });
    expect(rows[0].titles).toBeGreaterThan(POSTS * 0.95);
  });
});

describe('ensureSyntheticDatabase', () => {
  it('leaves a complete dataset made with the same parameters alone', async () => {
    const oid = await databaseOid(first);
    const lines: string[] = [];
    const again = await ensureSyntheticDatabase({ ...FIRST_OPTIONS(), log: (line) => lines.push(line) });
    expect(again.generated).toBe(false);
    expect(await databaseOid(first)).toBe(oid);
    expect(lines).toEqual([`The database "${first}" already holds the ${POSTS}-post dataset.`]);
  });

  it('rebuilds with force, row for row the same: the data is deterministic', async () => {
    const oid = await databaseOid(first);
    const forced = await ensureSyntheticDatabase({ ...FIRST_OPTIONS(), force: true, log: silent });
    expect(forced.generated).toBe(true);
    expect(await databaseOid(first)).not.toBe(oid);
    expect(await onFirst(contentChecksum)).toBe(checksum);
  });

  it('rebuilds a dataset made with other parameters', async () => {
    const made = await ensureSyntheticDatabase({ adminUrl: admin.url, database: second, posts: 20, log: silent });
    expect(made.generated).toBe(true);
    const lines: string[] = [];
    const remade = await ensureSyntheticDatabase({ adminUrl: admin.url, database: second, posts: 30, log: (line) => lines.push(line) });
    expect(remade.generated).toBe(true);
    expect(lines).toContain(`Dropping the database "${second}" to rebuild it.`);
    expect((await onServer(remade.url, datasetStats)).posts).toBe(30);
  });

  it('refuses to drop a database it did not make, and bad names', async () => {
    const foreign = await createTestDatabase();
    try {
      const name = new URL(foreign.url).pathname.slice(1);
      await expect(ensureSyntheticDatabase({ adminUrl: admin.url, database: name, posts: 10, log: silent })).rejects.toThrow(
        /did not make/,
      );
    } finally {
      await foreign.drop();
    }
    for (const database of ['template1', 'Bench', 'a-b']) {
      await expect(ensureSyntheticDatabase({ adminUrl: admin.url, database, posts: 10 })).rejects.toThrow(SyntheticDatabaseError);
    }
  });
});

// At full size the data comes from the same pure functions; checking them directly is fast.
describe('the generator at 100,000 posts', () => {
  it('skews tag popularity: a few tags on thousands of posts, most on a few dozen', () => {
    const picker = new TagPicker();
    const random = new Random(mixSeed(1));
    const counts = new Array<number>(TAG_COUNT).fill(0);
    for (let post = 0; post < 100_000; post++) for (const id of picker.pick(random)) counts[id - 1]!++;
    const sorted = counts.sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThanOrEqual(5000);
    expect(sorted.filter((count) => count >= 1000).length).toBeGreaterThanOrEqual(10);
    expect(sorted[TAG_COUNT / 2]).toBeLessThan(100);
  });

  it('makes hundreds of publishedAt ties of 10-50 posts', () => {
    const perTime = new Map<number, number>();
    for (const time of publicationTimes(1, 100_000)) perTime.set(time, (perTime.get(time) ?? 0) + 1);
    const bigTies = [...perTime.values()].filter((count) => count >= 10);
    expect(bigTies.length).toBeGreaterThan(500);
    expect(Math.max(...bigTies)).toBeLessThanOrEqual(60);
  });

  it('keeps the search words out of the vocabulary, so their rates are what post.ts sets', () => {
    const chinese = [...CHINESE_NOUNS, ...CHINESE_VERBS].map(([word]) => word).concat(CHINESE_ADJECTIVES);
    expect(chinese.filter((word) => /[闭包]/.test(word))).toEqual([]);
    expect(ENGLISH_NOUNS.filter((word) => word.includes('kubernetes'))).toEqual([]);
  });
});
