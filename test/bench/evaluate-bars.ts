import type { LoadResult } from './run-load.js';

export interface Bar {
  /** What the bar says, in the words of product.md §11. */
  name: string;
  /** How the value is computed. */
  formula: string;
  value: number;
  limit: number;
  /** `min`: value must be at least the limit; `max`: at most. */
  kind: 'min' | 'max';
  verdict: 'PASS' | 'FAIL' | 'N/A';
}

export interface BarInputs {
  baseline: LoadResult;
  /** Emulator load results by number of stored messages. */
  emulator: Map<number, LoadResult>;
  startupEmulatorMs: number;
  startupBareKoaMs: number;
}

function bar(name: string, formula: string, value: number, kind: 'min' | 'max', limit: number): Bar {
  const verdict = !Number.isFinite(value) ? 'N/A' : (kind === 'min' ? value >= limit : value <= limit) ? 'PASS' : 'FAIL';
  return { name, formula, value, limit, kind, verdict };
}

/** The bars of product.md §11 that `npm run bench` measures, as ratios within one run. */
export function evaluateBars(inputs: BarInputs): Bar[] {
  const { baseline } = inputs;
  const at0 = inputs.emulator.get(0);
  const at1000 = inputs.emulator.get(1000);
  const at5000 = inputs.emulator.get(5000);
  const ratio = (a: number | undefined, b: number | undefined): number =>
    a === undefined || b === undefined || !(b > 0) ? Number.NaN : a / b;

  return [
    bar(
      'SMS POST @1000 stored: throughput >= 40% of bare Koa',
      'req/s@1000 / req/s baseline',
      ratio(at1000?.reqPerSec, baseline.reqPerSec),
      'min',
      0.4,
    ),
    bar(
      'SMS POST @1000 stored: p99 <= 3x bare Koa p99',
      'p99@1000 / p99 baseline',
      ratio(at1000?.p99, baseline.p99),
      'max',
      3,
    ),
    bar(
      'Store 5000 vs empty: throughput within 1.5x',
      'req/s@0 / req/s@5000',
      ratio(at0?.reqPerSec, at5000?.reqPerSec),
      'max',
      1.5,
    ),
    bar('Store 5000 vs empty: p50 within 1.5x', 'p50@5000 / p50@0', ratio(at5000?.p50, at0?.p50), 'max', 1.5),
    bar(
      'Start-up to healthy <= 2x bare Koa',
      'median start emulator / median start bare Koa',
      ratio(inputs.startupEmulatorMs, inputs.startupBareKoaMs),
      'max',
      2,
    ),
  ];
}
