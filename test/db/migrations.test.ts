// Fails when prisma/schema.prisma and prisma/migrations disagree: Prisma's own schema engine
// compares a database migrated from scratch with the schema.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { sqlToReachSchema } from '../support/schema-engine.js';

const schema = await readFile(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8');

describe('prisma/migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    await migrate(database.url);
  });

  afterAll(() => database.drop());

  it('create exactly what prisma/schema.prisma describes', async () => {
    const missing = await sqlToReachSchema(database.url, schema);

    expect(
      missing,
      `prisma/schema.prisma and prisma/migrations disagree. A new migration with this SQL would reconcile them:\n\n${missing}\n`,
    ).toBeNull();
  });

  it('would be caught lacking a change made to the schema', async () => {
    const changed = schema.replace(/^model Tag \{$/m, 'model Tag {\n  subtitle String?');
    expect(changed).not.toBe(schema);

    expect(await sqlToReachSchema(database.url, changed)).toContain('ALTER TABLE "tags" ADD COLUMN     "subtitle" TEXT;');
  });
});
