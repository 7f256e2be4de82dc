import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Keeps the validation of each parsed document, so that a repeated query is not validated again.
 * Yoga's own cache keeps what the plugins after it made of the result as well, which would keep
 * one request's cost refusal for the next; this one keeps only the document's validation, and
 * comes before the plugins that add errors of one request (the cost).
 */
export function validationCache(): Plugin {
  // Yoga hands out one parsed document per query text, so equal queries meet here.
  const validated = new WeakMap<DocumentNode, readonly Error[]>();
  return {
    onValidate({ params: { documentAST }, setResult }) {
      const known = validated.get(documentAST);
      if (known) {
        setResult([...known]);
        return;
      }
      return ({ result }) => {
        validated.set(documentAST, result);
      };
    },
  };
}
