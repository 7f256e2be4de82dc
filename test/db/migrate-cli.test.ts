// `npm run db:migrate` as a user runs it: a separate process that finds its database.
import { execFile } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { createTestDatabase } from '../support/database.js';
import { freePort, makeScratchDir, onServer } from '../support/test-server.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runMigrateCli(env: Record<string, string>): Promise<Run> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/migrate.ts'],
      { cwd: PROJECT_ROOT, env: { ...inherited, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run db:migrate', () => {
  let scratchDir: string;
  let embeddedEnv: Record<string, string>;

  beforeAll(async () => {
    scratchDir = await makeScratchDir('folio-migrate-cli-');
    embeddedEnv = { FOLIO_DATA_DIR: join(scratchDir, 'postgres'), EMBEDDED_DB_PORT: String(await freePort()) };
  });

  afterAll(() => rm(scratchDir, { recursive: true, force: true }));

  it('starts the embedded server when none runs, migrates, and stops it again', async () => {
    const run = await runMigrateCli(embeddedEnv);

    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Applied \d+ migrations: 20261127000000_init, /);
    expect(run.code).toBe(0);
    expect(await stat(join(embeddedEnv.FOLIO_DATA_DIR!, 'postmaster.pid')).catch(() => null)).toBeNull();
  });

  it('uses the embedded server another process runs, and leaves it running', async () => {
    const server = await openEmbeddedPostgres({
      dataDir: embeddedEnv.FOLIO_DATA_DIR!,
      port: Number(embeddedEnv.EMBEDDED_DB_PORT),
      database: 'folio',
    });
    try {
      const run = await runMigrateCli(embeddedEnv);

      expect(run.stdout).toContain(`Using the embedded PostgreSQL server already running on port ${embeddedEnv.EMBEDDED_DB_PORT}`);
      expect(run.stdout).toContain('Database is up to date\n');
      expect(run.code).toBe(0);
      await onServer(server.url, (client) => client.query('SELECT 1'));
    } finally {
      await server.release();
    }
  });

  it('prints what went wrong, without a stack trace, and exits 1', async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      await onServer(database.url, (client) => client.query('CREATE TABLE "legacy" ("id" INTEGER)'));

      const run = await runMigrateCli({ DATABASE_URL: database.url });

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('already has tables (legacy) but no migration history');
      expect(run.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await database.drop();
    }
  });
});
