import { type ASTVisitor, GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * graphql-js leaves an operation whose root type the schema lacks (a subscription, here) for
 * execution to trip over, which answers it as our fault. It is the client's: refuse it as an
 * invalid query, before it runs, saying what to do instead.
 */
export function knownOperationTypes(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(KnownOperationTypesRule);
    },
  };
}

function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(
        new GraphQLError(`This API has no ${node.operation} operations; send a query instead (again later, to see what changed).`, {
          nodes: node,
        }),
      );
    },
  };
}
