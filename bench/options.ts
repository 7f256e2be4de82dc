// The command line of `npm run bench`.
import { isAbsolute, join } from 'node:path';
import { parseCommandLine, UsageError } from '../src/cli/run-command.js';
import { PROJECT_ROOT } from '../src/paths.js';
import type { LoadShape } from './load.js';
import { CONTENDERS, type Contender, QUERY_NAMES, type QueryName } from './queries.js';

const USAGE =
  'Usage: npm run bench -- [--posts 100000] [--duration 8] [--connections 10] [--rounds 3] [--only q1,q5,create]\n' +
  '                        [--contenders folio,raw,postgraphile] [--database folio_bench] [--out bench/RESULTS.md]';

/** What --only can pick: the read queries, and `create`, createPost under a read load. */
export const MEASUREMENT_NAMES = [...QUERY_NAMES, 'create'] as const;
export type MeasurementName = (typeof MEASUREMENT_NAMES)[number];

export interface Options extends LoadShape {
  posts: number;
  rounds: number;
  only: readonly MeasurementName[];
  /** Folio and the raw reference always; PostGraphile unless left out (it is the slowest at 1M posts). */
  contenders: readonly Contender[];
  database: string;
  /** Where the results go, absolute. */
  out: string;
}

export function readOptions(args: string[]): Options {
  const { values } = parseCommandLine(
    {
      args,
      options: {
        posts: { type: 'string', default: '100000' },
        duration: { type: 'string', default: '8' },
        connections: { type: 'string', default: '10' },
        rounds: { type: 'string', default: '3' },
        only: { type: 'string', default: MEASUREMENT_NAMES.join(',') },
        contenders: { type: 'string', default: CONTENDERS.join(',') },
        database: { type: 'string', default: 'folio_bench' },
        out: { type: 'string', default: 'bench/RESULTS.md' },
      },
    },
    USAGE,
  );
  const whole = (name: 'posts' | 'duration' | 'connections' | 'rounds') => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} takes a whole number from 1 (got "${values[name]}")\n${USAGE}`);
    return value;
  };
  return {
    posts: whole('posts'),
    durationSeconds: whole('duration'),
    connections: whole('connections'),
    rounds: whole('rounds'),
    only: listOf('only', values.only, MEASUREMENT_NAMES),
    contenders: withRequired(listOf('contenders', values.contenders, CONTENDERS)),
    database: values.database,
    out: isAbsolute(values.out) ? values.out : join(PROJECT_ROOT, values.out),
  };
}

function listOf<Name extends string>(option: string, value: string, names: readonly Name[]): Name[] {
  const picked = value.split(',').map((name) => name.trim());
  const unknown = picked.filter((name) => !(names as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`--${option} takes ${names.join(', ')} (got ${unknown.join(', ')})\n${USAGE}`);
  return picked as Name[];
}

// Every ratio is to the raw reference, and Folio is what is measured.
function withRequired(contenders: Contender[]): Contender[] {
  return CONTENDERS.filter((contender) => contender === 'folio' || contender === 'raw' || contenders.includes(contender));
}

/** Each server runs every query this long before its measured rounds. */
export function warmupSeconds(options: Options): number {
  return Math.min(2, options.durationSeconds);
}
