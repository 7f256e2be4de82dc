import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { Database } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// The server as `npm start` runs it: the bundle in dist/, on the Node that runs the tests (CI
// runs the suite on every Node version the README names), over a database of its own.
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let database: TestDatabase;
let server: ChildProcess;
let url: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await promisify(execFile)('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT });
  const { DATABASE_URL: _ignored, REDIS_URL: _none, ...inherited } = process.env;
  server = spawn(process.execPath, ['--enable-source-maps', 'dist/main.mjs'], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const serving = /Folio is serving GraphiQL at (\S+)"/.exec(output);
      if (serving) resolve(serving[1]!);
    });
    server.once('exit', (code) => reject(new Error(`the server exited with ${code} before serving:\n${output}`)));
  });
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGKILL');
    await once(server, 'exit');
  }
  await database?.drop();
});

async function graphql(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, any>; errors?: unknown[] } };
}

describe(`the built server on Node ${process.versions.node}`, () => {
  it('renders a post on its worker threads and answers queries', async () => {
    const db = new Database(database.url);
    const token = await createToken(db, 'built-server').finally(() => db.close());
    const created = await graphql(
      'mutation { createPost(input: { title: "Built", markdown: "# Hello\\n\\nFrom **the bundle**.", status: PUBLISHED }) { slug html } }',
      { authorization: `Bearer ${token}` },
    );
    expect(created.body).toMatchObject({
      data: { createPost: { slug: 'built', html: '<h1 id="user-content-hello">Hello</h1>\n<p>From <strong>the bundle</strong>.</p>\n' } },
    });
    const read = await graphql('{ posts { totalCount edges { node { slug readingMinutes } } } }');
    expect(read).toMatchObject({ status: 200, body: { data: { posts: { totalCount: 1, edges: [{ node: { slug: 'built', readingMinutes: 1 } }] } } } });
  });

  it('names PORT, without a stack trace, when its port is taken', async () => {
    const { DATABASE_URL: _ignored, REDIS_URL: _none, ...inherited } = process.env;
    const second = spawn(process.execPath, ['dist/main.mjs'], {
      cwd: PROJECT_ROOT,
      env: { ...inherited, DATABASE_URL: database.url, PORT: new URL(url).port, HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    second.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = await once(second, 'exit');
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`Error: Port ${new URL(url).port} on 127.0.0.1 is already in use by another program; set PORT to a free port`);
  });

  it('names a malformed variable, without a stack trace, and does not start', async () => {
    for (const [name, value] of [['HTTP_MAX_AGE', 'abc'], ['CORS_ORIGINS', 'foo'], ['POST_URL_PATTERN', '/posts/']]) {
      const { DATABASE_URL: _ignored, REDIS_URL: _none, ...inherited } = process.env;
      const refused = spawn(process.execPath, ['dist/main.mjs'], {
        cwd: PROJECT_ROOT,
        env: { ...inherited, DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', [name!]: value },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      refused.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const [code] = await once(refused, 'exit');
      expect(code).toBe(1);
      expect(stderr.trim()).toMatch(new RegExp(`^Error: ${name} must [^\\n]*\\(got "${value!.replace(/[/]/g, '\\/')}"\\)$`));
    }
  });

  it('stops on SIGTERM', async () => {
    server.kill('SIGTERM');
    const [code] = await once(server, 'exit');
    expect(code).toBe(0);
  });
});
