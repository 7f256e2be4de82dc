import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, openEmbeddedPostgres, type EmbeddedPostgresOptions } from '../../src/db/embedded-postgres.js';
import { freePort, makeScratchDir, onServer } from '../support/test-server.js';

let scratchDir: string;
/** One data folder for the tests that run one after another; each leaves its server stopped. */
let dataDir: string;

beforeAll(async () => {
  scratchDir = await makeScratchDir('folio-embedded-');
  dataDir = join(scratchDir, 'shared');
});

afterAll(() => rm(scratchDir, { recursive: true, force: true }));

async function open(options: Partial<EmbeddedPostgresOptions> = {}) {
  return openEmbeddedPostgres({ dataDir, port: await freePort(), database: 'folio', durable: false, ...options });
}

const pidFile = () => join(dataDir, 'postmaster.pid');

async function postmasterPid(): Promise<number> {
  return Number((await readFile(pidFile(), 'utf8')).split('\n')[0]);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function rows(url: string, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  return onServer(url, async (client) => (await client.query(sql, values)).rows);
}

/** The pid of a process that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('openEmbeddedPostgres', () => {
  it('creates the database, stores CJK text and keeps it across a restart', async () => {
    const first = await open();
    await rows(first.url, 'CREATE TABLE notes (body TEXT)');
    await rows(first.url, 'INSERT INTO notes VALUES ($1), ($2), ($3)', ['日本語', '中文', 'abc']);
    await first.release();
    expect(await exists(pidFile())).toBe(false);

    const second = await open();
    try {
      expect(await rows(second.url, 'SELECT body FROM notes ORDER BY body')).toEqual([
        { body: 'abc' },
        { body: '中文' },
        { body: '日本語' },
      ]);
      expect(await rows(second.url, "SELECT body FROM notes WHERE body ILIKE '%文%' AND upper(body) = body")).toEqual([
        { body: '中文' },
      ]);
      expect(await rows(second.url, "SELECT to_tsvector('simple', '中文 测试') @@ to_tsquery('simple', '测试') AS found")).toEqual([
        { found: true },
      ]);
    } finally {
      await second.release();
    }
  });

  it('lets in only whoever holds the password kept in the data folder', async () => {
    const server = await open();
    try {
      const withoutPassword = new URL(server.url);
      withoutPassword.password = '';
      await expect(rows(withoutPassword.toString(), 'SELECT 1')).rejects.toThrow(/password/);
      const wrongPassword = new URL(server.url);
      wrongPassword.password = 'guessed';
      await expect(rows(wrongPassword.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
      const password = (await readFile(join(dataDir, 'folio-password'), 'utf8')).trim();
      expect(decodeURIComponent(new URL(server.url).password)).toBe(password);
      expect((await stat(join(dataDir, 'folio-password'))).mode & 0o077).toBe(0);
    } finally {
      await server.release();
    }
  });

  it('gives a server that trusted every local connection a password', async () => {
    const trusting = join(scratchDir, 'trusting');
    const first = await open({ dataDir: trusting });
    // A cluster as made before passwords were required: trust for everyone, no password file.
    await writeFile(join(trusting, 'pg_hba.conf'), 'host all all 127.0.0.1/32 trust\n');
    await rows(first.url, 'SELECT pg_reload_conf()');
    await rm(join(trusting, 'folio-password'));
    await first.release();

    const second = await open({ dataDir: trusting });
    try {
      const withoutPassword = new URL(second.url);
      withoutPassword.password = '';
      await expect(rows(withoutPassword.toString(), 'SELECT 1')).rejects.toThrow(/password/);
      expect(await rows(second.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await second.release();
    }
  });

  it('attaches to the server already running, and only the last one to release stops it', async () => {
    const first = await open();
    const pid = await postmasterPid();

    const second = await open({ port: await freePort() });

    expect(second.url).toBe(first.url);
    expect(await postmasterPid()).toBe(pid);
    await first.release();
    expect(await rows(second.url, 'SELECT 1 AS answer')).toEqual([{ answer: 1 }]);
    await second.release();
    expect(await exists(pidFile())).toBe(false);
  });

  it('still stops the server when the connection that held it was cut, as a restart cuts it', async () => {
    const server = await open();
    await rows(server.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`);
    await server.release();
    expect(await exists(pidFile())).toBe(false);
  });

  it('says which port is taken and how to choose another', async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const startedAt = Date.now();
    try {
      await expect(open({ port })).rejects.toThrow(
        new EmbeddedPostgresError(
          `Port ${port} is already in use by another program, so the embedded PostgreSQL server cannot start. ` +
            'Set EMBEDDED_DB_PORT to a free port, or set DATABASE_URL to use a PostgreSQL server of your own.',
        ),
      );
    } finally {
      blocker.close();
    }
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('starts over a postmaster.pid left by a server that died', async () => {
    const port = await freePort();
    await writeFile(pidFile(), `${await deadPid()}\n${dataDir}\n1764000000\n${port}\n\n127.0.0.1\n  1234567  0\nready   \n`);

    const server = await open({ port });

    expect(await rows(server.url, 'SELECT 1 AS answer')).toEqual([{ answer: 1 }]);
    await server.release();
  });

  it('explains a postmaster.pid naming a live process that is no server for this folder', async () => {
    const port = await freePort();
    await writeFile(pidFile(), `${process.pid}\n${dataDir}\n1764000000\n${port}\n\n127.0.0.1\n  1234567  0\nready   \n`);
    try {
      const error = await open().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(EmbeddedPostgresError);
      expect((error as Error).message).toContain(`${pidFile()} says a PostgreSQL server (process ${process.pid}) is running`);
      expect((error as Error).message).toContain(`delete ${pidFile()} and try again`);
    } finally {
      await rm(pidFile());
    }
  });

  it('refuses a folder that holds something other than PostgreSQL data', async () => {
    const folder = join(scratchDir, 'not-postgres');
    await mkdir(folder);
    await writeFile(join(folder, 'notes.txt'), 'not a database\n');

    await expect(open({ dataDir: folder })).rejects.toThrow(`${folder} is not empty but holds no PostgreSQL data`);
  });

  it('lets two processes opening a new folder at once share one server', async () => {
    const folder = join(scratchDir, 'raced');
    const port = await freePort();

    const [first, second] = await Promise.all([open({ dataDir: folder, port }), open({ dataDir: folder, port })]);

    expect(second.url).toBe(first.url);
    await first.release();
    await second.release();
    expect(await exists(join(folder, 'postmaster.pid'))).toBe(false);
  });
});

