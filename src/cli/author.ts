// npm run author -- create --slug <slug> --name <name> [--bio <text>] [--website <url>] | list
import { upsertAuthor } from '../editing/authors.js';
import { parseCommandLine, runCommand, UsageError } from './run-command.js';
import { withDatabase } from './with-database.js';

const USAGE = `Usage:
  npm run author -- create --slug <slug> --name <name> [--bio <text>] [--website <url>]
                                          create an author, or update the one with this slug
  npm run author -- list                  list authors: slug, name, posts, tokens`;

await runCommand(async () => {
  const { positionals, values } = parseCommandLine(
    {
      allowPositionals: true,
      options: { slug: { type: 'string' }, name: { type: 'string' }, bio: { type: 'string' }, website: { type: 'string' } },
    },
    USAGE,
  );
  const [command] = positionals;
  switch (command) {
    case 'create': {
      const { slug, name, bio, website } = values;
      if (!slug) throw new UsageError(`create needs --slug <slug>\n\n${USAGE}`);
      await withDatabase((db) => upsertAuthor(db, { slug, name, bio, website }));
      console.log(`Saved author "${slug}". Give a token to them with: npm run token -- create --name <name> --author ${slug}`);
      return;
    }
    case 'list': {
      const authors = await withDatabase((db) =>
        db.prisma.author.findMany({
          orderBy: { slug: 'asc' },
          select: { slug: true, name: true, _count: { select: { posts: true, tokens: true } } },
        }),
      );
      if (authors.length === 0) return console.log('No authors yet. Create one with: npm run author -- create --slug <slug> --name <name>');
      console.table(authors.map(({ slug, name, _count }) => ({ slug, name, posts: _count.posts, tokens: _count.tokens })));
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}"\n\n${USAGE}` : USAGE);
  }
});
