import { readFile } from 'node:fs/promises';
import { generate } from '@graphql-codegen/cli';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import codegenConfig from '../../examples/blog-client/codegen.js';
import { createFolioApolloClient } from '../../examples/blog-client/src/apollo-client.js';
import { allPostsOfTag, archive, homePage, postPage } from '../../examples/blog-client/src/blog.js';
import { Archive, HomePage, PostPage, TagPage } from '../../examples/blog-client/src/documents.js';
import type { HomePageQuery } from '../../examples/blog-client/src/gql/graphql.js';
import { createFolioClient } from '../../examples/blog-client/src/urql-client.js';
import type { RunningServer } from '../../src/http/server.js';
import { seedDatabase } from '../../src/transfer/seed.js';
import { TestApp } from '../support/app.js';

describe('the typed client example', () => {
  it('has generated code that matches schema.graphql and its documents (run `npm run example:codegen`)', async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...codegenConfig, silent: true }, false);
    expect(outputs.map((output) => output.filename).sort()).toEqual(
      ['gql.ts', 'graphql.ts', 'index.ts'].map((name) => `examples/blog-client/src/gql/${name}`),
    );
    for (const output of outputs) expect(await readFile(output.filename, 'utf8'), output.filename).toBe(output.content);
  });

  it('types DateTime as a string', async () => {
    const types = await readFile('examples/blog-client/src/gql/graphql.ts', 'utf8');
    expect(types).toMatch(/publishedAt: string \| null/);
    expect(types).not.toMatch(/publishedAt: any|publishedAt: unknown/);
  });

  it('type-checks', () => {
    // In this worker rather than a child process, so the check does not add to the machine's load.
    const config = ts.getParsedCommandLineOfConfigFile('examples/blog-client/tsconfig.json', {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    })!;
    const program = ts.createProgram(config.fileNames, config.options);
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('clients with a normalised cache, against a running Folio', () => {
  let app: TestApp;
  let server: RunningServer;
  let warnings: MockInstance;
  let errors: MockInstance;

  beforeAll(async () => {
    app = await TestApp.start();
    await seedDatabase(app.db);
    server = await app.listen();
  });

  afterAll(async () => {
    await server?.close();
    await app?.stop();
  });

  beforeEach(() => {
    warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterEach(() => {
    // Caches warn through the console when they cannot key or merge what the API sends.
    expect(warnings.mock.calls).toEqual([]);
    expect(errors.mock.calls).toEqual([]);
    vi.restoreAllMocks();
  });

  it('urql with graphcache reads the four pages and walks a tag to its last page', async () => {
    const client = createFolioClient(server.url);
    const home = await homePage(client, 3);
    expect(home.totalCount).toBe(10);
    expect(home.posts.map((post) => post.publishedAt)).toEqual([...home.posts.map((post) => post.publishedAt)].sort().reverse());

    const { postCount } = (await app.data(`{ tag(slug: "kubernetes") { postCount } }`)).tag;
    const tag = await allPostsOfTag(client, 'kubernetes', 2);
    expect(tag!.pages).toBe(Math.ceil(postCount / 2));
    expect(tag!.posts).toHaveLength(postCount);
    expect(new Set(tag!.posts.map((post) => post.id)).size).toBe(postCount);

    const post = await postPage(client, 'rust-closure-traits');
    expect(post!.headings.length).toBeGreaterThan(0);
    expect(post!.updatedAt).toBe(post!.publishedAt);

    const years = await archive(client);
    expect(years.map((year) => year.year)).toEqual([2024, 2023]);
    expect(new Set(years.flatMap((year) => [year.id, ...year.months.map((month) => month.id)])).size).toBe(2 + 7);
    // Asked again, the archive comes whole from the cache.
    expect(await archive(client)).toEqual(years);
  });

  it('graphcache would warn about Heading without the keys config the example documents', async () => {
    const bare = new Client({ url: server.url, exchanges: [cacheExchange({}), fetchExchange] });
    await postPage(bare, 'rust-closure-traits');
    expect(warnings.mock.calls.flat().join('\n')).toMatch(/Heading/);
    warnings.mockClear();
  });

  it('Apollo Client with relayStylePagination reads the four pages and walks the posts to the end', async () => {
    const client = createFolioApolloClient(server.url);
    let seen: string[] = [];
    let hasNextPage = true;
    let after: string | null = null;
    // Bounded, so that a cursor that stopped moving fails the test instead of hanging it.
    for (let pages = 0; hasNextPage && pages < 10; pages++) {
      // Each page comes from the server; cache-first would answer every `after` with what it has merged.
      const { data }: { data?: HomePageQuery } = await client.query({ query: HomePage, variables: { first: 4, after }, fetchPolicy: 'network-only' });
      // relayStylePagination answers with every page fetched so far.
      seen = data!.posts.edges.map((edge) => edge.node.slug);
      ({ hasNextPage, endCursor: after } = data!.posts.pageInfo);
    }
    expect(hasNextPage).toBe(false);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);

    const tag = await client.query({ query: TagPage, variables: { slug: 'rust', first: 20 } });
    expect(tag.data?.tag?.posts.edges.length).toBe(tag.data?.tag?.postCount);
    const post = await client.query({ query: PostPage, variables: { slug: 'rust-closure-traits' } });
    expect(post.data?.post?.headings.length).toBeGreaterThan(0);
    const { data } = await client.query({ query: Archive });
    expect(data?.archive.reduce((sum, year) => sum + year.postCount, 0)).toBe(10);
  });
});
