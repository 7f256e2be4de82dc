import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/client.js';
import { Prisma } from '../../src/db/generated/prisma/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { onServer } from '../support/test-server.js';

let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Database(database.url);
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('an idle connection that the server closes', () => {
  it('is dropped from the pool without taking the process down; the next query opens another', async () => {
    const [{ pid }] = (await db.rows<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`)) as [{ pid: number }];
    // As a restart or an administrator would; this backend is the test's own.
    await onServer(database.url, (client) => client.query('SELECT pg_terminate_backend($1)', [pid]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [row] = await db.rows<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`);
    expect(row?.pid).not.toBe(pid);
  });
});
