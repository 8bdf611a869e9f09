import type { Bar } from './evaluate-bars.js';
import type { SmtpIngestResult } from './measure-smtp-ingest.js';
import type { WaiterResults } from './measure-waiters.js';
import type { LoadResult } from './run-load.js';

/** Figures of one load run, as written to `dist/bench-results.json` (latencies in ms). */
export type LoadSummary = Omit<LoadResult, 'latencies'>;

export interface EmulatorRun {
  /** Messages stored when the measured window starts. */
  stored: number;
  seed: { requests: number; non2xx: number; errors: number; seconds: number } | null;
  /** Whether `POST /_emulator/reset` after the warm-up answered 2xx (else warm-up messages stay stored). */
  resetOk: boolean;
  /** `counts` from `GET /_emulator/health` just before and just after the measured window. */
  countsBefore: unknown;
  countsAfter: unknown;
  load: LoadSummary;
  stopMs: number;
  /** Last lines the emulator printed, kept when something looked wrong. */
  outputTail?: string;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  environment: { node: string; platform: string; cpus: number; cpuModel: string; loadAverage: number[] };
  settings: {
    seconds: number;
    warmupSeconds: number;
    connections: number;
    storeSizes: number[];
    startupSamples: number;
    quietMs: number;
    emulatorCli: string;
    skipHttp: boolean;
    skipSmtp: boolean;
    skipEvents: boolean;
    smtpMails: number;
    smtpConnections: number;
    smtpWarmupMails: number;
    wsMessages: number;
    wsWarmup: number;
  };
  /** Null when the HTTP part was skipped (BENCH_SKIP_HTTP=1). */
  startup: {
    emulatorMs: number[];
    bareKoaMs: number[];
    emulatorMedianMs: number;
    bareKoaMedianMs: number;
  } | null;
  baseline: { before: LoadSummary; after: LoadSummary; combined: LoadSummary } | null;
  emulator: EmulatorRun[];
  /** Null when skipped (BENCH_SKIP_SMTP=1). */
  smtp: SmtpIngestResult | null;
  /** From the 201 to a waiter: over the websocket and with the long-poll; null when skipped (BENCH_SKIP_EVENTS=1). */
  events: WaiterResults | null;
  bars: Bar[];
  checks: { name: string; pass: boolean; detail: string }[];
}
