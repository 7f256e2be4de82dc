import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MigrationError } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeScratchDir, onServer } from '../support/test-server.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
// The tables the models of prisma/schema.prisma map to.
const schema = await readFile(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8');
// Every migration of the project, in the order they apply; the first creates the schema.
const MIGRATIONS = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const INIT = MIGRATIONS[0]!;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const databases: TestDatabase[] = [];
const scratchDirs: string[] = [];

afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function emptyDatabase(): Promise<string> {
  const database = await createTestDatabase({ empty: true });
  databases.push(database);
  return database.url;
}

/** A copy of prisma/migrations that a test may change. */
async function copyOfMigrations(): Promise<string> {
  const dir = await makeScratchDir('folio-migrations-');
  scratchDirs.push(dir);
  const copy = join(dir, 'migrations');
  await cp(MIGRATIONS_DIR, copy, { recursive: true });
  return copy;
}

async function addMigration(migrationsDir: string, name: string, script: string): Promise<void> {
  await mkdir(join(migrationsDir, name));
  await writeFile(join(migrationsDir, name, 'migration.sql'), script);
}

async function rows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  return onServer(url, async (client) => (await client.query(sql)).rows);
}

async function migrationError(run: Promise<unknown>): Promise<MigrationError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('migrate', () => {
  it('applies the migrations to an empty database and records them as Prisma does', async () => {
    const url = await emptyDatabase();

    expect(await migrate(url)).toEqual({ applied: MIGRATIONS });

    const scripts = await Promise.all(MIGRATIONS.map((name) => readFile(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8')));
    expect(await rows(url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name')).toEqual(
      MIGRATIONS.map((name, index) => ({
        id: expect.stringMatching(UUID_V4),
        checksum: sha256(scripts[index]!),
        finished_at: expect.any(Date),
        migration_name: name,
        logs: null,
        rolled_back_at: null,
        started_at: expect.any(Date),
        applied_steps_count: 1,
      })),
    );
    const columns = await rows(
      url,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', length: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', length: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', length: null, is_nullable: 'NO', column_default: '0' },
    ]);
    const tables = await rows(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    const modelTables = [...schema.matchAll(/@@map\("(\w+)"\)/g)].map((match) => match[1]);
    expect(tables.map((row) => row.tablename)).toEqual(['_prisma_migrations', ...modelTables].sort());
  });

  it('applies nothing when the database is up to date', async () => {
    const url = await emptyDatabase();
    await migrate(url);

    expect(await migrate(url)).toEqual({ applied: [] });
    expect(await rows(url, 'SELECT migration_name FROM _prisma_migrations')).toHaveLength(MIGRATIONS.length);
  });

  it('applies each migration once when two runs start at the same moment', async () => {
    const url = await emptyDatabase();

    const results = await Promise.all([migrate(url), migrate(url)]);

    expect(results.map((result) => result.applied).sort()).toEqual([[], MIGRATIONS]);
    expect(await rows(url, 'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name')).toEqual(
      MIGRATIONS.map((name) => ({ migration_name: name })),
    );
  });

  it('applies later migrations in folder-name order and logs each', async () => {
    const url = await emptyDatabase();
    const migrationsDir = await copyOfMigrations();
    await addMigration(migrationsDir, '20261202000000_second', 'ALTER TABLE "tags" ADD COLUMN "second" TEXT;\n');
    await addMigration(migrationsDir, '20261201000000_first', 'ALTER TABLE "tags" ADD COLUMN "first" TEXT;\n');
    const messages: string[] = [];

    const { applied } = await migrate(url, { migrationsDir, log: (message) => messages.push(message) });

    expect(applied).toEqual([...MIGRATIONS, '20261201000000_first', '20261202000000_second']);
    expect(messages).toEqual(applied.map((name) => `Applying migration ${name}`));
  });

  it('accepts an applied migration whose line endings changed, as Prisma does', async () => {
    const url = await emptyDatabase();
    const migrationsDir = await copyOfMigrations();
    await migrate(url, { migrationsDir });
    const file = join(migrationsDir, INIT, 'migration.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('\n', '\r\n'));

    expect(await migrate(url, { migrationsDir })).toEqual({ applied: [] });
  });

  it('refuses to go on when an applied migration was edited', async () => {
    const url = await emptyDatabase();
    const migrationsDir = await copyOfMigrations();
    await migrate(url, { migrationsDir });
    await writeFile(join(migrationsDir, INIT, 'migration.sql'), '-- edited\n', { flag: 'a' });
    await addMigration(migrationsDir, '20261201000000_next', 'ALTER TABLE "tags" ADD COLUMN "next" TEXT;\n');

    const error = await migrationError(migrate(url, { migrationsDir }));

    expect(error.message).toContain(`The migration ${INIT} was modified after it was applied to this database`);
    expect(error.message).toContain('put the change in a new migration');
    expect(await rows(url, 'SELECT migration_name FROM _prisma_migrations')).toHaveLength(MIGRATIONS.length);
  });

  it('records a failed migration, refuses to go on, and resumes once it is marked rolled back', async () => {
    const url = await emptyDatabase();
    const migrationsDir = await copyOfMigrations();
    const broken = '20261201000000_broken';
    await addMigration(migrationsDir, broken, 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "missing";\n');

    const failure = await migrationError(migrate(url, { migrationsDir }));

    expect(failure.message).toContain(`The migration ${broken} failed to apply.`);
    expect(failure.message).toContain('Database error code: 42P01');
    expect(failure.message).toContain('Database error (line 2): relation "missing" does not exist');
    const history = await rows(url, 'SELECT migration_name, finished_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY started_at');
    expect(history).toEqual([
      ...MIGRATIONS.map((name) => ({ migration_name: name, finished_at: expect.any(Date), logs: null, applied_steps_count: 1 })),
      { migration_name: broken, finished_at: null, logs: expect.stringContaining('relation "missing" does not exist'), applied_steps_count: 0 },
    ]);
    // The script ran as one transaction: its first statement left nothing behind.
    expect(await rows(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toEqual([]);

    const refusal = await migrationError(migrate(url, { migrationsDir }));
    expect(refusal.message).toContain('The database has failed migrations');
    expect(refusal.message).toContain(`The migration ${broken} started at`);
    expect(refusal.message).toContain(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name IN ('${broken}')`);

    await onServer(url, (client) =>
      client.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name IN ('${broken}') AND finished_at IS NULL`),
    );
    await writeFile(join(migrationsDir, broken, 'migration.sql'), 'CREATE TABLE "half_done" ("id" INTEGER);\n');
    expect(await migrate(url, { migrationsDir })).toEqual({ applied: [broken] });
  });

  it('refuses a database that has tables but no migration history', async () => {
    const url = await emptyDatabase();
    await onServer(url, (client) => client.query('CREATE TABLE "someone_elses" ("id" INTEGER)'));

    const error = await migrationError(migrate(url));

    expect(error.message).toContain('already has tables (someone_elses) but no migration history');
    expect(error.message).toContain('Point DATABASE_URL at an empty database');
    expect(await rows(url, "SELECT 1 FROM pg_tables WHERE tablename = '_prisma_migrations'")).toEqual([]);
  });

  it('explains a database it cannot reach', async () => {
    const error = await migrationError(migrate('postgresql://postgres@127.0.0.1:1/nowhere'));

    expect(error.message).toMatch(/^Could not connect to the database to migrate it: /);
  });
});
