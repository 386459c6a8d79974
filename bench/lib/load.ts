/**
 * Load generation for benchmarks, on autocannon. Servers under test run in other processes; this
 * process only drives load, so a comparison between two servers measured here is fair.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  label: string;
  url: string;
  headers?: Record<string, string>;
  /** Concurrent keep-alive connections. */
  connections?: number;
  seconds?: number;
  /** Fixed total rate in requests/s (for latency at a given load); omit for maximum throughput. */
  rate?: number;
  /** Default GET. */
  method?: 'GET' | 'POST';
  /** Request body (sent as is; set `content-type` in `headers`). */
  body?: string;
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: o.url,
    headers: o.headers,
    connections: o.connections ?? 16,
    duration: o.seconds ?? 5,
    ...(o.rate ? { overallRate: o.rate } : {}),
    ...(o.method ? { method: o.method } : {}),
    ...(o.body !== undefined ? { body: o.body } : {}),
  });
  return {
    label: o.label,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function formatResult(r: LoadResult): string {
  return `${r.label.padEnd(28)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99
    .toFixed(1)
    .padStart(6)} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
}
