import type { Client } from '@urql/core';
import { Archive, HomePage, PostPage, TagPage } from './documents.js';
import type { ArchiveQuery, HomePageQuery, PostPageQuery, TagPageQuery } from './gql/graphql.js';

export type PostSummary = HomePageQuery['posts']['edges'][number]['node'];
export type FullPost = NonNullable<PostPageQuery['post']>;
export type TagPost = NonNullable<TagPageQuery['tag']>['posts']['edges'][number]['node'];
export type ArchiveYear = ArchiveQuery['archive'][number];

/** The newest posts, and how many there are in all. */
export async function homePage(client: Client, first = 10): Promise<{ posts: PostSummary[]; totalCount: number }> {
  const { posts } = await run(client.query(HomePage, { first }));
  return { posts: posts.edges.map((edge) => edge.node), totalCount: posts.totalCount };
}

/**
 * Every post with a tag, fetched `pageSize` at a time by following `endCursor` until
 * `hasNextPage` is false: how a static site builds a tag's pages. Null for an unknown tag.
 */
export async function allPostsOfTag(client: Client, slug: string, pageSize = 20): Promise<{ name: string; posts: TagPost[]; pages: number } | null> {
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const { tag }: TagPageQuery = await run(client.query(TagPage, { slug, first: pageSize, after }));
    if (!tag) return null;
    // The cache merges each page into the list fetched so far.
    if (!tag.posts.pageInfo.hasNextPage) return { name: tag.name, posts: tag.posts.edges.map((edge) => edge.node), pages };
    after = tag.posts.pageInfo.endCursor;
  }
}

/** A post page: the body, its table of contents, neighbours and related posts. Null when missing. */
export async function postPage(client: Client, slug: string): Promise<FullPost | null> {
  return (await run(client.query(PostPage, { slug }))).post ?? null;
}

/** Years and months, newest first, with the first posts of each month. */
export async function archive(client: Client): Promise<ArchiveYear[]> {
  return (await run(client.query(Archive, {}))).archive;
}

/** `2024-05-12` from a DateTime, which Folio sends as an ISO-8601 string in UTC. */
export function day(dateTime: string): string {
  return dateTime.slice(0, 10);
}

async function run<Data>(query: PromiseLike<{ data?: Data; error?: Error }>): Promise<Data> {
  const { data, error } = await query;
  if (error) throw error;
  if (!data) throw new Error('Folio answered without data');
  return data;
}
