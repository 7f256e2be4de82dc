import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';

/**
 * Bounds on the shape of one query, checked before it runs: nesting depth, aliases and size.
 * Sized for the deepest real page (a post with its related posts' tags) with room to spare.
 * What a query costs is held to its own budget (query-cost.ts).
 */
export function queryLimits() {
  const rejection = { propagateOnRejection: false, onReject: [reportLimit] };
  return EnvelopArmorPlugin({
    maxDepth: { n: 12, ...rejection },
    maxAliases: { n: 30, ...rejection },
    maxDirectives: { n: 20, ...rejection },
    maxTokens: { n: 3000, ...rejection },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
}

// The library words every refusal as a syntax error; say what it is and what to do instead.
function reportLimit(context: ValidationContext | null, error: GraphQLError): void {
  const limit = error.message.replace(/^Syntax Error: /, '');
  const refusal = new GraphQLError(`${limit} Split the query into smaller ones, or ask for smaller pages.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
  if (!context) throw refusal;
  context.reportError(refusal);
}
