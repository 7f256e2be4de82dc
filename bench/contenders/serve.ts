// Starts one of the benchmark's own contenders as a process of its own, as the harness does:
//   DATABASE_URL=... PORT=4101 HOST=127.0.0.1 POOL_SIZE=10 node --import tsx bench/contenders/serve.ts raw|postgraphile
// PostGraphile's functions must be installed first (installPostGraphileFunctions).
import { startPostGraphileServer } from './postgraphile-server.js';
import { startRawServer } from './raw-server.js';

const starters = { raw: startRawServer, postgraphile: startPostGraphileServer };
const kind = process.argv[2];
const { DATABASE_URL, PORT, HOST, POOL_SIZE } = process.env;
if (!(kind === 'raw' || kind === 'postgraphile') || !DATABASE_URL || !PORT || !HOST || !POOL_SIZE) {
  console.error('usage: DATABASE_URL=... PORT=... HOST=... POOL_SIZE=... node --import tsx bench/contenders/serve.ts raw|postgraphile');
  process.exit(2);
}

const server = await starters[kind]({ databaseUrl: DATABASE_URL, port: Number(PORT), host: HOST, maxConnections: Number(POOL_SIZE) });
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
