import type { LoadResult } from './run-load.js';
import { percentile } from './percentile.js';

/** Merges two load results (e.g. the baseline measured before and after the emulator runs). */
export function mergeLoads(a: LoadResult, b: LoadResult): LoadResult {
  const latencies = new Float64Array(a.latencies.length + b.latencies.length);
  latencies.set(a.latencies);
  latencies.set(b.latencies, a.latencies.length);
  latencies.sort();
  const statusCodes: Record<string, number> = { ...a.statusCodes };
  for (const [code, n] of Object.entries(b.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const requests = a.requests + b.requests;
  const seconds = a.seconds + b.seconds;
  return {
    requests,
    seconds,
    reqPerSec: seconds > 0 ? requests / seconds : Number.NaN,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies[latencies.length - 1] : Number.NaN,
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
    timeouts: a.timeouts + b.timeouts,
    statusCodes,
    latencies,
  };
}
