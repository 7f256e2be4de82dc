import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/client.js';
import { migrationNames } from '../../src/db/migrate.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createFolioYoga } from '../../src/http/yoga.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// What orchestrators poll: /health while the process lives, /ready while it can serve.
const servers: { server: RunningServer; db: Database; database: TestDatabase }[] = [];

async function serve(options: { empty?: boolean } = {}): Promise<string> {
  const database = await createTestDatabase(options);
  const db = new Database(database.url);
  const server = await listen(createFolioYoga({ db, logger: createLogger('silent') }), 0, '127.0.0.1', { db });
  servers.push({ server, db, database });
  return new URL(server.url).origin;
}

let migrated: string;
let unmigrated: string;

beforeAll(async () => {
  [migrated, unmigrated] = await Promise.all([serve(), serve({ empty: true })]);
});

afterAll(async () => {
  for (const { server, db, database } of servers) {
    await server.close();
    await db.close();
    await database.drop();
  }
});

describe('the probe endpoints', () => {
  it('say the process is alive at /health', async () => {
    const response = await fetch(`${unmigrated}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'alive' });
  });

  it('say a migrated database is ready', async () => {
    const response = await fetch(`${migrated}/ready`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('name the migrations a database lacks, and how to apply them', async () => {
    const response = await fetch(`${unmigrated}/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      problems: [`The database lacks these migrations: ${(await migrationNames()).join(', ')}. Run \`npm run db:migrate\`.`],
    });
  });

  it('answer HEAD requests too', async () => {
    expect((await fetch(`${migrated}/ready`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${unmigrated}/health`, { method: 'HEAD' })).status).toBe(200);
  });
});
