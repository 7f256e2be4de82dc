// A load balancer of a test's own, run in the foreground from a config committed in deploy/,
// with only its ports and paths changed.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';
import { freePort } from './test-server.js';

export const BALANCERS = { nginx: '/usr/sbin/nginx', haproxy: '/usr/sbin/haproxy' } as const;
export type BalancerKind = keyof typeof BALANCERS;

export function hasProgram(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class Balancer {
  private readonly stopOnExit = () => this.child.kill('SIGKILL');
  output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly upstreamPorts: number[],
    private readonly accessLog: string | null,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    process.once('exit', this.stopOnExit);
  }

  /** deploy/'s config for `kind` in front of `upstreamPorts`, its files in `dir`; resolves once it answers. */
  static start(kind: BalancerKind, upstreamPorts: number[], dir: string): Promise<Balancer> {
    return kind === 'nginx' ? Balancer.nginx(upstreamPorts, dir) : Balancer.haproxy(upstreamPorts, dir);
  }

  private static async nginx(upstreamPorts: number[], dir: string): Promise<Balancer> {
    const port = await freePort();
    const template = await readFile(join(PROJECT_ROOT, 'deploy/nginx.conf'), 'utf8');
    const accessLog = join(dir, 'access.log');
    const config = template
      .replace(/^pid .*;$/m, `pid ${join(dir, 'nginx.pid')};`)
      .replace(/^error_log \S+/m, `error_log ${join(dir, 'error.log')}`)
      .replace(/access_log \S+/, `access_log ${accessLog}`)
      .replace(/\/var\/lib\/folio-nginx\//g, `${dir}/`)
      .replace(/^(\s*)listen 8080;$/m, `$1listen 127.0.0.1:${port};`)
      .replace(/^(\s*)server 127\.0\.0\.1:4001( .*;)$/m, (_, indent: string, rest: string) => upstreamPorts.map((upstream) => `${indent}server 127.0.0.1:${upstream}${rest}`).join('\n'))
      .replace(/^\s*server 127\.0\.0\.1:400[23] .*;\n/gm, '');
    const file = join(dir, 'nginx.conf');
    await writeFile(file, config);
    // In the foreground, so the test owns the process; -e so not even startup writes to /var/log.
    const child = spawn(BALANCERS.nginx, ['-c', file, '-p', dir, '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const balancer = new Balancer(child, port, upstreamPorts, accessLog);
    await balancer.waitUntilServing();
    return balancer;
  }

  private static async haproxy(upstreamPorts: number[], dir: string): Promise<Balancer> {
    const port = await freePort();
    const template = await readFile(join(PROJECT_ROOT, 'deploy/haproxy.cfg'), 'utf8');
    const config = template
      .replace(/^(\s*)pidfile .*$/m, `$1pidfile ${join(dir, 'haproxy.pid')}`)
      .replace(/^(\s*)bind :8080$/m, `$1bind 127.0.0.1:${port}`)
      .replace(/^(\s*)server folio1 127\.0\.0\.1:4001( .*)$/m, (_, indent: string, rest: string) =>
        upstreamPorts.map((upstream, i) => `${indent}server folio${i + 1} 127.0.0.1:${upstream}${rest}`).join('\n'),
      )
      .replace(/^\s*server folio[23] 127\.0\.0\.1:400[23] .*\n/gm, '');
    const file = join(dir, 'haproxy.cfg');
    await writeFile(file, config);
    // -db: in the foreground, so the test owns the process; its log goes to stderr.
    const child = spawn(BALANCERS.haproxy, ['-f', file, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const balancer = new Balancer(child, port, upstreamPorts, null);
    await balancer.waitUntilServing();
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The port of the Folio that answered each request, from the balancer's log. */
  async answeredBy(): Promise<number[]> {
    if (this.accessLog) {
      const log = await readFile(this.accessLog, 'utf8');
      // The last of the addresses tried (more than one when a request was passed on).
      return [...log.matchAll(/upstream=(?:\S+, )*127\.0\.0\.1:(\d+) /g)].map((match) => Number(match[1]));
    }
    return [...this.output.matchAll(/ folio\/folio(\d+) /g)].map((match) => this.upstreamPorts[Number(match[1]) - 1]!);
  }

  async stop(): Promise<void> {
    process.off('exit', this.stopOnExit);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    // Both finish the requests they have, then exit: nginx on SIGQUIT, HAProxy on SIGUSR1.
    this.child.kill(this.accessLog ? 'SIGQUIT' : 'SIGUSR1');
    await exited;
  }

  private async waitUntilServing(): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the balancer exited at once:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/health`)).status === 200) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`the balancer did not answer on port ${this.port}:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
