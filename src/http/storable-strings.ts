import { type DocumentNode, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badUserInput } from '../request/errors.js';

/**
 * PostgreSQL text cannot hold the NUL character, so a string carrying one fails in the database
 * whatever field it reaches. Every string a request brings (literals in the query, variables) is
 * checked here once, before anything runs, and such a request is refused as bad input.
 */
export function refuseUnstorableStrings(): Plugin {
  // Yoga hands every request with the same query the same parsed document, so its literals are
  // looked through once; only the variables differ from request to request.
  const literalsChecked = new WeakMap<DocumentNode, string | undefined>();
  const nulInLiterals = (document: DocumentNode) => {
    if (!literalsChecked.has(document)) literalsChecked.set(document, nulInDocument(document));
    return literalsChecked.get(document);
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const where = nulInLiterals(args.document) ?? nulInValue(args.variableValues ?? {}, '$');
      if (!where) return;
      const message = `${where} contains a NUL character (\\u0000), which cannot be stored or searched; remove it`;
      setResultAndStopExecution({ errors: [badUserInput(where, message)] });
    },
  };
}

/** The path of the first string literal holding a NUL, e.g. "filter.search" or "$slug". */
function nulInDocument(document: DocumentNode): string | undefined {
  const path: string[] = [];
  let found: string | undefined;
  visit(document, {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    VariableDefinition: { enter: (node) => void path.push(`$${node.variable.name.value}`), leave: () => void path.pop() },
    [Kind.STRING]: (node) => {
      found ??= node.value.includes('\u0000') ? path.join('.') : undefined;
    },
  });
  return found;
}

/** The path of the first string holding a NUL in a variable's value, e.g. "$input.title". */
function nulInValue(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulInValue(item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulInValue(item, path === '$' ? `$${key}` : `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
