import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/http/graphiql/examples.js';
import { seedDatabase } from '../../../src/transfer/seed.js';
import { TestApp } from '../../support/app.js';

// How the server delivers GraphiQL: the page, its files and its headers. The page running in a
// browser is checked in browser.test.ts.
let app: TestApp;
let assetsDir: string;

beforeAll(async () => {
  assetsDir = await mkdtemp(path.join(tmpdir(), 'folio-graphiql-assets-'));
  await writeFile(path.join(assetsDir, 'graphiql.js'), 'console.log("GraphiQL");');
  await writeFile(path.join(assetsDir, 'graphiql.css'), 'body { margin: 0 }');
  app = await TestApp.start({ graphiqlAssetsDir: assetsDir });
  await seedDatabase(app.db);
});

afterAll(async () => {
  await app?.stop();
  await rm(assetsDir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) =>
  app.yoga.fetch(`http://folio.test${pathname}`, { headers });

function policyOf(response: Response): Map<string, string> {
  const header = response.headers.get('content-security-policy') ?? '';
  return new Map(header.split(';').map((directive) => {
    const [name = '', ...sources] = directive.trim().split(/\s+/);
    return [name, sources.join(' ')];
  }));
}

describe('the GraphiQL page', () => {
  it('is what a browser gets from /graphql, with Folio title, favicon and examples', async () => {
    const response = await get('/graphql', { accept: 'text/html,application/xhtml+xml' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).toContain('<title>Folio</title>');
    expect(page).toContain('<link rel="icon" type="image/svg+xml" href="/graphiql/favicon.svg">');
    const config = JSON.parse(page.match(/<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s)![1]!);
    expect(config).toEqual({ endpoint: '/graphql', examples: EXAMPLES });
    expect(config.examples[0].query).toContain('query LatestPosts');
  });

  it('loads nothing from another origin', async () => {
    const page = await (await get('/graphql', { accept: 'text/html' })).text();
    const references = [...page.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(references).toEqual(['/graphiql/favicon.svg', '/graphiql/graphiql.css', '/graphiql/graphiql.js']);
  });

  it('is sent with a policy that allows only its own origin and no framing', async () => {
    const response = await get('/graphql', { accept: 'text/html' });
    const policy = policyOf(response);
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('worker-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps its settings from ending the script element they sit in', async () => {
    const page = await (await get('/graphql', { accept: 'text/html' })).text();
    const config = page.match(/id="graphiql-config">(.*?)<\/script>/s)![1]!;
    expect(config).not.toContain('<');
  });

  it('says how to build GraphiQL when its bundle is missing', async () => {
    const unbuilt = await TestApp.start({ graphiqlAssetsDir: path.join(assetsDir, 'never-built') });
    try {
      const response = await unbuilt.yoga.fetch('http://folio.test/graphql', { headers: { accept: 'text/html' } });
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('Run <code>npm run build</code>');
    } finally {
      await unbuilt.stop();
    }
  });
});

describe('the GraphiQL files', () => {
  it('are served from the bundle folder with their content type and the same policy', async () => {
    const response = await get('/graphiql/graphiql.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(policyOf(response).get('default-src')).toBe("'none'");
    expect(await response.text()).toBe('console.log("GraphiQL");');
  });

  it('answer 304 when the browser has the file already', async () => {
    const first = await get('/graphiql/graphiql.css');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/graphiql/graphiql.css', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('are only files of the bundle folder', async () => {
    for (const name of ['missing.js', '..%2Fpackage.json', '.hidden.js', 'graphiql.exe', 'sub%2Fgraphiql.js']) {
      const response = await get(`/graphiql/${name}`);
      expect(response.status, name).toBe(404);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('the API beside GraphiQL', () => {
  it('still answers GET queries that do not ask for HTML', async () => {
    const response = await get(`/graphql?query=${encodeURIComponent('{ posts(first: 1) { totalCount } }')}`, { accept: 'application/json' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { posts: { totalCount: 10 } } });
  });
});

describe("GraphiQL's examples", () => {
  const queries = EXAMPLES.filter((example) => !example.headers);

  it.each(queries.map((example) => [example.query.match(/^query (\w+)/m)![1], example] as const))(
    '%s runs on the sample content without errors and finds posts',
    async (_name, example) => {
      const result = await app.query(example.query, JSON.parse(example.variables ?? '{}'));
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).toMatch(/"title":"[^"]+"/);
    },
  );

  it('the search for 闭包 finds the post on closures', async () => {
    const search = EXAMPLES.find((example) => example.query.includes('query Search'))!;
    const result = await app.data<any>(search.query, JSON.parse(search.variables!));
    expect(result.posts.edges.map((edge: any) => edge.node.slug)).toContain('rust-closure-traits');
  });

  it('the mutation asks for a token, and works with a real one in its place', async () => {
    const mutation = EXAMPLES.find((example) => example.headers)!;
    expect(JSON.parse(mutation.headers!)).toEqual({ Authorization: 'Bearer <token>' });
    const variables = JSON.parse(mutation.variables!);

    const placeholder = await app.query(mutation.query, variables, JSON.parse(mutation.headers!));
    expect(placeholder.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const created = await app.data<any>(mutation.query, variables, await app.authorHeaders());
    expect(created.createPost).toMatchObject({ slug: 'ni-hao-folio', status: 'DRAFT' });
  });
});
