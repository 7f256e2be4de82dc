/**
 * The operations GraphiQL opens with, one tab each (a tab is named after its operation). The
 * first is what a person sees on a first visit; the others show the rest of the API.
 */
export interface Example {
  query: string;
  /** JSON, as typed into the Variables tab. */
  variables?: string;
  /** JSON, as typed into the Headers tab. */
  headers?: string;
}

const latestPosts = `# Welcome to Folio. Press the ▶ button (or Ctrl-Enter) to run this query.
# More examples are in the tabs above; the Explorer (left) builds a query by ticking fields.
#
# The newest posts with their tags. To see only the posts of a tag, add a filter:
#   posts(first: 5, filter: { tags: { any: ["kubernetes"] } })
# Other filters: tags { all, none }, year, month, publishedAfter, publishedBefore, search.
# Page on with: posts(first: 5, after: "<pageInfo.endCursor>")

query LatestPosts {
  posts(first: 5) {
    totalCount
    edges {
      node {
        title
        slug
        publishedAt
        excerpt
        readingMinutes
        tags {
          slug
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  tags(first: 10) {
    edges {
      node {
        slug
        name
        postCount
      }
    }
  }
}
`;

const tagPage = `# A tag's page, three posts at a time. To see the next page, copy
# pageInfo.endCursor into "after" in the Variables tab below and run again.

query TagPage($slug: String!, $after: String) {
  tag(slug: $slug) {
    name
    postCount
    posts(first: 3, after: $after) {
      edges {
        cursor
        node {
          title
          slug
          publishedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
`;

const search = `# Search matches Chinese text wherever it appears, and English words whatever
# their case. RELEVANCE puts the best match first.

query Search($text: String!) {
  posts(first: 5, filter: { search: $text }, orderBy: RELEVANCE) {
    totalCount
    edges {
      node {
        title
        slug
        excerpt
      }
    }
  }
}
`;

const postPage = `# Everything a post's page needs: the sanitized HTML, a table of contents
# (each heading's anchor is the id in the HTML), the neighbours and related posts.

query PostPage($slug: String!) {
  post(slug: $slug) {
    title
    publishedAt
    readingMinutes
    tags {
      slug
      name
    }
    headings {
      level
      text
      anchor
    }
    html
    previous {
      title
      slug
    }
    next {
      title
      slug
    }
    related(first: 3) {
      title
      slug
    }
  }
}
`;

const archive = `# Published posts by year and month, newest first.

query Archive {
  archive {
    year
    postCount
    months {
      month
      postCount
      posts(first: 5) {
        edges {
          node {
            title
            slug
          }
        }
      }
    }
  }
}
`;

const createPost = `# Changing content takes an API token: create one with
#   npm run token -- create --name laptop
# and put it in place of <token> in the Headers tab below.

mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) {
    id
    slug
    status
    publishedAt
  }
}
`;

const json = (value: unknown) => JSON.stringify(value, null, 2);

export const EXAMPLES: Example[] = [
  { query: latestPosts },
  { query: tagPage, variables: json({ slug: 'kubernetes', after: null }) },
  { query: search, variables: json({ text: '闭包' }) },
  { query: postPage, variables: json({ slug: 'rust-closure-traits' }) },
  { query: archive },
  {
    query: createPost,
    variables: json({ input: { title: '你好，Folio', markdown: '# 第一篇\n\nHello from **Folio**.', tags: ['hello'] } }),
    headers: json({ Authorization: 'Bearer <token>' }),
  },
];
