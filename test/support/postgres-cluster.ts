// PostgreSQL servers of a test's own, made with Debian's PostgreSQL 15 programs: a primary that
// streams its WAL and replicas copied from it, to stop, pause and start. The shared server at
// 5432 serves other people and must never be touched.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { appendFile, chown, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, makeScratchDir } from './test-server.js';

const BIN = '/usr/lib/postgresql/15/bin';
const USER = 'postgres';

/** Whether this machine has the programs (Debian's postgresql-15). */
export function hasPostgresPrograms(): boolean {
  try {
    for (const program of ['initdb', 'pg_ctl', 'pg_basebackup']) accessSync(join(BIN, program), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// PostgreSQL refuses to run as root: as root, every program runs as the postgres user.
async function asPostgres(program: string, args: string[]): Promise<string> {
  const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', USER, '--', join(BIN, program), ...args]] : [join(BIN, program), args];
  const { stdout } = await promisify(execFile)(file, argv, { timeout: 60_000 });
  return stdout;
}

async function ownedFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  if (process.getuid?.() !== 0) return;
  const { stdout } = await promisify(execFile)('id', ['-u', USER]);
  const { stdout: group } = await promisify(execFile)('id', ['-g', USER]);
  await chown(path, Number(stdout.trim()), Number(group.trim()));
}

export class PostgresCluster {
  private running = false;

  private constructor(
    private readonly root: string,
    readonly name: string,
    readonly port: number,
  ) {}

  /** A new primary, started, that lets replicas stream its WAL. */
  static async primary(): Promise<PostgresCluster> {
    const root = await makeScratchDir('folio-replication-');
    await ownedFolder(root);
    const cluster = new PostgresCluster(root, 'primary', await freePort());
    await asPostgres('initdb', ['-D', cluster.dataDir, '-U', USER, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await appendFile(
      join(cluster.dataDir, 'postgresql.conf'),
      [
        'wal_level = replica',
        'max_wal_senders = 5',
        'hot_standby = on',
        'fsync = off',
        "listen_addresses = '127.0.0.1'",
        // Counts each statement as it ends (the statistics views lag by up to seconds): which server answered.
        "shared_preload_libraries = 'pg_stat_statements'",
        '',
      ].join('\n'),
    );
    // initdb's trust lines already let local replication in; said here so it does not depend on that.
    await appendFile(join(cluster.dataDir, 'pg_hba.conf'), 'host replication postgres 127.0.0.1/32 trust\n');
    await cluster.start();
    return cluster;
  }

  /** A streaming replica of this primary (pg_basebackup -R), started. */
  async replica(): Promise<PostgresCluster> {
    const replica = new PostgresCluster(this.root, 'replica', await freePort());
    await asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(this.port), '-U', USER, '-D', replica.dataDir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
    await replica.start();
    return replica;
  }

  get dataDir(): string {
    return join(this.root, this.name);
  }

  /** The URL of `database` on this server. */
  url(database = 'postgres'): string {
    return `postgresql://${USER}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    await asPostgres('pg_ctl', ['-D', this.dataDir, '-l', join(this.root, `${this.name}.log`), '-w', '-o', `-p ${this.port} -k ${this.root}`, 'start']);
    this.running = true;
  }

  /** Stops this server and every other made in its folder, then deletes the folder. */
  async destroy(...others: PostgresCluster[]): Promise<void> {
    for (const cluster of [...others, this]) await cluster.stop('immediate');
    await rm(this.root, { recursive: true, force: true });
  }

  /** Stops it; `immediate` is a crash as far as clients can tell. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.running) return;
    await asPostgres('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
    this.running = false;
  }
}
