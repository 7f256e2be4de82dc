import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolioYoga, type FolioYoga } from '../../src/http/yoga.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

interface LogLine {
  level: number;
  msg?: string;
  requestId?: string;
  err?: { message: string };
}

interface Answer {
  requestId: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const ERROR_LEVEL = 50;
const logged: LogLine[] = [];
const faultsLogged = () => logged.filter((line) => line.level >= ERROR_LEVEL);

/** The server's own wiring over `app`'s database, with a logger whose lines the tests read. */
function folioOver(app: TestApp): FolioYoga {
  const logger = pino({ base: undefined }, { write: (line: string) => void logged.push(JSON.parse(line) as LogLine) });
  return createFolioYoga({ db: app.db, logger });
}

async function ask(yoga: FolioYoga, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  logged.length = 0;
  const response = await yoga.fetch('http://folio.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { requestId: response.headers.get('x-request-id'), body: (await response.json()) as Answer['body'] };
}

let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
});

afterAll(() => app?.stop());

describe('a subscription', () => {
  it('is refused as an invalid query that says what to do instead, and is no fault of the server', async () => {
    const { body } = await ask(folioOver(app), 'subscription { posts { totalCount } }');
    expect(body.errors).toEqual([
      {
        message: 'This API has no subscription operations; send a query instead (again later, to see what changed).',
        locations: [{ line: 1, column: 1 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(body.data).toBeUndefined();
    expect(faultsLogged()).toEqual([]);
  });
});

describe('an answer that asks to quote the requestId', () => {
  let broken: TestApp;
  let author: Record<string, string>;

  beforeAll(async () => {
    broken = await TestApp.start();
    await givenPost(broken.db, { slug: 'x', tags: ['git'] });
    author = await broken.authorHeaders();
    // Authenticating reads api_tokens before any resolver runs; listing tags reads post_tags.
    await broken.db.prisma.$executeRawUnsafe('DROP TABLE api_tokens, post_tags');
  });

  afterAll(() => broken?.stop());

  it('carries it when the fault happens while the request is being set up', async () => {
    const { requestId, body } = await ask(folioOver(broken), '{ posts { totalCount } }', author);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toMatch(/quote the requestId/);
    expect(body.errors![0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    expect(JSON.stringify(body)).not.toMatch(/api_tokens|SELECT|at .*\.ts/);
    expect(faultsLogged()).toHaveLength(1);
    expect(faultsLogged()[0]).toMatchObject({ msg: 'unexpected error', requestId });
    expect(faultsLogged()[0]!.err?.message).toMatch(/api_tokens/);
  });

  it('carries the id of the x-request-id header when the fault happens in a resolver', async () => {
    const { requestId, body } = await ask(folioOver(broken), '{ posts { edges { node { slug tags { slug } } } } }');
    expect(body.errors?.map((error) => error.extensions)).toContainEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    expect(faultsLogged().length).toBeGreaterThan(0);
    expect(faultsLogged().every((line) => line.requestId === requestId)).toBe(true);
  });
});
