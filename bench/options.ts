// The command line of `npm run bench`.
import { parseCommandLine, UsageError } from '../src/cli/run-command.js';
import type { LoadShape } from './load.js';
import { QUERY_NAMES, type QueryName } from './queries.js';

const USAGE = 'Usage: npm run bench -- [--posts 100000] [--database folio_bench] [--duration 8] [--connections 10] [--rounds 3] [--only q1,q5]';

export interface Options extends LoadShape {
  posts: number;
  /** The database beside DATABASE_URL's that holds the synthetic dataset. */
  database: string;
  rounds: number;
  only: readonly QueryName[];
}

export function readOptions(args: string[]): Options {
  const { values } = parseCommandLine(
    {
      args,
      options: {
        posts: { type: 'string', default: '100000' },
        database: { type: 'string', default: 'folio_bench' },
        duration: { type: 'string', default: '8' },
        connections: { type: 'string', default: '10' },
        rounds: { type: 'string', default: '3' },
        only: { type: 'string', default: QUERY_NAMES.join(',') },
      },
    },
    USAGE,
  );
  const whole = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} takes a whole number from 1 (got "${values[name]}")\n${USAGE}`);
    return value;
  };
  const only = values.only.split(',').map((name) => name.trim());
  const unknown = only.filter((name) => !(QUERY_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`--only takes ${QUERY_NAMES.join(', ')} (got ${unknown.join(', ')})\n${USAGE}`);
  return {
    posts: whole('posts'),
    database: values.database,
    durationSeconds: whole('duration'),
    connections: whole('connections'),
    rounds: whole('rounds'),
    only: only as QueryName[],
  };
}

/** Each server runs every query this long before its measured rounds. */
export function warmupSeconds(options: Options): number {
  return Math.min(2, options.durationSeconds);
}
