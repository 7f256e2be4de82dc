// npm run token -- create --name <name> [--role <role>] [--author <slug> [--author-name <name>]] | list | revoke <name>
import { createToken, listTokens, revokeToken, TokenError } from '../auth/tokens.js';
import { authorIdsBySlug } from '../db/queries/authors.js';
import { Role } from '../db/generated/prisma/enums.js';
import { upsertAuthor } from '../editing/authors.js';
import { parseCommandLine, runCommand, UsageError } from './run-command.js';
import { withDatabase } from './with-database.js';

const ROLES = Object.values(Role);

const USAGE = `Usage:
  npm run token -- create --name <name> [--role <role>] [--author <slug> [--author-name <name>]]
                                          create a token and print it (shown only this once)
      --role      ${ROLES.join(', ')} (default ADMIN); CONTRIBUTOR and AUTHOR need --author
      --author    the slug of the author the token writes as (see npm run author -- list)
      --author-name  creates that author with this name when there is none yet
  npm run token -- list                   list tokens: name, role, author, created, last used, revoked
  npm run token -- revoke <name>          revoke a token`;

await runCommand(async () => {
  const { positionals, values } = parseCommandLine(
    {
      allowPositionals: true,
      options: { name: { type: 'string' }, role: { type: 'string' }, author: { type: 'string' }, 'author-name': { type: 'string' } },
    },
    USAGE,
  );
  const [command, ...rest] = positionals;
  switch (command) {
    case 'create': {
      if (!values.name) throw new UsageError(`create needs --name <name>\n\n${USAGE}`);
      const name = values.name;
      const role = (values.role ?? 'ADMIN').toUpperCase() as Role;
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${values.role}")\n\n${USAGE}`);
      if (values['author-name'] && !values.author) throw new UsageError(`--author-name goes with --author <slug>\n\n${USAGE}`);
      const authorSlug = values.author ?? null;
      const authorName = values['author-name'];
      const token = await withDatabase(async (db) => {
        if (authorSlug && authorName && !(await authorIdsBySlug(db, [authorSlug])).has(authorSlug)) {
          await upsertAuthor(db, { slug: authorSlug, name: authorName });
        }
        return createToken(db, name, { role, authorSlug });
      });
      const as = authorSlug ? ` for author "${authorSlug}"` : '';
      console.log(`Created ${role} token "${name.trim()}"${as}. Store it now; it is not shown again:\n\n  ${token}\n`);
      console.log(`Send it with each request that changes content:\n  Authorization: Bearer ${token}`);
      return;
    }
    case 'list': {
      const tokens = await withDatabase(listTokens);
      if (tokens.length === 0) return console.log('No tokens yet. Create one with: npm run token -- create --name <name>');
      console.table(
        tokens.map((token) => ({
          name: token.name,
          role: token.role,
          author: token.author?.slug ?? '-',
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
