// The endpoints orchestrators poll: /health says the process is alive (restart it if not),
// /ready says it can serve (send it traffic only if so): the database answers and has every
// migration this build expects.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../db/client.js';
import { isConnectionFailure } from '../db/connection-failure.js';
import { migrationNames } from '../db/migrate.js';
import { appliedMigrationNames } from '../db/queries/content-state.js';

// Longer than this and the database counts as not answering: a readiness probe must answer
// within the orchestrator's own timeout.
const READY_CHECK_MS = 2_000;

/**
 * Answers GET or HEAD /health and /ready; false for any other request. A server that is shutting
 * down is not ready, so a load balancer checking /ready sends it nothing new while it drains.
 */
export function answerProbe(request: IncomingMessage, response: ServerResponse, db: Database | undefined, shuttingDown = false): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url?.split('?')[0];
  if (path === '/health') {
    sendJson(response, 200, { status: 'alive' });
    return true;
  }
  if (path === '/ready' && shuttingDown) {
    sendJson(response, 503, { status: 'not ready', problems: ['The server is shutting down'] });
    return true;
  }
  if (path === '/ready' && db) {
    readinessProblems(db).then(
      (problems) => sendJson(response, problems.length ? 503 : 200, problems.length ? { status: 'not ready', problems } : { status: 'ready' }),
      () => sendJson(response, 503, { status: 'not ready', problems: ['The readiness check failed unexpectedly'] }),
    );
    return true;
  }
  return false;
}

/** What keeps the server from serving, in words for an operator; empty when it is ready. */
export async function readinessProblems(db: Database): Promise<string[]> {
  if (db.health.isDown) return [UNREACHABLE];
  const timedOut = sleep(READY_CHECK_MS, 'timed out' as const, { ref: false });
  let outcome: string[] | 'timed out';
  try {
    outcome = await Promise.race([missingMigrations(db), timedOut]);
  } catch (error) {
    if (!isConnectionFailure(error)) throw error;
    void db.health.connectionFailed();
    return [UNREACHABLE];
  }
  if (outcome === 'timed out') return [`The database did not answer within ${READY_CHECK_MS / 1000} s`];
  return outcome.length ? [`The database lacks these migrations: ${outcome.join(', ')}. Run \`npm run db:migrate\`.`] : [];
}

const UNREACHABLE = 'The database is unreachable';

async function missingMigrations(db: Database): Promise<string[]> {
  const expected = await migrationNames();
  const appliedNames = new Set(await appliedMigrationNames(db));
  return expected.filter((name) => !appliedNames.has(name));
}

function sendJson(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
