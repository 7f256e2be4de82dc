// One load measurement: autocannon against a contender on 127.0.0.1, a fixed number of
// connections for a fixed time, every request the same or each the next of a series.
import autocannon from 'autocannon';
import type { BenchRequest } from './queries.js';

export interface LoadShape {
  connections: number;
  durationSeconds: number;
}

export interface Measurement {
  requestsPerSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
}

/** One request sent again and again, or a function that gives each request as it is sent. */
export type RequestSource = BenchRequest | (() => BenchRequest);

export async function measure(origin: string, source: RequestSource, load: LoadShape): Promise<Measurement> {
  const result = await autocannon({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(typeof source === 'function'
      ? // Asked for by each connection as it sends, so the series goes out in order whatever the
        // number of connections.
        { url: origin, requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, ...source() }) }] }
      : { url: origin + source.path, body: source.body }),
    connections: load.connections,
    duration: load.durationSeconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}
