import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/client.js';
import { Prisma } from '../../src/db/generated/prisma/client.js';
import { createFolioYoga, type FolioYoga } from '../../src/http/yoga.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Errors raised while building a request's context, before any resolver runs (checking the
// token), carry the request id like any other error, in the answer and in the log.
let database: TestDatabase;
let db: Database;
let yoga: FolioYoga;
const log: Record<string, unknown>[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Database(database.url);
  const logger = pino({ base: undefined }, { write: (line: string) => void log.push(JSON.parse(line)) });
  yoga = createFolioYoga({ db, logger });
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function askWithToken(token: string) {
  const response = await yoga.fetch('http://folio.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ posts(first: 1) { totalCount } }' }),
  });
  const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  return { status: response.status, requestId: response.headers.get('x-request-id'), error: body.errors[0]! };
}

describe('errors while building the request context', () => {
  it('carry the request id when the token is refused', async () => {
    const { status, requestId, error } = await askWithToken('not-a-token');
    expect(status).toBe(401);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', requestId });
  });

  it('carry the request id, in the answer and the log, when checking the token fails unexpectedly', async () => {
    await db.rows(Prisma.sql`DROP TABLE api_tokens`);
    const { requestId, error } = await askWithToken(`folio_${'A'.repeat(43)}`);
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    expect(JSON.stringify(error)).not.toMatch(/api_tokens|\s{2,}at /);
    expect(log.filter((entry) => entry.msg === 'unexpected error').map((entry) => entry.requestId)).toEqual([requestId]);
  });
});
