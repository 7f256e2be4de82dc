import type { CodegenConfig } from '@graphql-codegen/cli';

// Paths are relative to the project root, where `npm run example:codegen` runs.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/blog-client/src/**/*.ts', '!examples/blog-client/src/gql/**'],
  generates: {
    'examples/blog-client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Folio sends DateTime as an ISO-8601 string; without this it would type as `unknown`.
        scalars: { DateTime: 'string' },
        useTypeImports: true,
        // Imports with `.js`, as Node's ES modules and TypeScript's NodeNext resolution need.
        emitLegacyCommonJSImports: false,
      },
    },
  },
};

export default config;
