// PostGraphile v4 builds its schema with graphql 15 (its own copy, under node_modules/postgraphile),
// but npm hoists graphql-parse-resolve-info, which its SQL planner uses on every request, to the
// top level beside Folio's graphql 16. Two graphql copies in one schema fail at the first query
// ("Cannot use GraphQLScalarType "Int" from another module or realm"). Import this module before
// postgraphile: it answers graphql-parse-resolve-info's `require('graphql...')` with PostGraphile's
// copy, and nobody else's, so Folio's code in the same process keeps graphql 16.
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';

interface ResolvingModule {
  _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string;
  _nodeModulePaths(from: string): string[];
}

const loader = Module as unknown as ResolvingModule;
const postgraphileDir = dirname(createRequire(import.meta.url).resolve('postgraphile/package.json'));
const parentWithPostGraphilePaths = { paths: loader._nodeModulePaths(postgraphileDir) };
const resolveFilename = loader._resolveFilename;

loader._resolveFilename = function (request, parent, ...rest) {
  const fromResolveInfo = parent?.filename?.includes('/node_modules/graphql-parse-resolve-info/');
  if (fromResolveInfo && (request === 'graphql' || request.startsWith('graphql/'))) {
    return resolveFilename.call(this, request, { ...parent, ...parentWithPostGraphilePaths }, ...rest);
  }
  return resolveFilename.call(this, request, parent, ...rest);
};
