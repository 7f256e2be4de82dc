// createPost while readers load the server: an editor saving a post on a busy site. Runs last,
// and removes what it wrote (posts, their outbox rows and its token), so that the dataset is as
// it was for the next run.
import pg from 'pg';
import { generateToken, hashToken } from '../src/auth/tokens.js';
import { measure, type Measurement } from './load.js';
import type { LoadShape } from './load.js';
import { type BenchParameters, type BenchQuery, type BenchRequest, send } from './queries.js';

// The read load starts this long before the first write and ends after the last.
const SETTLE_SECONDS = 1;
const WRITE_SECONDS = 6;
// How long createPost is sent first with no read load: what a write costs by itself.
const ALONE_SECONDS = 3;

export interface WritesUnderLoad {
  /** The queries of the read load, taking turns on each connection. */
  readLoad: string[];
  reads: Measurement;
  writes: number;
  /** createPost latency under the read load, in milliseconds. */
  p50: number;
  p99: number;
  /** createPost latency with no read load, in milliseconds. */
  alone: { writes: number; p50: number; p99: number };
}

/** Sends createPost one at a time to `origin` for a few seconds while `readQueries` load it. */
export async function writesUnderLoad(
  origin: string,
  databaseUrl: string,
  parameters: BenchParameters,
  readQueries: readonly BenchQuery[],
  load: LoadShape,
): Promise<WritesUnderLoad> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const before = await client.query<{ post: number; event: string; markdown: string }>(
      `SELECT (SELECT coalesce(max(id), 0) FROM posts)::int AS post, (SELECT coalesce(max(id), 0) FROM content_events)::text AS event,
              (SELECT markdown FROM posts WHERE slug = $1) AS markdown`,
      [parameters.postSlug],
    );
    const token = generateToken();
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO api_tokens (name, token_hash, role) VALUES ($1, $2, 'ADMIN') RETURNING id`,
      [`bench-writes-${Date.now()}`, hashToken(token)],
    );
    try {
      let written = 0;
      const writeFor = async (seconds: number): Promise<number[]> => {
        const latencies: number[] = [];
        const until = performance.now() + seconds * 1000;
        while (performance.now() < until) {
          const request = createPostRequest(written++, before.rows[0]!.markdown, parameters.popularTag);
          const started = performance.now();
          const answer = (await send(origin, request, authorised(token))) as { errors?: unknown[] };
          latencies.push(performance.now() - started);
          if (answer.errors) throw new Error(`createPost failed: ${JSON.stringify(answer.errors).slice(0, 500)}`);
        }
        return latencies.sort((a, b) => a - b);
      };
      const alone = await writeFor(ALONE_SECONDS);
      const readRequests = readQueries.map((query) => query.request.folio(parameters));
      let turn = 0;
      const reading = measure(origin, () => readRequests[turn++ % readRequests.length]!, {
        ...load,
        durationSeconds: WRITE_SECONDS + 2 * SETTLE_SECONDS,
      });
      await sleep(SETTLE_SECONDS * 1000);
      const latencies = await writeFor(WRITE_SECONDS);
      const reads = await reading;
      return {
        readLoad: readQueries.map((query) => query.label),
        reads,
        writes: latencies.length,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        alone: { writes: alone.length, p50: percentile(alone, 0.5), p99: percentile(alone, 0.99) },
      };
    } finally {
      // Deleting the posts restores the kept counts through Folio's own triggers.
      await client.query('DELETE FROM posts WHERE id > $1', [before.rows[0]!.post]);
      await client.query('DELETE FROM content_events WHERE id > $1', [before.rows[0]!.event]);
      await client.query('DELETE FROM api_tokens WHERE id = $1', [rows[0]!.id]);
    }
  } finally {
    await client.end();
  }
}

function createPostRequest(n: number, markdown: string, tag: string): BenchRequest {
  return {
    path: '/graphql',
    body: JSON.stringify({
      query: 'mutation Create($input: CreatePostInput!) { createPost(input: $input) { id } }',
      variables: { input: { title: `A post written under load, number ${n + 1}`, markdown, tags: [tag], status: 'PUBLISHED' } },
    }),
  };
}

function authorised(token: string): (url: string, init: RequestInit) => Promise<Response> {
  return (url, init) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
}

const percentile = (sorted: number[], share: number) => Math.round(10 * (sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0)) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
