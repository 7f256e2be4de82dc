import { inject } from 'vitest';
import { databaseUrlFor, onServer, randomSuffix } from './test-server.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of the test's own: a copy of the migrated template, or with `empty: true`
 * a database with nothing in it. Create it in `beforeAll`, drop it in `afterAll`.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('databaseAdminUrl');
  const template = inject('templateDatabase');
  // Named after the run's template, so the global teardown can find what a crashed test left.
  const name = `${template.replace('folio_template_', 'folio_test_')}_${randomSuffix()}`;
  const source = options.empty ? 'template0' : template;
  await onServer(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${source} ENCODING 'UTF8'`));
  return {
    url: databaseUrlFor(adminUrl, name),
    async drop() {
      await onServer(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
