import autocannon from 'autocannon';
import { percentile } from './percentile.js';

export interface LoadOptions {
  /** Base URL, e.g. `http://127.0.0.1:5090`. */
  url: string;
  request: autocannon.Request;
  connections: number;
  /** Seconds of load; ignored when `amount` is set. */
  seconds?: number;
  /** Exactly this many requests, then stop. */
  amount?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  reqPerSec: number;
  /** Latencies in ms, measured per response with sub-millisecond resolution (autocannon's own histogram is whole ms). */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Raw per-response latencies (ms), sorted; not serialised. */
  latencies: Float64Array;
}

/** Runs autocannon in this process and summarises it. Rejects only if autocannon itself fails. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let latencies = new Float64Array(1 << 16);
    let count = 0;
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
        timeout: 10,
        requests: [{ ...options.request }],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const sorted = latencies.subarray(0, count).sort();
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count;
        const seconds = result.duration;
        resolve({
          requests: count,
          seconds,
          reqPerSec: seconds > 0 ? count / seconds : Number.NaN,
          p50: percentile(sorted, 50),
          p90: percentile(sorted, 90),
          p99: percentile(sorted, 99),
          max: count ? sorted[count - 1] : Number.NaN,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          latencies: sorted,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = responseTime;
    });
  });
}
