// Small helpers for tests that talk to a PostgreSQL server directly. No vitest imports:
// the global setup (which runs outside the test workers) uses them too.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A fresh folder under the system temp folder, for a throwaway data folder. */
export async function makeScratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // mkdtemp makes it private to us; as root the server runs as the `postgres` user,
  // which has to reach the data folder inside.
  await chmod(dir, 0o755);
  return dir;
}

export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** The URL of another database on the same server, with the same credentials. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on one short-lived connection. */
export async function onServer<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
