// The peer: PostGraphile v4 over the same tables, configured as its documentation recommends
// for production, with the functions of postgraphile.sql standing in for the rules Folio keeps
// in code (visibility, orderings, neighbours, related posts).
import './postgraphile-graphql.js';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import pg from 'pg';
import type { PostGraphileOptions } from 'postgraphile';
import { type ContenderOptions, type ListeningServer, servePool } from './listen.js';

// CommonJS packages whose exports Node's ESM loader does not see as their type declarations
// describe them (postgraphile re-exports graphile-utils; pg-many-to-many exports a function).
const require = createRequire(import.meta.url);
const { makeJSONPgSmartTagsPlugin, postgraphile } = require('postgraphile') as typeof import('postgraphile');
const PgManyToManyPlugin = require('@graphile-contrib/pg-many-to-many') as typeof import('@graphile-contrib/pg-many-to-many').default;

const FUNCTIONS_SQL = new URL('./postgraphile.sql', import.meta.url);
const SCHEMAS = ['public', 'bench_graphile'];

// Smart tags, kept here rather than as comments on Folio's tables: hide the tables a public reading
// API must not publish, and declare tags.slug unique (Folio makes it a unique index, which v4
// does not turn into Query.tagBySlug the way it does a unique constraint).
const SmartTags = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: {
    class: {
      api_tokens: { tags: { omit: true } },
      _prisma_migrations: { tags: { omit: true } },
      tags: { tags: { unique: 'slug' } },
    },
  },
});

/**
 * The production options PostGraphile's documentation recommends (dynamic JSON, setof functions
 * without nulls, RBAC respected, no GraphiQL, no query log, legacy relations omitted), with no
 * schema watching, required function arguments and no mutations (a reading API, as measured).
 * Unlike that list: no retry on a failed start, so a broken setup stops the run; and no
 * pg-simplify-inflector, which only shortens names.
 */
export const POSTGRAPHILE_OPTIONS: PostGraphileOptions = {
  graphiql: false,
  watchPg: false,
  disableQueryLog: true,
  showErrorStack: false,
  retryOnInitFail: false,
  enableCors: false,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  legacyRelations: 'omit',
  disableDefaultMutations: true,
  appendPlugins: [PgManyToManyPlugin, SmartTags],
  graphileBuildOptions: { pgStrictFunctions: true },
};

/** The options, but for the plugins, as the results file shows them. */
export function describePostGraphileOptions(): string {
  const { appendPlugins: _plugins, ...options } = POSTGRAPHILE_OPTIONS;
  return JSON.stringify(options);
}

/** Creates or replaces the functions of postgraphile.sql in the database. */
export async function installPostGraphileFunctions(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(await readFile(FUNCTIONS_SQL, 'utf8'));
  } finally {
    await client.end();
  }
}

/** Serves PostGraphile at /graphql; the functions must be installed first. */
export function startPostGraphileServer(options: ContenderOptions): Promise<ListeningServer> {
  return servePool(options, (pool) => {
    const middleware = postgraphile(pool, SCHEMAS, POSTGRAPHILE_OPTIONS);
    return { listener: middleware, release: () => middleware.release() };
  });
}
