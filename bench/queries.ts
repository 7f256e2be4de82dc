// The benchmark's queries: for each, the request every contender gets and a normaliser that maps
// each contender's answer to one common shape, so that a run can check they answer the same data.
import { isDeepStrictEqual } from 'node:util';
import type { RawRoute } from './contenders/raw-server.js';

export const CONTENDERS = ['folio', 'raw', 'postgraphile'] as const;
export type Contender = (typeof CONTENDERS)[number];

export const QUERY_NAMES = ['q1', 'q2', 'q3', 'q4-zh', 'q4-en', 'q5', 'q6'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** Q4's words: each is in a few percent of the synthetic posts. */
export const SEARCH_WORDS = { zh: '闭包', en: 'kubernetes' } as const;

/** Values found in the data at the start of a run (see parameters.ts). */
export interface BenchParameters {
  /** The slug of the tag with the most visible posts (Q2). */
  popularTag: string;
  /** The post `position` posts into the newest-first list, after which Q3 reads a page. */
  deepPage: { position: number; publishedAt: Date; id: number; folioCursor: string; postgraphileCursor: string };
  /** What Q4 searches for, and the tsquery Folio's searchQuery() makes of it. */
  searches: Record<'zh' | 'en', { text: string; tsquery: string }>;
  /** A post carrying the most popular tag, so that its related posts take real work (Q5). */
  postSlug: string;
  /** Visible posts in a fixed shuffled order, which Q6 requests one after the other. */
  crawlSlugs: string[];
}

/** Every request is a POST of a JSON body. */
export interface BenchRequest {
  path: string;
  body: string;
}

export interface TagLink {
  slug: string;
  name: string;
}
export interface PostSummary {
  title: string;
  excerpt: string;
  publishedAt: string;
  tags: TagLink[];
}
export interface PostList {
  totalCount: number;
  posts: PostSummary[];
}
export interface PostLink {
  title: string;
  slug: string;
}
export interface PostPage {
  title: string;
  slug: string;
  publishedAt: string;
  html: string;
  headings: unknown;
  tags: TagLink[];
  previous: PostLink | null;
  next: PostLink | null;
  related: PostLink[];
}
type Normalised = PostList | PostPage | null;

export interface BenchQuery {
  name: QueryName;
  label: string;
  /** The request; for a query that `varies`, the `index`th of the ones a server gets in turn. */
  request: Record<Contender, (parameters: BenchParameters, index?: number) => BenchRequest>;
  normalise: Record<Contender, (response: unknown) => Normalised>;
  /** Each request differs from the one before (Q6); the other queries repeat one request. */
  varies?: boolean;
}

const FOLIO_LIST = `totalCount edges { node { title excerpt publishedAt tags { slug name } } }`;
// Tags by name then id, as Folio orders them; the database's default collation compares names
// by code point on the servers the bench runs on (C.UTF-8), as Folio's COLLATE "C" does.
const POSTGRAPHILE_TAGS = `tagsByPostTagPostIdAndTagId(orderBy: [NAME_ASC, ID_ASC]) { nodes { slug name } }`;
const POSTGRAPHILE_LIST = `totalCount nodes { title excerpt publishedAt ${POSTGRAPHILE_TAGS} }`;
const POSTGRAPHILE_NEWEST = `orderBy: [PUBLISHED_AT_DESC, ID_DESC]`;

const FOLIO_POST_PAGE = `query PostPage($slug: String!) {
  post(slug: $slug) {
    title slug publishedAt html headings { level text anchor } tags { slug name }
    previous { title slug } next { title slug } related(first: 5) { title slug }
  }
}`;
const POSTGRAPHILE_POST_PAGE = `query PostPage($slug: String!) {
  visiblePost(slug: $slug) {
    title slug publishedAt html headings ${POSTGRAPHILE_TAGS}
    previous { title slug } next { title slug } related(n: 5) { nodes { title slug } }
  }
}`;

const graphql = (query: string, variables: Record<string, unknown> = {}): BenchRequest => ({
  path: '/graphql',
  body: JSON.stringify({ query, variables }),
});
const raw = (route: RawRoute, body: Record<string, unknown> = {}): BenchRequest => ({ path: route, body: JSON.stringify(body) });

function searchQuery(language: 'zh' | 'en'): BenchQuery {
  return {
    name: `q4-${language}`,
    label: `Q4 search "${SEARCH_WORDS[language]}"`,
    request: {
      folio: (p) =>
        graphql(`query Search($search: String!) { posts(first: 20, filter: { search: $search }) { ${FOLIO_LIST} } }`, {
          search: p.searches[language].text,
        }),
      raw: (p) => raw('/search', { tsquery: p.searches[language].tsquery }),
      postgraphile: (p) =>
        graphql(`query Search($query: String!) { searchPosts(query: $query, first: 20, ${POSTGRAPHILE_NEWEST}) { ${POSTGRAPHILE_LIST} } }`, {
          query: p.searches[language].tsquery,
        }),
    },
    normalise: listNormalisers((data) => data.posts, (data) => data.searchPosts),
  };
}

export const BENCH_QUERIES: readonly BenchQuery[] = [
  {
    name: 'q1',
    label: 'Q1 home page',
    request: {
      folio: () => graphql(`query Home { posts(first: 20) { ${FOLIO_LIST} } }`),
      raw: () => raw('/posts'),
      postgraphile: () => graphql(`query Home { visiblePosts(first: 20, ${POSTGRAPHILE_NEWEST}) { ${POSTGRAPHILE_LIST} } }`),
    },
    normalise: listNormalisers((data) => data.posts, (data) => data.visiblePosts),
  },
  {
    name: 'q2',
    label: 'Q2 tag page',
    request: {
      folio: (p) =>
        graphql(`query TagPage($slug: String!) { tag(slug: $slug) { posts(first: 20) { ${FOLIO_LIST} } } }`, { slug: p.popularTag }),
      raw: (p) => raw('/tag-posts', { tag: p.popularTag }),
      postgraphile: (p) =>
        graphql(`query TagPage($slug: String!) { tagBySlug(slug: $slug) { visiblePosts(first: 20, ${POSTGRAPHILE_NEWEST}) { ${POSTGRAPHILE_LIST} } } }`, {
          slug: p.popularTag,
        }),
    },
    normalise: listNormalisers((data) => data.tag?.posts, (data) => data.tagBySlug?.visiblePosts),
  },
  {
    name: 'q3',
    label: 'Q3 deep page',
    request: {
      folio: (p) =>
        graphql(`query Deep($after: String!) { posts(first: 20, after: $after) { ${FOLIO_LIST} } }`, { after: p.deepPage.folioCursor }),
      raw: (p) => raw('/posts-after', { publishedAt: p.deepPage.publishedAt.toISOString(), id: p.deepPage.id }),
      postgraphile: (p) =>
        graphql(`query Deep($after: Cursor!) { visiblePosts(first: 20, after: $after, ${POSTGRAPHILE_NEWEST}) { ${POSTGRAPHILE_LIST} } }`, {
          after: p.deepPage.postgraphileCursor,
        }),
    },
    normalise: listNormalisers((data) => data.posts, (data) => data.visiblePosts),
  },
  searchQuery('zh'),
  searchQuery('en'),
  {
    name: 'q5',
    label: 'Q5 post page',
    request: {
      folio: (p) => graphql(FOLIO_POST_PAGE, { slug: p.postSlug }),
      raw: (p) => raw('/post', { slug: p.postSlug }),
      postgraphile: (p) => graphql(POSTGRAPHILE_POST_PAGE, { slug: p.postSlug }),
    },
    normalise: postPageNormalisers(),
  },
  {
    // A crawler, or a static site build, reads every post page once: each request is another
    // post, so a response cache finds nothing it has kept (until the list starts over).
    name: 'q6',
    label: 'Q6 crawl of post pages',
    varies: true,
    request: {
      folio: (p, index = 0) => graphql(FOLIO_POST_PAGE, { slug: crawlSlug(p, index) }),
      raw: (p, index = 0) => raw('/post', { slug: crawlSlug(p, index) }),
      postgraphile: (p, index = 0) => graphql(POSTGRAPHILE_POST_PAGE, { slug: crawlSlug(p, index) }),
    },
    normalise: postPageNormalisers(),
  },
];

const crawlSlug = (p: BenchParameters, index: number) => p.crawlSlugs[index % p.crawlSlugs.length]!;

function postPageNormalisers(): BenchQuery['normalise'] {
  return {
    folio: (response) => postPage(graphqlData(response).post),
    raw: (response) => postPage(response),
    postgraphile: (response) => {
      const post = graphqlData(response).visiblePost;
      return postPage(post && { ...post, tags: post.tagsByPostTagPostIdAndTagId.nodes, related: post.related.nodes });
    },
  };
}

/**
 * Asks each contender given an origin every query once, and throws, naming the query and the
 * contenders, unless all of them answer the same data.
 */
export async function checkSameAnswers(
  queries: readonly BenchQuery[],
  parameters: BenchParameters,
  origins: Partial<Record<Contender, string>>,
): Promise<void> {
  const contenders = CONTENDERS.filter((contender) => origins[contender] !== undefined);
  for (const query of queries) {
    const answers = await Promise.all(
      contenders.map(async (contender) => {
        const response = await send(origins[contender]!, query.request[contender](parameters));
        return { contender, answer: query.normalise[contender](response) };
      }),
    );
    const [reference, ...others] = answers;
    if (!reference || reference.answer === null) throw new Error(`${query.label}: ${reference?.contender} found nothing`);
    for (const other of others) {
      if (!isDeepStrictEqual(reference.answer, other.answer)) {
        throw new Error(
          `${query.label}: ${other.contender} answers differently from ${reference.contender}.\n` +
            `${reference.contender}: ${JSON.stringify(reference.answer)}\n${other.contender}: ${JSON.stringify(other.answer)}`,
        );
      }
    }
  }
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Sends a benchmark request and returns the JSON answer; `fetchVia` lets a test answer in-process. */
export async function send(origin: string, request: BenchRequest, fetchVia: Fetch = fetch): Promise<unknown> {
  const response = await fetchVia(origin + request.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: request.body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${origin}${request.path} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

// The normalisers take the JSON as it comes over the wire: untyped by nature.
function graphqlData(response: unknown): any {
  const { data, errors } = response as { data?: any; errors?: unknown[] };
  if (errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(errors)}`);
  return data;
}

function listNormalisers(folioList: (data: any) => any, postgraphileList: (data: any) => any): BenchQuery['normalise'] {
  return {
    folio: (response) => {
      const list = folioList(graphqlData(response));
      return list && postList(list.totalCount, list.edges.map((edge: any) => edge.node));
    },
    raw: (response: any) => postList(response.totalCount, response.posts),
    postgraphile: (response) => {
      const list = postgraphileList(graphqlData(response));
      return (
        list &&
        postList(
          list.totalCount,
          list.nodes.map((node: any) => ({ ...node, tags: node.tagsByPostTagPostIdAndTagId.nodes })),
        )
      );
    },
  };
}

function postList(totalCount: number, posts: any[]): PostList {
  return {
    totalCount,
    posts: posts.map((post) => ({
      title: post.title,
      excerpt: post.excerpt,
      publishedAt: instant(post.publishedAt),
      tags: post.tags.map(tagLink),
    })),
  };
}

function postPage(post: any): PostPage | null {
  if (!post) return null;
  return {
    title: post.title,
    slug: post.slug,
    publishedAt: instant(post.publishedAt),
    html: post.html,
    headings: post.headings,
    tags: post.tags.map(tagLink),
    previous: post.previous && postLink(post.previous),
    next: post.next && postLink(post.next),
    related: post.related.map(postLink),
  };
}

const tagLink = (tag: any): TagLink => ({ slug: tag.slug, name: tag.name });
const postLink = (post: any): PostLink => ({ title: post.title, slug: post.slug });
// Each contender writes timestamps its own way ("...Z", "...+00:00"); compare the instants.
const instant = (value: string): string => new Date(value).toISOString();
