// What a result depends on besides the code: the machine, the versions, the command.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, release, totalmem } from 'node:os';
import pg from 'pg';
import { PROJECT_ROOT } from '../src/paths.js';

export async function describeMachine(): Promise<{ cpu: string; cores: number; memoryBytes: number; kernel: string }> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown CPU';
  return { cpu: model.trim(), cores: cpus().length, memoryBytes: totalmem(), kernel: release() };
}

export async function describeVersions(databaseUrl: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const postgres = await client.query<{ server_version: string }>('SHOW server_version').finally(() => client.end());
  return {
    Node: process.version,
    PostgreSQL: postgres.rows[0]!.server_version,
    postgraphile: packageVersion('postgraphile'),
    '@graphile-contrib/pg-many-to-many': packageVersion('@graphile-contrib/pg-many-to-many'),
    autocannon: packageVersion('autocannon'),
    'Folio commit': folioCommit(),
  };
}

/** The command as it was typed, near enough to run again (a password in DATABASE_URL hidden). */
export function runCommandLine(): string {
  const args = process.argv.slice(2);
  const viaNpm = process.env.npm_lifecycle_event === 'bench';
  const command = viaNpm ? `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}` : `tsx bench/run.ts ${args.join(' ')}`.trim();
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return command;
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return `DATABASE_URL=${url} ${command}`;
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}

function folioCommit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain').length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
