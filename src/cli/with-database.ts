import { readConfig } from '../config.js';
import { Database } from '../db/client.js';
import { resolveDatabase } from '../db/database-url.js';
import { migrate } from '../db/migrate.js';

/**
 * Runs a command's body against the server's database (DATABASE_URL, or the embedded server,
 * joining it when the server is already running), migrated first, and lets go of it after.
 */
export async function withDatabase<T>(body: (db: Database) => Promise<T>): Promise<T> {
  const location = await resolveDatabase(readConfig(), { log: (message) => console.error(message) });
  try {
    await migrate(location.url);
    const db = new Database(location.url, { maxConnections: 2 });
    try {
      return await body(db);
    } finally {
      await db.close();
    }
  } finally {
    await location.release();
  }
}
