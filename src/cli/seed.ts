// npm run seed — loads the bundled posts and tags; running it again changes nothing.
import { seedDatabase } from '../transfer/seed.js';
import { runCommand } from './run-command.js';
import { withDatabase } from './with-database.js';

await runCommand(() =>
  withDatabase(async (db) => {
    const summary = await seedDatabase(db);
    console.log(`Seed content: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`);
    for (const failure of summary.failed) console.error(`  failed: ${failure.file}: ${failure.reason}`);
    if (summary.failed.length > 0) process.exitCode = 1;
  }),
);
