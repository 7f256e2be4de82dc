// A batch of posts ready to load: written, derived exactly as Folio's write path derives them,
// and put in COPY's text format. This is the CPU-heavy part, which runs in worker threads.
import type { BodyPool } from './body-pool.js';
import { copyRow } from './copy-text.js';

export interface PostBatchTask {
  /** The index of the batch's first post. */
  first: number;
  /** Each post's publication time, in milliseconds since the epoch. */
  publishedAt: number[];
}

/** What a worker needs to know once, before its first task. */
export interface DatasetShape {
  seed: number;
  posts: number;
  distinctBodies: number;
}

export interface PostBatch {
  posts: number;
  /** Rows for POST_COLUMNS. */
  postRows: string;
  /** Rows for POST_TAG_COLUMNS. */
  postTagRows: string;
}

export const POST_COLUMNS = [
  'id', 'slug', 'title', 'summary', 'markdown', 'html', 'headings', 'excerpt', 'word_count', 'reading_minutes',
  'search_vector', 'render_version', 'status', 'published_at', 'created_at', 'updated_at',
] as const;
// A post_tags row carries its post's status and publishedAt, which a trigger copies on Folio's
// write path; the load writes them itself, with the triggers off.
export const POST_TAG_COLUMNS = ['post_id', 'tag_id', 'status', 'published_at'] as const;

export function buildPostBatch({ first, publishedAt }: PostBatchTask, bodies: BodyPool): PostBatch {
  let postRows = '';
  let postTagRows = '';
  publishedAt.forEach((time, offset) => {
    const { post, body, excerpt, searchDocument, renderVersion } = bodies.post(first + offset, new Date(time));
    // A post was created and last updated when it was published. search_vector goes through
    // tsvector's input function, as `$1::tsvector` does on Folio's write path.
    const published = post.publishedAt.toISOString();
    postRows += copyRow([
      post.id, post.slug, post.title, post.summary, post.markdown, body.html, JSON.stringify(body.headings), excerpt,
      body.wordCount, body.readingMinutes, searchDocument, renderVersion, 'PUBLISHED', published, published, published,
    ]);
    for (const tagId of post.tagIds) postTagRows += copyRow([post.id, tagId, 'PUBLISHED', published]);
  });
  return { posts: publishedAt.length, postRows, postTagRows };
}
