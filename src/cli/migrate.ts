// npm run db:migrate — applies pending migrations to DATABASE_URL or the embedded server.
import { readConfig } from '../config.js';
import { resolveDatabase } from '../db/database-url.js';
import { migrate } from '../db/migrate.js';
import { runCommand } from './run-command.js';

function describe(applied: string[]): string {
  if (applied.length === 0) return 'Database is up to date';
  return `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}`;
}

await runCommand(async () => {
  const database = await resolveDatabase(readConfig(), { log: console.log });
  try {
    const { applied } = await migrate(database.url);
    console.log(describe(applied));
  } finally {
    await database.release();
  }
});
