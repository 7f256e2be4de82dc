// npm run export -- <folder>
import { exportContent } from '../transfer/export-content.js';
import { progressReporter } from './progress.js';
import { parseCommandLine, runCommand, UsageError } from './run-command.js';
import { withDatabase } from './with-database.js';

const USAGE = `Usage: npm run export -- <folder>

Writes every post (drafts and scheduled posts too) as <slug>.md with front matter, and the tags'
names and descriptions to tags.yaml. npm run import reads the folder back.`;

await runCommand(async () => {
  const { positionals } = parseCommandLine({ allowPositionals: true }, USAGE);
  const [folder] = positionals;
  if (!folder || positionals.length > 1) throw new UsageError(USAGE);
  const progress = progressReporter('Exporting');
  const written = await withDatabase((db) => exportContent(db, folder, (done) => progress.update(done)));
  progress.done();
  console.log(`Exported ${written} posts to ${folder}`);
});
