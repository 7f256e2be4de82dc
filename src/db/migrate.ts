// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native
// schema engine (which cannot be downloaded everywhere Folio runs). The history it keeps
// in `_prisma_migrations` is row-for-row what Prisma writes, so the real CLI can take over
// a database this runner migrated, and the other way round.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { projectPath } from '../paths.js';

/** A migration problem the user has to resolve; the message says how. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrateOptions {
  log?: (message: string) => void;
  /** Defaults to the project's prisma/migrations. */
  migrationsDir?: string | URL;
}

interface Migration {
  name: string;
  script: string;
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

const DEFAULT_MIGRATIONS_DIR = projectPath('prisma', 'migrations');

// The key `prisma migrate deploy` locks: sharing it means this runner, Prisma's CLI and a
// second Folio server starting at the same moment all queue up behind each other instead
// of applying the same migration twice.
const PRISMA_MIGRATE_LOCK = 72707369;

const CREATE_HISTORY_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Applies every migration not yet applied to the database, in folder-name order. */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const migrationsDir = toPath(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const migrations = await readMigrations(migrationsDir);

  const client = new pg.Client({ connectionString: databaseUrl });
  // A lost connection also fails the statement in progress, which reports it; unheard, the
  // event would crash the process instead.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(`Could not connect to the database to migrate it: ${messageOf(error)}`);
  }
  try {
    // Held until the connection closes in `finally`.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await ensureHistoryTable(client);
    const history = await readHistory(client);
    refuseFailedMigrations(history);
    refuseEditedMigrations(history, migrations);

    const appliedNames = new Set(history.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !appliedNames.has(m.name))) {
      log(`Applying migration ${migration.name}`);
      await applyMigration(client, migration);
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    await client.end();
  }
}

/** The names of the migrations in the folder, in the order they apply. */
export async function migrationNames(migrationsDir: string | URL = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  return (await readMigrations(toPath(migrationsDir))).map((migration) => migration.name);
}

/** Lowercase hex SHA-256 of the exact file text, as Prisma stores it. */
function migrationChecksum(script: string): string {
  return createHash('sha256').update(script).digest('hex');
}

function toPath(dir: string | URL): string {
  return dir instanceof URL ? fileURLToPath(dir) : dir;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readMigrations(migrationsDir: string): Promise<Migration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: unknown) => {
    throw new MigrationError(`Could not read the migrations folder ${migrationsDir}: ${messageOf(error)}`);
  });
  await checkLockfile(migrationsDir);
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = join(migrationsDir, name, 'migration.sql');
      const script = await readFile(file, 'utf8').catch(() => {
        throw new MigrationError(`The migration folder ${join(migrationsDir, name)} has no readable migration.sql.`);
      });
      return { name, script };
    }),
  );
}

async function checkLockfile(migrationsDir: string): Promise<void> {
  const lockfile = join(migrationsDir, 'migration_lock.toml');
  const text = await readFile(lockfile, 'utf8').catch(() => null);
  const provider = text?.match(/^\s*provider\s*=\s*"([^"]*)"/m)?.[1];
  if (provider !== undefined && provider !== 'postgresql') {
    throw new MigrationError(`${lockfile} says these migrations are for "${provider}", but Folio runs on PostgreSQL.`);
  }
}

async function ensureHistoryTable(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  );
  const tables = rows.map((row) => row.name);
  if (tables.includes('_prisma_migrations')) return;
  if (tables.length > 0) {
    const database = (await client.query<{ name: string }>('SELECT current_database() AS name')).rows[0]?.name;
    throw new MigrationError(
      `The database "${database}" already has tables (${tables.sort().join(', ')}) but no migration history ` +
        `(no _prisma_migrations table), so Folio cannot tell which migrations it needs. ` +
        `Point DATABASE_URL at an empty database, or drop those tables if their data is disposable.`,
    );
  }
  await client.query(CREATE_HISTORY_TABLE);
}

async function readHistory(client: pg.Client): Promise<HistoryRow[]> {
  const { rows } = await client.query<HistoryRow>(
    `SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs
       FROM _prisma_migrations ORDER BY started_at`,
  );
  return rows;
}

function refuseFailedMigrations(history: HistoryRow[]): void {
  const failed = history.filter((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed.length === 0) return;
  const details = failed
    .map((row) => {
      const logs = row.logs?.trim() ? ` with these logs:\n${row.logs.trim()}` : '';
      return `The migration ${row.migration_name} started at ${row.started_at.toISOString()} failed${logs}`;
    })
    .join('\n\n');
  const names = failed.map((row) => `'${row.migration_name}'`).join(', ');
  throw new MigrationError(
    `The database has failed migrations, so no new migration will be applied.\n\n${details}\n\n` +
      `Fix the cause and undo whatever part of the migration took effect, then mark it rolled back so it is tried again:\n` +
      `  UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name IN (${names}) AND finished_at IS NULL;\n` +
      `(\`prisma migrate resolve --rolled-back <name>\` does the same where Prisma's schema engine is available.)`,
  );
}

function refuseEditedMigrations(history: HistoryRow[], migrations: Migration[]): void {
  const scripts = new Map(migrations.map((m) => [m.name, m.script]));
  const edited = history
    .filter((row) => row.rolled_back_at === null && row.finished_at !== null)
    .filter((row) => {
      const script = scripts.get(row.migration_name);
      return script !== undefined && !scriptMatchesChecksum(script, row.checksum);
    })
    .map((row) => row.migration_name);
  if (edited.length === 0) return;
  throw new MigrationError(
    `The migration ${edited.join(', ')} was modified after it was applied to this database. ` +
      `An applied migration must not change: restore the original migration.sql and put the change in a new migration.`,
  );
}

// Git may check a file out with CRLF on one machine and LF on another; Prisma accepts
// either form of an applied script, and so does this runner.
function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

async function applyMigration(client: pg.Client, migration: Migration): Promise<void> {
  const id = randomUUID();
  await client.query(
    'INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)',
    [id, migrationChecksum(migration.script), migration.name],
  );
  try {
    // One simple-protocol query: PostgreSQL parses the whole script itself ($$ bodies
    // included) and runs it as one implicit transaction, so a failure leaves nothing behind.
    await client.query(migration.script);
  } catch (error) {
    const logs = failureLogs(migration, error);
    await client.query('UPDATE _prisma_migrations SET logs = $1 WHERE id = $2', [logs, id]);
    throw new MigrationError(
      `${logs}\n\nThe script ran as one transaction, so unless it commits on its own it changed nothing. ` +
        `Fix the cause, then mark the failed attempt rolled back so the next run tries it again:\n` +
        `  UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = '${id}';`,
    );
  }
  await client.query(
    'UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1',
    [id],
  );
}

function failureLogs(migration: Migration, error: unknown): string {
  const { code, position } = error as { code?: string; position?: string };
  const line = position ? ` (line ${migration.script.slice(0, Number(position)).split('\n').length})` : '';
  return [
    `The migration ${migration.name} failed to apply.`,
    ...(code ? [`Database error code: ${code}`] : []),
    `Database error${line}: ${messageOf(error)}`,
  ].join('\n');
}
