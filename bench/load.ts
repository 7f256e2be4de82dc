// One load measurement: autocannon against a contender on 127.0.0.1, a fixed number of
// connections for a fixed time, every request the same.
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

export async function measure(origin: string, request: BenchRequest, load: LoadShape): Promise<Measurement> {
  const result = await autocannon({
    url: origin + request.path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: request.body,
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
