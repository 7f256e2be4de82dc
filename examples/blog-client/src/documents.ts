import { graphql } from './gql/index.js';

// The four pages of a blog. Codegen reads these and types each result and its variables.

export const HomePage = graphql(`
  query HomePage($first: Int!, $after: String) {
    posts(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          slug
          title
          excerpt
          publishedAt
          readingMinutes
          tags { id slug name }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const TagPage = graphql(`
  query TagPage($slug: String!, $first: Int!, $after: String) {
    tag(slug: $slug) {
      id
      name
      description
      postCount
      posts(first: $first, after: $after) {
        edges { node { id slug title publishedAt } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

export const PostPage = graphql(`
  query PostPage($slug: String!) {
    post(slug: $slug) {
      id
      title
      html
      publishedAt
      updatedAt
      readingMinutes
      headings { level text anchor }
      tags { id slug name }
      previous { id slug title }
      next { id slug title }
      related(first: 3) { id slug title }
    }
  }
`);

export const Archive = graphql(`
  query Archive {
    archive {
      id
      year
      postCount
      months {
        id
        month
        postCount
        posts(first: 5) { edges { node { id slug title } } }
      }
    }
  }
`);
