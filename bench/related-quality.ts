// npm run bench:related -- [--posts 100000] [--database folio_bench] [--sample 300] [--windows 50,100,200,500]
//
// How close Folio's bounded related posts (each tag's newest posts as candidates) come to the
// exact ranking under the same weights (every post sharing a tag, a full scan), on the synthetic
// dataset: for a fixed sample of posts, the overlap of the two top fives, the relevance the bounded
// five keep (with many tied scores, another post of the same score is no loss) and the time of each.
import { parseCommandLine, runCommand, UsageError } from '../src/cli/run-command.js';
import { readConfig } from '../src/config.js';
import { Database } from '../src/db/client.js';
import { resolveDatabase } from '../src/db/database-url.js';
import { Prisma } from '../src/db/generated/prisma/client.js';
import { relatedPosts, sourceTagsSql } from '../src/db/queries/relations.js';
import { anonymousVisibility, publishedPostsSql, type Visibility } from '../src/db/queries/visibility.js';
import { ensureSyntheticDatabase } from './synthetic/ensure-database.js';

const USAGE = 'Usage: npm run bench:related -- [--posts 100000] [--database folio_bench] [--sample 300] [--windows 50,100,200,500]';
const TOP = 5;
// The sample is the same on every run: posts ordered by a hash of their id and this seed.
const SAMPLE_SEED = 'related-quality-1';

interface Options {
  posts: number;
  database: string;
  sample: number;
  windows: number[];
}

interface Measured {
  ids: number[];
  ms: number;
}

interface Ranked {
  id: number;
  score: number;
}

const log = (line: string) => console.error(line);

await runCommand(async () => {
  const options = readOptions(process.argv.slice(2));
  const location = await resolveDatabase(readConfig(), { log });
  try {
    const { url } = await ensureSyntheticDatabase({ adminUrl: location.url, database: options.database, posts: options.posts, log });
    const db = new Database(url, { maxConnections: 1 });
    try {
      const visibility = anonymousVisibility(new Date());
      const sample = await samplePosts(db, visibility, options.sample);
      log(`Ranking ${sample.length} posts exactly (a full scan of every post sharing a tag).`);
      const exact: Measured[] = [];
      const exactScores: number[] = [];
      for (const id of sample) {
        let top: Ranked[] = [];
        exact.push(await timed(async () => (top = await exactTop(db, visibility, id)).map((post) => post.id)));
        exactScores.push(sum(top.map((post) => post.score)));
      }

      console.log(`| K (rarest tag) | mean top-${TOP} overlap | identical top ${TOP} | relevance kept, mean | relevance kept, p10 | p50 ms | p99 ms |`);
      console.log('|---:|---:|---:|---:|---:|---:|---:|');
      console.log(`| exact (every post) | 1.000 | 100% | 1.000 | 1.000 | ${percentile(exact, 0.5)} | ${percentile(exact, 0.99)} |`);
      for (const window of options.windows) {
        // Once unmeasured, so that the statement is prepared and its plan settled.
        for (const id of sample.slice(0, 10)) await relatedPosts(db, visibility, [id], TOP, window);
        const bounded: Measured[] = [];
        for (const id of sample) {
          bounded.push(await timed(async () => (await relatedPosts(db, visibility, [id], TOP, window)).map((post) => post.id)));
        }
        const overlaps = bounded.map((b, i) => b.ids.filter((id) => exact[i]!.ids.includes(id)).length / Math.max(exact[i]!.ids.length, 1));
        const identical = bounded.filter((b, i) => b.ids.join() === exact[i]!.ids.join()).length / bounded.length;
        const kept: number[] = [];
        for (const [i, id] of sample.entries()) {
          const score = sum(await scoresOf(db, id, bounded[i]!.ids));
          kept.push(exactScores[i]! === 0 ? 1 : score / exactScores[i]!);
        }
        kept.sort((a, b) => a - b);
        const mean = (values: number[]) => sum(values) / values.length;
        console.log(
          `| ${window} | ${mean(overlaps).toFixed(3)} | ${(identical * 100).toFixed(1)}% | ${mean(kept).toFixed(3)} | ` +
            `${kept[Math.floor(0.1 * kept.length)]!.toFixed(3)} | ${percentile(bounded, 0.5)} | ${percentile(bounded, 0.99)} |`,
        );
      }
    } finally {
      await db.close();
    }
  } finally {
    await location.release();
  }
});

function readOptions(args: string[]): Options {
  const { values } = parseCommandLine(
    {
      args,
      options: {
        posts: { type: 'string', default: '100000' },
        database: { type: 'string', default: 'folio_bench' },
        sample: { type: 'string', default: '300' },
        windows: { type: 'string', default: '50,100,200,500' },
      },
    },
    USAGE,
  );
  const whole = (name: string, text: string) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < 1) throw new UsageError(`--${name} takes whole numbers from 1 (got "${text}")\n${USAGE}`);
    return value;
  };
  return {
    posts: whole('posts', values.posts),
    database: values.database,
    sample: whole('sample', values.sample),
    windows: values.windows.split(',').map((text) => whole('windows', text.trim())),
  };
}

async function samplePosts(db: Database, visibility: Visibility, size: number): Promise<number[]> {
  const rows = await db.rows<{ id: number }>(Prisma.sql`
    SELECT p.id FROM posts p
    WHERE ${publishedPostsSql(visibility)} AND p.kind = 'POST'
    ORDER BY md5(p.id::text || ${SAMPLE_SEED}), p.id
    LIMIT ${size}`);
  return rows.map((row) => row.id);
}

/** The top posts by Folio's weights among every post sharing a tag, with their scores: the reference. */
async function exactTop(db: Database, visibility: Visibility, postId: number): Promise<Ranked[]> {
  const rows = await db.rows<Ranked>(Prisma.sql`
    WITH sources AS (${sourceTagsSql([postId])})
    SELECT theirs.post_id AS id, sum(mine.weight)::float8 AS score
    FROM sources s CROSS JOIN LATERAL unnest(s.tag_ids, s.weights) AS mine(tag_id, weight)
    JOIN post_tags theirs ON theirs.tag_id = mine.tag_id AND theirs.post_id <> s.source_id
    WHERE ${publishedPostsSql(visibility, 'theirs')}
    GROUP BY theirs.post_id, theirs.published_at
    ORDER BY sum(mine.weight) DESC, theirs.published_at DESC, theirs.post_id DESC
    LIMIT ${TOP}`);
  return rows;
}

/** The scores of `ids` against the post `postId`, by the same weights. */
async function scoresOf(db: Database, postId: number, ids: readonly number[]): Promise<number[]> {
  const rows = await db.rows<{ score: number }>(Prisma.sql`
    WITH sources AS (${sourceTagsSql([postId])})
    SELECT sum(mine.weight)::float8 AS score
    FROM sources s CROSS JOIN LATERAL unnest(s.tag_ids, s.weights) AS mine(tag_id, weight)
    JOIN post_tags theirs ON theirs.tag_id = mine.tag_id AND theirs.post_id = ANY(${ids}::int[])
    GROUP BY theirs.post_id`);
  return rows.map((row) => row.score);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

async function timed(run: () => Promise<number[]>): Promise<Measured> {
  const started = performance.now();
  const ids = await run();
  return { ids, ms: performance.now() - started };
}

function percentile(measured: readonly Measured[], share: number): string {
  const sorted = measured.map((m) => m.ms).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!.toFixed(2);
}
