import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../client.js';

export interface DatabaseIdentity {
  /** Names this database whatever URL reaches it: servers sharing it share caches through it. */
  databaseId: string;
  /** The secret that servers of this database sign with, the same on each of them. */
  signingKey: string;
}

/** The database's identity row, made by its migration; it never changes, so read it once. */
export async function readDatabaseIdentity(db: Database): Promise<DatabaseIdentity> {
  const [row] = await db.rows<DatabaseIdentity>(
    Prisma.sql`SELECT database_id::text AS "databaseId", signing_key AS "signingKey" FROM database_identity`,
  );
  if (!row) throw new Error('The database_identity row is missing; run the migrations again (npm run db:migrate)');
  return row;
}

const identities = new WeakMap<Database, Promise<DatabaseIdentity>>();

/** `readDatabaseIdentity` once per Database, then kept; a read that failed is tried again the next time. */
export function databaseIdentityOf(db: Database): Promise<DatabaseIdentity> {
  let identity = identities.get(db);
  if (!identity) {
    identity = readDatabaseIdentity(db);
    identities.set(db, identity);
    identity.catch(() => identities.delete(db));
  }
  return identity;
}
