// npm run import -- <folder or archive file> [--dry-run] [--site-settings]
import { readConfig } from '../config.js';
import { mediaLibraryFor } from '../media/index.js';
import type { ImportSummary } from '../transfer/import-posts.js';
import { importContent } from '../transfer/import-content.js';
import { progressReporter } from './progress.js';
import { parseCommandLine, runCommand, UsageError } from './run-command.js';
import { withDatabase } from './with-database.js';

const USAGE = `Usage: npm run import -- <folder> [--dry-run] [--site-settings]

Imports a Hugo site (a folder with content/) or a Jekyll site (_config.yml or _posts/): the site's
settings, authors with their avatars, posts and pages with their images (into the media library),
bylines, SEO fields and former slugs (aliases). Any other folder is read as Markdown files with
front matter (YAML or TOML); a file as an archive listing. Posts are matched by slug: new ones are
created, changed ones updated, the rest left alone, so importing twice changes nothing.

  --dry-run        report what would change, and change nothing
  --site-settings  take the site's title, description, URL, language, time zone and social links
                   from its config even when Folio's settings were already changed (by default
                   they are taken only while Folio's are still the defaults)`;

const SETTINGS: Record<ImportSummary['settings'], string> = {
  written: 'site settings taken from its config',
  unchanged: 'site settings already as its config says',
  kept: "site settings kept (they were changed in Folio; --site-settings takes the config's)",
  none: '',
};

await runCommand(async () => {
  const { positionals, values } = parseCommandLine(
    {
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, 'site-settings': { type: 'boolean', default: false } },
    },
    USAGE,
  );
  const [location] = positionals;
  if (!location || positionals.length > 1) throw new UsageError(USAGE);
  const dryRun = values['dry-run'];
  const progress = progressReporter('Importing');
  const media = mediaLibraryFor(readConfig());
  const summary = await withDatabase((db) =>
    importContent(db, location, { dryRun, media, replaceSiteSettings: values['site-settings'], onProgress: progress.update }),
  );
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
  if (summary.authors > 0 || summary.images > 0) console.log(`${summary.authors} authors saved, ${summary.images} images added to the media library`);
  if (SETTINGS[summary.settings]) console.log(`${dryRun && summary.settings === 'written' ? 'would be: ' : ''}${SETTINGS[summary.settings]}`);
  for (const warning of summary.warnings) console.log(`  warning ${warning}`);
  for (const { file, reason } of summary.failed) console.log(`  failed  ${file}: ${reason}`);
}
