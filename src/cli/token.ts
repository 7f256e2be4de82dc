// npm run token -- create --name <name> | list | revoke <name>
import { createToken, listTokens, revokeToken, TokenError } from '../auth/tokens.js';
import { parseCommandLine, runCommand, UsageError } from './run-command.js';
import { withDatabase } from './with-database.js';

const USAGE = `Usage:
  npm run token -- create --name <name>   create a token and print it (shown only this once)
  npm run token -- list                   list tokens: name, created, last used, revoked
  npm run token -- revoke <name>          revoke a token`;

await runCommand(async () => {
  const { positionals, values } = parseCommandLine({ allowPositionals: true, options: { name: { type: 'string' } } }, USAGE);
  const [command, ...rest] = positionals;
  switch (command) {
    case 'create': {
      if (!values.name) throw new UsageError(`create needs --name <name>\n\n${USAGE}`);
      const name = values.name;
      const token = await withDatabase((db) => createToken(db, name));
      console.log(`Created token "${name.trim()}". Store it now; it is not shown again:\n\n  ${token}\n`);
      console.log(`Send it with each request that changes content:\n  Authorization: Bearer ${token}`);
      return;
    }
    case 'list': {
      const tokens = await withDatabase(listTokens);
      if (tokens.length === 0) return console.log('No tokens yet. Create one with: npm run token -- create --name <name>');
      console.table(
        tokens.map((token) => ({
          name: token.name,
          created: token.createdAt.toISOString(),
          'last used': token.lastUsedAt?.toISOString() ?? 'never',
          revoked: token.revokedAt?.toISOString() ?? 'no',
        })),
      );
      return;
    }
    case 'revoke': {
      const [name] = rest;
      if (!name) throw new UsageError(`revoke needs the token's name\n\n${USAGE}`);
      const revoked = await withDatabase((db) => revokeToken(db, name));
      if (!revoked) throw new TokenError(`There is no active token named "${name}" (see npm run token -- list)`);
      console.log(`Revoked token "${name}"; requests with it are refused from now on.`);
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}"\n\n${USAGE}` : USAGE);
  }
});
