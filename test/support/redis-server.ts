// A Redis server of the test's own, to kill, pause and restart: the shared one at 6379 serves
// other people's tests and must never be touched.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { freePort } from './test-server.js';

/** The redis-server program on PATH, or null when this machine has none. */
export function findRedisServer(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return null;
}

export interface SharedRedis {
  url: string;
  /** Stops a Redis of the test's own; leaves REDIS_URL's alone. */
  stop(): Promise<void>;
}

/** A Redis for several servers to share: REDIS_URL's when set, else one of the test's own. */
export async function redisToShare(): Promise<SharedRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };
  const binary = findRedisServer();
  if (!binary) throw new Error('Set REDIS_URL or install redis-server: the servers share their response cache through Redis');
  const redis = await ThrowawayRedis.start(binary);
  return { url: redis.url, stop: () => redis.stop() };
}

export class ThrowawayRedis {
  private process: ChildProcess | undefined;
  private readonly stopOnExit = () => this.process?.kill('SIGKILL');

  private constructor(
    private readonly binary: string,
    readonly port: number,
  ) {
    process.once('exit', this.stopOnExit);
  }

  static async start(binary: string): Promise<ThrowawayRedis> {
    const redis = new ThrowawayRedis(binary, await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it again on the same port, empty, and waits until it answers. */
  async restart(): Promise<void> {
    this.process = spawn(this.binary, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(this.port))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Kills it as a crash would (SIGKILL): every connection drops and nothing is kept. */
  async kill(): Promise<void> {
    await this.signalAndWaitForExit('SIGKILL');
  }

  /** Freezes it (SIGSTOP): connections stay open and its data stays, but nothing is answered. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    process.off('exit', this.stopOnExit);
    this.resume();
    await this.signalAndWaitForExit('SIGKILL');
  }

  private async signalAndWaitForExit(signal: NodeJS.Signals): Promise<void> {
    const running = this.process;
    if (!running || !this.running) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
