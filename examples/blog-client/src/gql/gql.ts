/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query HomePage($first: Int!, $after: String) {\n    posts(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          slug\n          title\n          excerpt\n          publishedAt\n          readingMinutes\n          tags { id slug name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.HomePageDocument,
    "\n  query TagPage($slug: String!, $first: Int!, $after: String) {\n    tag(slug: $slug) {\n      id\n      name\n      description\n      postCount\n      posts(first: $first, after: $after) {\n        edges { node { id slug title publishedAt } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.TagPageDocument,
    "\n  query PostPage($slug: String!) {\n    post(slug: $slug) {\n      id\n      title\n      html\n      publishedAt\n      updatedAt\n      readingMinutes\n      headings { level text anchor }\n      tags { id slug name }\n      previous { id slug title }\n      next { id slug title }\n      related(first: 3) { id slug title }\n    }\n  }\n": typeof types.PostPageDocument,
    "\n  query Archive {\n    archive {\n      id\n      year\n      postCount\n      months {\n        id\n        month\n        postCount\n        posts(first: 5) { edges { node { id slug title } } }\n      }\n    }\n  }\n": typeof types.ArchiveDocument,
};
const documents: Documents = {
    "\n  query HomePage($first: Int!, $after: String) {\n    posts(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          slug\n          title\n          excerpt\n          publishedAt\n          readingMinutes\n          tags { id slug name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.HomePageDocument,
    "\n  query TagPage($slug: String!, $first: Int!, $after: String) {\n    tag(slug: $slug) {\n      id\n      name\n      description\n      postCount\n      posts(first: $first, after: $after) {\n        edges { node { id slug title publishedAt } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.TagPageDocument,
    "\n  query PostPage($slug: String!) {\n    post(slug: $slug) {\n      id\n      title\n      html\n      publishedAt\n      updatedAt\n      readingMinutes\n      headings { level text anchor }\n      tags { id slug name }\n      previous { id slug title }\n      next { id slug title }\n      related(first: 3) { id slug title }\n    }\n  }\n": types.PostPageDocument,
    "\n  query Archive {\n    archive {\n      id\n      year\n      postCount\n      months {\n        id\n        month\n        postCount\n        posts(first: 5) { edges { node { id slug title } } }\n      }\n    }\n  }\n": types.ArchiveDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomePage($first: Int!, $after: String) {\n    posts(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          slug\n          title\n          excerpt\n          publishedAt\n          readingMinutes\n          tags { id slug name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query HomePage($first: Int!, $after: String) {\n    posts(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          slug\n          title\n          excerpt\n          publishedAt\n          readingMinutes\n          tags { id slug name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagPage($slug: String!, $first: Int!, $after: String) {\n    tag(slug: $slug) {\n      id\n      name\n      description\n      postCount\n      posts(first: $first, after: $after) {\n        edges { node { id slug title publishedAt } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TagPage($slug: String!, $first: Int!, $after: String) {\n    tag(slug: $slug) {\n      id\n      name\n      description\n      postCount\n      posts(first: $first, after: $after) {\n        edges { node { id slug title publishedAt } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostPage($slug: String!) {\n    post(slug: $slug) {\n      id\n      title\n      html\n      publishedAt\n      updatedAt\n      readingMinutes\n      headings { level text anchor }\n      tags { id slug name }\n      previous { id slug title }\n      next { id slug title }\n      related(first: 3) { id slug title }\n    }\n  }\n"): (typeof documents)["\n  query PostPage($slug: String!) {\n    post(slug: $slug) {\n      id\n      title\n      html\n      publishedAt\n      updatedAt\n      readingMinutes\n      headings { level text anchor }\n      tags { id slug name }\n      previous { id slug title }\n      next { id slug title }\n      related(first: 3) { id slug title }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Archive {\n    archive {\n      id\n      year\n      postCount\n      months {\n        id\n        month\n        postCount\n        posts(first: 5) { edges { node { id slug title } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Archive {\n    archive {\n      id\n      year\n      postCount\n      months {\n        id\n        month\n        postCount\n        posts(first: 5) { edges { node { id slug title } } }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;