// A batch of posts ready to insert: written, derived exactly as Folio's write path derives
// them, and serialized. This is the CPU-heavy part, which runs in worker threads.
import { derivedColumns } from '../../src/editing/derived-columns.js';
import { syntheticPost } from './post.js';
import type { TagPicker } from './tags.js';

export interface PostBatchTask {
  seed: number;
  /** The index of the batch's first post. */
  first: number;
  /** Each post's publication time, in milliseconds since the epoch. */
  publishedAt: number[];
}

export interface PostBatch {
  posts: number;
  /** The posts as a JSON array of rows keyed by column name, for `json_to_recordset`. */
  postsJson: string;
  /** The post_tags rows as two parallel columns. */
  postTags: { postIds: number[]; tagIds: number[] };
}

export function buildPostBatch({ seed, first, publishedAt }: PostBatchTask, tags: TagPicker): PostBatch {
  const rows: object[] = [];
  const postTags: PostBatch['postTags'] = { postIds: [], tagIds: [] };
  publishedAt.forEach((time, offset) => {
    const post = syntheticPost(seed, first + offset, new Date(time), tags);
    const { data, searchDocument } = derivedColumns(post);
    rows.push({
      id: post.id,
      slug: post.slug,
      title: post.title,
      summary: post.summary,
      markdown: post.markdown,
      html: data.html,
      headings: data.headings,
      excerpt: data.excerpt,
      word_count: data.wordCount,
      reading_minutes: data.readingMinutes,
      search_vector: searchDocument,
      render_version: data.renderVersion,
      published_at: post.publishedAt.toISOString(),
    });
    for (const tagId of post.tagIds) {
      postTags.postIds.push(post.id);
      postTags.tagIds.push(tagId);
    }
  });
  return { posts: rows.length, postsJson: JSON.stringify(rows), postTags };
}
