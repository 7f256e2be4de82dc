// npm run export -- <folder>
import { readConfig } from '../config.js';
import { mediaLibraryFor } from '../media/index.js';
import { exportContent } from '../transfer/export-content.js';
import { parseCommandLine, runCommand, UsageError } from './run-command.js';
import { withDatabase } from './with-database.js';

const USAGE = `Usage: npm run export -- <folder>

Writes the whole content as a Hugo site: hugo.toml with the site's settings, data/authors/ with
avatars under static/images/authors/, posts under content/posts/ and pages under content/ (drafts
and scheduled posts too), each with its images beside it under the names they were uploaded with,
and the tags' names and descriptions in tags.yaml. npm run import reads the folder back.`;

await runCommand(async () => {
  const { positionals } = parseCommandLine({ allowPositionals: true }, USAGE);
  const [folder] = positionals;
  if (!folder || positionals.length > 1) throw new UsageError(USAGE);
  const media = mediaLibraryFor(readConfig());
  const { posts, files } = await withDatabase((db) => exportContent(db, media, folder));
  console.log(`Exported ${posts} posts and pages (${files} files) to ${folder}`);
});
