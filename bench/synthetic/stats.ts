// What a synthetic database actually holds, measured with SQL: the summary the command prints
// and the figures the tests check the generator's promises against.
import type pg from 'pg';
import { searchQuery } from '../../src/content/search-text.js';
import type { SearchWord } from './prose.js';

export const SEARCH_WORDS: readonly SearchWord[] = ['kubernetes', '闭包'];

export interface DatasetStats {
  posts: number;
  /** Posts whose Markdown is mostly Chinese: over 1.5 UTF-8 bytes a character (CJK takes 3). */
  chinesePosts: number;
  postsWithSummary: number;
  bodyBytes: { min: number; median: number; p90: number; max: number; mean: number };
  tagsPerPost: { min: number; max: number };
  /** Every tag with its number of posts, most used first. */
  tagUse: { slug: string; posts: number }[];
  ties: {
    distinctTimes: number;
    /** publishedAt values shared by two posts or more, and by ten or more. */
    shared: number;
    sharedByTen: number;
    largest: number;
    postsInTies: number;
  };
  /** How many posts Folio's search finds for each search word. */
  searchHits: Record<SearchWord, number>;
}

export async function datasetStats(client: pg.Client): Promise<DatasetStats> {
  const posts = await one<'posts' | 'chinese' | 'with_summary' | 'min' | 'median' | 'p90' | 'max' | 'mean'>(
    client,
    `SELECT count(*)::int AS posts,
            count(*) FILTER (WHERE octet_length(markdown) > 1.5 * char_length(markdown))::int AS chinese,
            count(summary)::int AS with_summary,
            coalesce(min(octet_length(markdown)), 0) AS min,
            coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY octet_length(markdown)), 0) AS median,
            coalesce(percentile_disc(0.9) WITHIN GROUP (ORDER BY octet_length(markdown)), 0) AS p90,
            coalesce(max(octet_length(markdown)), 0) AS max,
            coalesce(round(avg(octet_length(markdown)))::int, 0) AS mean
       FROM posts`,
  );
  const tagsPerPost = await one<'min' | 'max'>(
    client,
    `SELECT coalesce(min(n), 0) AS min, coalesce(max(n), 0) AS max
       FROM (SELECT count(pt.tag_id)::int AS n FROM posts p LEFT JOIN post_tags pt ON pt.post_id = p.id GROUP BY p.id) per_post`,
  );
  const tagUse = await client.query<{ slug: string; posts: number }>(
    `SELECT t.slug, count(pt.post_id)::int AS posts
       FROM tags t LEFT JOIN post_tags pt ON pt.tag_id = t.id
      GROUP BY t.id ORDER BY posts DESC, t.id`,
  );
  const ties = await one<'distinct_times' | 'shared' | 'shared_by_ten' | 'largest' | 'posts_in_ties'>(
    client,
    `SELECT count(*)::int AS distinct_times,
            count(*) FILTER (WHERE n >= 2)::int AS shared,
            count(*) FILTER (WHERE n >= 10)::int AS shared_by_ten,
            coalesce(max(n), 0) AS largest,
            coalesce(sum(n) FILTER (WHERE n >= 2), 0)::int AS posts_in_ties
       FROM (SELECT count(*)::int AS n FROM posts GROUP BY published_at) per_time`,
  );
  const searchHits = {} as Record<SearchWord, number>;
  for (const word of SEARCH_WORDS) {
    const row = await one<'hits'>(client, 'SELECT count(*)::int AS hits FROM posts WHERE search_vector @@ $1::tsquery', [searchQuery(word)]);
    searchHits[word] = row.hits;
  }
  return {
    posts: posts.posts,
    chinesePosts: posts.chinese,
    postsWithSummary: posts.with_summary,
    bodyBytes: { min: posts.min, median: posts.median, p90: posts.p90, max: posts.max, mean: posts.mean },
    tagsPerPost: { min: tagsPerPost.min, max: tagsPerPost.max },
    tagUse: tagUse.rows,
    ties: {
      distinctTimes: ties.distinct_times,
      shared: ties.shared,
      sharedByTen: ties.shared_by_ten,
      largest: ties.largest,
      postsInTies: ties.posts_in_ties,
    },
    searchHits,
  };
}

/** The stats as lines for a person to read. */
export function describeStats(stats: DatasetStats): string[] {
  const percent = (count: number) => `${((100 * count) / Math.max(stats.posts, 1)).toFixed(1)}%`;
  const { bodyBytes: bytes, ties, tagUse } = stats;
  const tagCounts = tagUse.map((tag) => tag.posts);
  return [
    `Posts: ${stats.posts} (${stats.chinesePosts} mostly Chinese, ${percent(stats.chinesePosts)}; ` +
      `${stats.postsWithSummary} with a summary, ${percent(stats.postsWithSummary)})`,
    `Markdown bytes: min ${bytes.min}, median ${bytes.median}, p90 ${bytes.p90}, max ${bytes.max}, mean ${bytes.mean}`,
    `Tags: ${tagUse.length}, ${stats.tagsPerPost.min}-${stats.tagsPerPost.max} per post; ` +
      `posts per tag: median ${tagCounts[Math.floor(tagCounts.length / 2)] ?? 0}, ` +
      `${tagCounts.filter((count) => count >= 1000).length} tags on 1000+, ${tagCounts.filter((count) => count === 0).length} unused`,
    `Top tags: ${tagUse.slice(0, 10).map((tag) => `${tag.slug} ${tag.posts}`).join(', ')}`,
    `publishedAt: ${ties.distinctTimes} distinct values; ${ties.shared} shared by 2+ posts (${ties.postsInTies} posts), ` +
      `${ties.sharedByTen} by 10+, largest tie ${ties.largest}`,
    `Search hits: ${SEARCH_WORDS.map((word) => `${word} ${stats.searchHits[word]} (${percent(stats.searchHits[word])})`).join(', ')}`,
  ];
}

/** The one row of a query whose columns `Column` are all numbers. */
async function one<Column extends string>(client: pg.Client, sql: string, values: unknown[] = []): Promise<Record<Column, number>> {
  const { rows } = await client.query<Record<Column, number>>(sql, values);
  return rows[0]!;
}
