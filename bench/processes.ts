// The contenders run as child processes of the harness, each a node process of its own (no
// wrapper), so that its memory can be read from /proc and the load generator does not share its
// event loop.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { PROJECT_ROOT } from '../src/paths.js';
import { type BenchRequest, send } from './queries.js';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 180_000;

export interface ServerProcess {
  name: string;
  origin: string;
  pid: number;
  /** Throws, with the last of the server's output, if it is no longer running. */
  assertRunning(): void;
  stop(): Promise<void>;
}

export interface ServerSpec {
  name: string;
  /** What to run with node, from the project's folder. */
  nodeArgs: string[];
  env: Record<string, string>;
  /** A request the server answers with 2xx once it is ready to be measured. */
  readyProbe: BenchRequest;
}

const running = new Map<ChildProcess, ServerProcess>();
// Whatever ends the harness, no server outlives it.
process.on('exit', () => {
  for (const child of running.keys()) child.kill('SIGKILL');
});

/** Stops every server still running. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running.values()].map((server) => server.stop()));
}

export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, spec.nodeArgs, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...spec.env, PORT: String(port), HOST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = keepTail(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => running.delete(child));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const origin = `http://${HOST}:${port}`;
  const server: ServerProcess = {
    name: spec.name,
    origin,
    pid: child.pid!,
    assertRunning() {
      if (hasExited()) {
        throw new Error(`${spec.name} stopped (${child.signalCode ?? `exit code ${child.exitCode}`}):\n${output()}`);
      }
    },
    async stop() {
      if (hasExited()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.set(child, server);
  try {
    await waitUntilReady(origin, spec.readyProbe, exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${spec.name} did not start: ${(error as Error).message}\n${output()}`);
  }
  return server;
}

async function waitUntilReady(origin: string, probe: BenchRequest, exited: Promise<number | null>): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`it exited with code ${exitCode}`);
    try {
      await send(origin, probe);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`no answer within ${READY_TIMEOUT_MS / 1000} s`);
}

export interface RssReadings {
  /** Bytes at the first reading, before any load. */
  first: number;
  largest: number;
}

/**
 * Reads the process's resident memory (VmRSS) now and every 250 ms until `stop`. VmHWM would
 * include the peak of start-up work (migrations, the renderer check), which is not what serving costs.
 */
export function sampleRss(pid: number): { stop(): Promise<RssReadings> } {
  const readings: number[] = [];
  const read = async () => {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (kilobytes) readings.push(Number(kilobytes) * 1024);
  };
  const first = read();
  const timer = setInterval(() => void read(), 250);
  return {
    async stop() {
      clearInterval(timer);
      await first;
      await read();
      return { first: readings[0] ?? 0, largest: Math.max(0, ...readings) };
    },
  };
}

/** The last few kilobytes a child wrote, for the message when it fails. */
function keepTail(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
