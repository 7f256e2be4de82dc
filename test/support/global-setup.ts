// Once per test run: find a PostgreSQL server and build a migrated template database that
// every test copies (CREATE DATABASE ... TEMPLATE takes milliseconds; migrating takes more).
//
// With DATABASE_URL the tests use that server but never the database it names: they create
// their own databases beside it and drop them afterwards. Without it they start a throwaway
// embedded server in a temp folder, never the development one in .data/.
import { readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { migrate } from '../../src/db/migrate.js';
import { databaseUrlFor, freePort, makeScratchDir, onServer, randomSuffix } from './test-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL on the test server from which to create and drop databases. */
    databaseAdminUrl: string;
    /** The migrated database each test database is copied from; no one connects to it. */
    templateDatabase: string;
  }
}

interface TestServer {
  adminUrl: string;
  close(): Promise<void>;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configuredUrl = process.env.DATABASE_URL?.trim();
  const server = configuredUrl ? configuredServer(configuredUrl) : await throwawayServer();
  const template = `folio_template_${randomSuffix()}`;
  try {
    await onServer(server.adminUrl, (client) => client.query(`CREATE DATABASE ${template} TEMPLATE template0 ENCODING 'UTF8'`));
    await migrate(databaseUrlFor(server.adminUrl, template));
    // A database cannot be copied while anyone is connected to it.
    await onServer(server.adminUrl, (client) => client.query(`ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS false`));
  } catch (error) {
    await server.close();
    throw error;
  }
  project.provide('databaseAdminUrl', server.adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    if (configuredUrl) await dropRunDatabases(server.adminUrl, template);
    await server.close();
  };
}

function configuredServer(url: string): TestServer {
  return { adminUrl: url, close: async () => {} };
}

async function throwawayServer(): Promise<TestServer> {
  const scratchDir = await makeScratchDir('folio-test-postgres-');
  const dataDir = join(scratchDir, 'data');
  const server = await openEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres', durable: false });
  // On Ctrl-C vitest exits at once, skipping the teardown, and the server, which runs
  // detached, would outlive it. The exit event allows only synchronous work: signal the
  // server to quit immediately and remove its folder.
  const killOnExit = () => {
    try {
      process.kill(Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGQUIT');
    } catch {
      // Already stopped.
    }
    rmSync(scratchDir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  return {
    adminUrl: server.url,
    async close() {
      process.off('exit', killOnExit);
      await server.stop();
      await rm(scratchDir, { recursive: true, force: true });
    },
  };
}

/** Drops the template and whatever test databases this run left behind. */
async function dropRunDatabases(adminUrl: string, template: string): Promise<void> {
  await onServer(adminUrl, async (client) => {
    const testPrefix = template.replace('folio_template_', 'folio_test_');
    const { rows } = await client.query<{ name: string }>(
      `SELECT datname AS name FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)`,
      [template, `${testPrefix}_`],
    );
    for (const { name } of rows) await client.query(`DROP DATABASE ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}
