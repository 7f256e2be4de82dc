// npm run import -- <folder or archive file> [--dry-run]
import type { ImportSummary } from '../transfer/import-posts.js';
import { importContent } from '../transfer/import-content.js';
import { progressReporter } from './progress.js';
import { parseCommandLine, runCommand, UsageError } from './run-command.js';
import { withDatabase } from './with-database.js';

const USAGE = `Usage: npm run import -- <folder> [--dry-run]

Imports Markdown files with front matter (YAML or TOML, as Hugo and Jekyll write them) from the
folder and its subfolders, or an archive listing file. Posts are matched by slug: new ones are
created, changed ones updated, the rest left alone. --dry-run reports and changes nothing.`;

await runCommand(async () => {
  const { positionals, values } = parseCommandLine({ allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } }, USAGE);
  const [location] = positionals;
  if (!location || positionals.length > 1) throw new UsageError(USAGE);
  const dryRun = values['dry-run'];
  const progress = progressReporter('Importing');
  const summary = await withDatabase((db) => importContent(db, location, { dryRun, onProgress: progress.update }));
  progress.done();
  report(summary, dryRun);
  if (summary.failed.length > 0) process.exitCode = 1;
});

function report(summary: ImportSummary, dryRun: boolean): void {
  const verb = dryRun ? 'would be ' : '';
  console.log(
    `${dryRun ? 'Dry run, nothing changed: ' : ''}${summary.created} ${verb}created, ${summary.updated} ${verb}updated, ` +
      `${summary.unchanged} unchanged, ${summary.failed.length} failed`,
  );
  for (const { file, reason } of summary.failed) console.log(`  failed  ${file}: ${reason}`);
}
