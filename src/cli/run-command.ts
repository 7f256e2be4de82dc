import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command was called the wrong way; the message says how to call it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Node's parseArgs, with a mistyped command line reported as a UsageError that shows `usage`. */
export function parseCommandLine<Config extends ParseArgsConfig>(config: Config, usage: string): ReturnType<typeof parseArgs<Config>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}

/**
 * Runs a command's body. Errors that explain themselves (bad configuration, a migration that
 * cannot run, a busy port) print their message alone; anything else prints in full.
 */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof UsageError) console.error(error.message);
    else if (isExplained(error)) console.error(`Error: ${error.message}`);
    else console.error(error);
    process.exit(1);
  }
}

function isExplained(error: unknown): error is Error {
  return error instanceof Error && EXPLAINED_ERRORS.has(error.name);
}

const EXPLAINED_ERRORS = new Set([
  'ConfigError',
  'ContentError',
  'ContentFormatError',
  'EmbeddedPostgresError',
  'MigrationError',
  'TokenError',
  'UsageError',
]);
