import { GRAPHIQL_ASSETS_DIR } from '../http/graphiql/assets.js';
import { bundleGraphiQL } from '../http/graphiql/bundle.js';
import { runCommand } from './run-command.js';

await runCommand(async () => {
  await bundleGraphiQL();
  console.log(`Bundled GraphiQL into ${GRAPHIQL_ASSETS_DIR}`);
});
