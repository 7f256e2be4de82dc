import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * The same for Apollo Client: `relayStylePagination` merges the pages of each connection (the
 * arguments listed are the ones that make a different list), and `Heading`, which has no id,
 * is stored inside its post.
 */
export function createFolioApolloClient(uri: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache({
      typePolicies: {
        Query: { fields: { posts: relayStylePagination(['filter', 'orderBy']) } },
        Tag: { fields: { posts: relayStylePagination(['orderBy']) } },
        ArchiveMonth: { fields: { posts: relayStylePagination() } },
        Heading: { keyFields: false },
      },
    }),
  });
}
