/** What GraphiQL shows on first visit: a page of posts with their tags, and how to filter by tag. */
export const DEFAULT_QUERY = `# Welcome to Folio. Press the ▶ button to run this query.
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
