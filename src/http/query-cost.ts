import { createComplexityRule } from '@pothos/plugin-complexity';
import { type DocumentNode, getOperationAST, getVariableValues, GraphQLError, type GraphQLSchema, validate } from 'graphql';
import type { GraphQLParams, Plugin, YogaInitialContext } from 'graphql-yoga';
import { MAX_LIST_ITEMS, QUERY_COST_BUDGET } from '../schema/cost.js';

/** What a query costs and the most it may, sent to clients in `extensions.cost`. */
export interface QueryCost {
  requested: number;
  limit: number;
}

/**
 * Holds every query to the cost budget before anything of it runs (no resolver, no SQL), counted
 * with the request's own variables, and tells the client the cost in `extensions.cost`.
 * Measured on every request once the document is known to be valid, since the cost of a document
 * changes with its variables.
 */
export function queryCost(limit = QUERY_COST_BUDGET): Plugin {
  const costs = new WeakMap<Request, QueryCost>();
  const measured = new MeasuredCosts();
  return {
    onValidate({ context, params: { schema, documentAST } }) {
      return ({ valid, setResult }) => {
        if (!valid) return;
        const { request, params } = context as YogaInitialContext;
        const { cost, refusals } = measured.of(documentAST, params, () => measure(schema, documentAST, params, context, limit));
        if (cost) costs.set(request, cost);
        if (refusals.length) setResult([...refusals]);
      };
    },
    onResultProcess({ request, result, setResult }) {
      const cost = costs.get(request);
      if (!cost || Array.isArray(result) || Symbol.asyncIterator in result) return;
      setResult({ ...result, extensions: { ...result.extensions, cost } });
    },
  };
}

type Measured = ReturnType<typeof measure>;

// Variables longer than this (a post's Markdown, say) are measured each time rather than kept.
const MAX_KEPT_VARIABLES_LENGTH = 1024;
// Per document: a page asked for with this many different variables starts its list afresh.
// With Yoga's 1,024 parsed documents, what is kept stays under 16 MB however clients vary them.
const MAX_KEPT_PER_DOCUMENT = 16;

/**
 * The measurements of each document with each operation name and variables: a cost depends on
 * nothing else (no field's cost reads the context), and measuring walks the whole query with
 * graphql-js's validation, a good part of a small query's time.
 */
class MeasuredCosts {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, Measured>>();

  of(document: DocumentNode, { variables, operationName }: GraphQLParams, measureNow: () => Measured): Measured {
    const key = keyOf(operationName, variables);
    if (key === null) return measureNow();
    let kept = this.byDocument.get(document);
    if (!kept) this.byDocument.set(document, (kept = new Map()));
    const known = kept.get(key);
    if (known) return known;
    const measured = measureNow();
    // A refusal is not kept: it is rare, and keeping it would let over-budget requests fill memory.
    if (measured.refusals.length === 0) {
      if (kept.size >= MAX_KEPT_PER_DOCUMENT) kept.clear();
      kept.set(key, measured);
    }
    return measured;
  }
}

/** The key of a measurement, or null for variables too long, or too deeply nested, to keep. */
function keyOf(operationName: string | null | undefined, variables: GraphQLParams['variables']): string | null {
  try {
    const key = `${operationName ?? ''} ${JSON.stringify(variables ?? {})}`;
    return key.length > MAX_KEPT_VARIABLES_LENGTH ? null : key;
  } catch {
    // Nesting too deep for JSON.stringify: measured each time, like long variables.
    return null;
  }
}

function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  { variables = {}, operationName }: GraphQLParams,
  context: object,
  limit: number,
): { cost?: QueryCost; refusals: GraphQLError[] } {
  const oversized = oversizedList(variables);
  if (oversized) return { refusals: [oversized] };
  const operation = getOperationAST(document, operationName);
  // Without one operation to run, or with variables that do not fit it, execution refuses the
  // request with its usual errors.
  if (!operation || getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return { refusals: [] };

  let cost: QueryCost | undefined;
  const budget = createComplexityRule({
    context,
    variableValues: variables,
    operationName,
    validate: ({ complexity }, reportError) => {
      cost = { requested: complexity, limit };
      if (complexity > limit) reportError(overBudget(cost));
    },
  });
  try {
    const refusals = validate(schema, document, [budget]);
    return { cost, refusals: refusals.map(asBadInput) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { refusals: [asBadInput(error)] };
  }
}

// Besides the budget, measuring fails only on an argument it cannot read (a malformed id, the
// id of a tag where a post's is due): bad input, as execution would have said.
function asBadInput(error: GraphQLError): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } });
}

/**
 * A variable holding a list longer than any argument takes, anywhere inside it, found before
 * GraphQL reads the variables: reading 200,000 ids takes the server longer than refusing them.
 * Walked without recursion, as JSON may nest deeper than the stack goes.
 */
function oversizedList(variables: Record<string, unknown>): GraphQLError | null {
  const pending = Object.entries(variables);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [variable, value] = next;
    if (Array.isArray(value) && value.length > MAX_LIST_ITEMS) {
      return new GraphQLError(
        `$${variable} holds a list of ${value.length} items; no list argument takes more than ${MAX_LIST_ITEMS}. ` +
          'Ask for the rest in further queries.',
        { extensions: { code: 'BAD_USER_INPUT', variable } },
      );
    }
    if (value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) pending.push([variable, item]);
    }
  }
  return null;
}

function overBudget(cost: QueryCost): GraphQLError {
  return new GraphQLError(
    `This query costs ${cost.requested}, more than the limit of ${cost.limit}: it counts the records the answer may ` +
      'hold, page sizes multiplied down the tree. Ask for smaller pages (`first`, `last`), fewer nested lists, ' +
      'or split it into several queries.',
    { extensions: { code: 'BAD_USER_INPUT', cost } },
  );
}
