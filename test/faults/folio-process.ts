// Folio as `npm start` runs it: the built bundle in a process of its own, which a test can
// signal and watch exit.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths.js';
import { freePort } from '../support/test-server.js';

/** Builds dist/, as `npm start` does before it starts. */
export async function buildBundle(): Promise<void> {
  await promisify(execFile)('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT });
}

export class FolioProcess {
  readonly stdout: string[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop()!;
      this.stdout.push(...lines);
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  }

  /** Starts the server with `env` on top of a clean environment; resolves once it serves. */
  static async start(env: Record<string, string>): Promise<FolioProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.mjs'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), RESPONSE_CACHE_TTL: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const folio = new FolioProcess(child, port);
    const deadline = Date.now() + 60_000;
    while (!folio.stdout.some((line) => line.includes('Folio is serving'))) {
      const exited = await Promise.race([folio.exited, new Promise((resolve) => setTimeout(resolve, 50, undefined))]);
      if (exited || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Folio did not start:\n${folio.stdout.join('\n')}\n${folio.stderr}`);
      }
    }
    return folio;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  signal(name: NodeJS.Signals): number {
    this.child.kill(name);
    return Date.now();
  }

  /** Waits for the exit, at most `ms`; a process still running then is killed and reported as such. */
  async exit(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number } | 'still running'> {
    const outcome = await Promise.race([this.exited, new Promise<'still running'>((resolve) => setTimeout(resolve, ms, 'still running'))]);
    if (outcome === 'still running') this.child.kill('SIGKILL');
    return outcome;
  }

  /** The log lines, parsed; a line that is not JSON fails the parse. */
  logEntries(): Record<string, unknown>[] {
    return this.stdout.filter((line) => line.trim()).map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

export interface RawExchange {
  socket: Socket;
  /** Everything the server sent, and how the connection ended. */
  finished: Promise<{ response: string; ending: 'closed' | 'reset' | string }>;
}

/** A TCP connection to the server, for requests sent by hand: slowly, partly, or late. */
export async function openConnection(port: number): Promise<RawExchange> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let response = '';
  socket.on('data', (chunk: Buffer) => (response += chunk.toString('utf8')));
  const finished = new Promise<{ response: string; ending: string }>((resolve) => {
    socket.once('error', (error: NodeJS.ErrnoException) => resolve({ response, ending: error.code === 'ECONNRESET' ? 'reset' : String(error.code) }));
    socket.once('close', () => resolve({ response, ending: 'closed' }));
  });
  return { socket, finished };
}

/** The bytes of a POST of `body` to /graphql, split into head and body. */
export function graphqlPost(body: string, headers: Record<string, string> = {}): { head: string; body: string } {
  const lines = Object.entries({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers }).map(
    ([name, value]) => `${name}: ${value}\r\n`,
  );
  return { head: `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\n${lines.join('')}\r\n`, body };
}
