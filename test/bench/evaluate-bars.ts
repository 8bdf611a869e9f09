import type { LoadResult } from './run-load.js';

export interface Bar {
  /** What the bar says, in the words of product.md §11. */
  name: string;
  /** How the value is computed. */
  formula: string;
  value: number;
  limit: number;
  /** `min`: value must be at least the limit; `max`: at most; `under`: below it. */
  kind: 'min' | 'max' | 'under';
  /** `ratio` (shown as a percentage or `1.23x`) or an absolute time in ms. */
  unit: 'ratio' | 'ms';
  verdict: 'PASS' | 'FAIL' | 'N/A';
  /** Why a bar is N/A, when it is known. */
  note?: string;
}

export interface BarInputs {
  /** Absent when the HTTP part was skipped. */
  baseline?: LoadResult;
  /** Emulator load results by number of stored messages. */
  emulator: Map<number, LoadResult>;
  startupEmulatorMs: number;
  startupBareKoaMs: number;
  /** SMTP ingest in mails/s (NaN when not measured); `maildevReason` says why MailDev was not. */
  smtp?: { emulator: number; bare: number; maildev: number | null; maildevReason: string | null };
  /** p99 of max(0, websocket frame − 201) in ms; NaN when not measured. */
  eventAfter201P99?: number;
  /** Why a group of bars was not measured (e.g. skipped, or the emulator's SMTP did not answer). */
  notes?: { http?: string; smtp?: string; events?: string };
}

function bar(
  name: string,
  formula: string,
  value: number,
  kind: Bar['kind'],
  limit: number,
  unit: Bar['unit'] = 'ratio',
  note?: string,
): Bar {
  const pass = kind === 'min' ? value >= limit : kind === 'max' ? value <= limit : value < limit;
  const verdict = !Number.isFinite(value) ? 'N/A' : pass ? 'PASS' : 'FAIL';
  return { name, formula, value, limit, kind, unit, verdict, ...(verdict === 'N/A' && note ? { note } : {}) };
}

/** The bars of product.md §11 that `npm run bench` measures: ratios within one run, and one absolute latency. */
export function evaluateBars(inputs: BarInputs): Bar[] {
  const { baseline, smtp } = inputs;
  const notes = inputs.notes ?? {};
  const at0 = inputs.emulator.get(0);
  const at1000 = inputs.emulator.get(1000);
  const at5000 = inputs.emulator.get(5000);
  const ratio = (a: number | undefined, b: number | undefined): number =>
    a === undefined || b === undefined || !(b > 0) ? Number.NaN : a / b;

  return [
    bar(
      'SMS POST @1000 stored: throughput >= 40% of bare Koa',
      'req/s@1000 / req/s baseline',
      ratio(at1000?.reqPerSec, baseline?.reqPerSec),
      'min',
      0.4,
      'ratio',
      notes.http,
    ),
    bar(
      'SMS POST @1000 stored: p99 <= 3x bare Koa p99',
      'p99@1000 / p99 baseline',
      ratio(at1000?.p99, baseline?.p99),
      'max',
      3,
      'ratio',
      notes.http,
    ),
    bar(
      'Store 5000 vs empty: throughput within 1.5x',
      'req/s@0 / req/s@5000',
      ratio(at0?.reqPerSec, at5000?.reqPerSec),
      'max',
      1.5,
      'ratio',
      notes.http,
    ),
    bar('Store 5000 vs empty: p50 within 1.5x', 'p50@5000 / p50@0', ratio(at5000?.p50, at0?.p50), 'max', 1.5, 'ratio', notes.http),
    bar(
      'Start-up to healthy <= 2x bare Koa',
      'median start emulator / median start bare Koa',
      ratio(inputs.startupEmulatorMs, inputs.startupBareKoaMs),
      'max',
      2,
      'ratio',
      notes.http,
    ),
    bar(
      'SMTP ingest >= 70% of bare smtp-server + mailparser',
      'mails/s emulator / mean mails/s of the two bare runs',
      ratio(smtp?.emulator, smtp?.bare),
      'min',
      0.7,
      'ratio',
      notes.smtp,
    ),
    bar(
      'SMTP ingest >= 1.5x MailDev',
      'mails/s emulator / mails/s MailDev',
      ratio(smtp?.emulator, smtp?.maildev ?? undefined),
      'min',
      1.5,
      'ratio',
      smtp?.maildevReason ?? notes.smtp,
    ),
    bar(
      '201 to websocket waiter: p99 under 15 ms',
      'p99 of max(0, message.created frame - 201 complete)',
      inputs.eventAfter201P99 ?? Number.NaN,
      'under',
      15,
      'ms',
      notes.events,
    ),
  ];
}
