import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin, { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { DateTimeResolver } from 'graphql-scalars';
import type { RequestContext } from '../request/context.js';
import { defaultFieldCost, EDGES_COST, nodesCost, RECORD_COST } from './cost.js';
import { badUserInput } from '../request/errors.js';
import { loadNode } from './node.js';
import AnswerKeysPlugin from './answer-keys.js';

export const builder = new SchemaBuilder<{
  Context: RequestContext;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string | number };
    File: { Input: File; Output: never };
  };
}>({
  plugins: [RelayPlugin, DataloaderPlugin, ComplexityPlugin, AnswerKeysPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Every connection here computes its own cursors and page info (see pagination.ts).
    edgesFieldOptions: { nullable: { list: false, items: false }, complexity: EDGES_COST },
    nodeFieldOptions: { nullable: false },
    nodeQueryOptions: { complexity: RECORD_COST, resolve: (_root, { id }, context) => loadNode(id, context) },
    nodesQueryOptions: {
      complexity: ({ ids }) => nodesCost(ids),
      resolve: (_root, { ids }, context) => ids.map((id) => loadNode(id, context)),
    },
    decodeGlobalID: (globalID) => {
      const refuse = () => badUserInput('id', `"${globalID.slice(0, 100)}" is not an id from this API; pass the \`id\` a query answered with (a Post, Page, Tag, Author or Image)`);
      let decoded: { typename: string; id: string };
      try {
        decoded = decodeGlobalID(globalID);
      } catch {
        throw refuse();
      }
      // Base64 has several spellings of the same bytes; only the one we hand out names a node.
      if (encodeGlobalID(decoded.typename, decoded.id) !== globalID) throw refuse();
      return decoded;
    },
  },
  // Fields declare what they cost (see cost.ts); src/http/query-cost.ts holds queries to a budget.
  complexity: { fieldComplexity: defaultFieldCost },
});

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An ISO-8601 date and time in UTC, e.g. "2024-05-12T00:00:00.000Z".',
});

// A file sent by the GraphQL multipart request spec: Yoga puts it in the variables as a File.
builder.scalarType('File', {
  description: 'A file uploaded by the GraphQL multipart request spec (a form field named in `map`).',
  serialize: () => {
    throw new Error('A File is only ever an input');
  },
  parseValue: (value) => {
    // Yoga's File is its own implementation of the web File, not Node's class.
    if (!isFileLike(value)) throw badUserInput('file', 'Send the file as a part of a multipart request (the GraphQL multipart request spec)');
    return value;
  },
});

function isFileLike(value: unknown): value is File {
  return typeof value === 'object' && value !== null && typeof (value as File).stream === 'function' && typeof (value as File).size === 'number';
}

builder.queryType({});
builder.mutationType({});
