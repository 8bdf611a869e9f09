/**
 * `npm run bench`: measures the bars of product.md §11 that concern the HTTP API, as ratios within one run.
 *
 *   1. Start-up to healthy (spawn -> first 200 on the health path), median of 5, emulator vs bare Koa,
 *      interleaved, after one untimed start of each (file cache).
 *   2. Baseline: bare Koa JSON endpoint (test/bench/bare-koa.ts), measured before and after the emulator runs
 *      (drift on a shared 2-core machine shows up as a difference between the two; the bars use both windows).
 *   3. Emulator (the CLI users run, file store, default retention of 5,000 messages), for each store size N: a fresh process and
 *      a fresh temp data folder; warm-up load; `POST /_emulator/reset`; seed N messages through the API;
 *      wait for the store to go quiet (snapshot written); measure the instant-SMS POST.
 *   4. SMTP ingest (measure-smtp-ingest.ts): raw SMTP sessions against a bare smtp-server + mailparser, the
 *      emulator, the bare server again, then MailDev if it is installed.
 *   5. From the 201 to a waiter (event-latency.ts, wait-latency.ts): sequential POSTs, a websocket client on
 *      `/_emulator/events`, then the long-poll `GET /_emulator/messages/wait`.
 *   6. Table, bars with PASS/FAIL, `dist/bench-results.json`. Exit code 0 whether bars pass or not
 *      (it is a measurement); 1 only if the bench itself could not run.
 *
 * Environment: BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (1), BENCH_CONNECTIONS (32), BENCH_SIZES ("0,1000,5000"),
 * BENCH_STARTUP_SAMPLES (5), BENCH_QUIET_MS (1200), BENCH_EMULATOR_CLI (dist/emulator/cli.js),
 * BENCH_EMULATOR_NODE_ARGS (extra Node flags for the emulator during the load runs, e.g.
 * "--cpu-prof --cpu-prof-dir=<dir>"; never used for the start-up samples), BENCH_SMTP_MAILS (3000),
 * BENCH_SMTP_CONNECTIONS (8), BENCH_SMTP_WARMUP_MAILS (300), BENCH_WS_MESSAGES (1000), BENCH_WS_WARMUP (50),
 * BENCH_SKIP_HTTP / BENCH_SKIP_SMTP / BENCH_SKIP_EVENTS (=1 leaves that part out).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { BenchResults, EmulatorRun, LoadSummary } from './bench-results.js';
import { children } from './children.js';
import { evaluateBars } from './evaluate-bars.js';
import { formatReport } from './format-report.js';
import { httpJson } from './http-json.js';
import { median } from './median.js';
import { measureSmtpIngest, type SmtpIngestResult } from './measure-smtp-ingest.js';
import { measureWaiters } from './measure-waiters.js';
import { mergeLoads } from './merge-loads.js';
import { runLoad, type LoadResult } from './run-load.js';
import { smsRequest } from './sms-request.js';
import { smtpChecks } from './smtp-checks.js';
import { spawnServer, type ServerHandle } from './spawn-server.js';
import { storedMessages } from './stored-messages.js';
import { waiterChecks } from './waiter-checks.js';

const SMS_PATH = '/notifications/api/v1/future/orders/instant/sms';
const HEALTH_PATH = '/_emulator/health';
const HOST = '127.0.0.1';

const here = dirname(fileURLToPath(import.meta.url)); // dist/test/bench
const distDir = resolve(here, '..', '..');
const resultsFile = join(distDir, 'bench-results.json');

function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${raw} is not a non-negative number`);
  return value;
}

function flagEnv(name: string): boolean {
  return /^(1|true|yes)$/i.test(process.env[name] ?? '');
}

const settings = {
  seconds: numberEnv('BENCH_SECONDS', 5),
  warmupSeconds: numberEnv('BENCH_WARMUP_SECONDS', 1),
  connections: numberEnv('BENCH_CONNECTIONS', 32),
  storeSizes: (process.env.BENCH_SIZES ?? '0,1000,5000')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number),
  startupSamples: Math.max(1, numberEnv('BENCH_STARTUP_SAMPLES', 5)),
  quietMs: numberEnv('BENCH_QUIET_MS', 1200),
  emulatorCli: resolve(process.env.BENCH_EMULATOR_CLI ?? join(distDir, 'emulator', 'cli.js')),
  skipHttp: flagEnv('BENCH_SKIP_HTTP'),
  skipSmtp: flagEnv('BENCH_SKIP_SMTP'),
  skipEvents: flagEnv('BENCH_SKIP_EVENTS'),
  smtpMails: Math.max(1, numberEnv('BENCH_SMTP_MAILS', 3000)),
  smtpConnections: Math.max(1, numberEnv('BENCH_SMTP_CONNECTIONS', 8)),
  smtpWarmupMails: numberEnv('BENCH_SMTP_WARMUP_MAILS', 300),
  wsMessages: Math.max(1, numberEnv('BENCH_WS_MESSAGES', 1000)),
  wsWarmup: numberEnv('BENCH_WS_WARMUP', 50),
};
const loadNodeArgs = (process.env.BENCH_EMULATOR_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const bareKoaScript = join(here, 'bare-koa.js');
const bareSmtpScript = join(here, 'bare-smtp.js');

// ---- cleanup: children and temp folders never outlive the bench ----
const tempDirs = new Set<string>();
function cleanup(): void {
  children.killAll('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stdout.write(`\nbench: ${signal}, stopping children\n`);
    cleanup();
    process.exit(130);
  });
}

const t0 = performance.now();
function log(message: string): void {
  process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'altinn-emulator-bench-'));
  tempDirs.add(dir);
  return dir;
}

function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

function startBareKoa(): Promise<ServerHandle> {
  return spawnServer({
    name: 'bare Koa',
    script: bareKoaScript,
    args: (port) => ['--port', String(port), '--host', HOST],
    healthPath: '/',
    host: HOST,
  });
}

function startEmulator(dataDir: string, nodeArgs: string[] = [], smtpPort = 0): Promise<ServerHandle> {
  return spawnServer({
    name: 'emulator',
    script: settings.emulatorCli,
    nodeArgs,
    args: (port) => [
      '--port', String(port),
      '--smtp-port', String(smtpPort),
      '--data', join(dataDir, 'db.json'),
      '--host', HOST,
    ],
    healthPath: HEALTH_PATH,
    host: HOST,
  });
}

/** A fresh emulator (file store in its own temp folder) for `use`; stopped and removed afterwards. */
async function withEmulator<T>(smtpPort: number, use: (server: ServerHandle) => Promise<T>): Promise<T> {
  const dir = tempDir();
  try {
    const server = await startEmulator(dir, loadNodeArgs, smtpPort);
    try {
      return await use(server);
    } finally {
      await server.stop();
    }
  } finally {
    removeTempDir(dir);
  }
}

function summary(load: LoadResult): LoadSummary {
  const { latencies: _latencies, ...rest } = load;
  return rest;
}

async function healthCounts(url: string): Promise<unknown> {
  try {
    const response = await httpJson(url + HEALTH_PATH);
    return (response.body as { counts?: unknown } | null)?.counts ?? null;
  } catch {
    return null;
  }
}

async function measureStartup(): Promise<NonNullable<BenchResults['startup']>> {
  const emulatorMs: number[] = [];
  const bareKoaMs: number[] = [];
  const once = async (which: 'emulator' | 'bare'): Promise<number> => {
    const dir = which === 'emulator' ? tempDir() : null;
    const server = dir ? await startEmulator(dir) : await startBareKoa();
    await server.stop();
    if (dir) removeTempDir(dir);
    return server.startupMs;
  };
  // One untimed start of each, so that neither pays for a cold file cache.
  await once('bare');
  await once('emulator');
  for (let i = 0; i < settings.startupSamples; i++) {
    // Alternate the order so that neither always follows the other.
    if (i % 2 === 0) {
      bareKoaMs.push(await once('bare'));
      emulatorMs.push(await once('emulator'));
    } else {
      emulatorMs.push(await once('emulator'));
      bareKoaMs.push(await once('bare'));
    }
  }
  return { emulatorMs, bareKoaMs, emulatorMedianMs: median(emulatorMs), bareKoaMedianMs: median(bareKoaMs) };
}

async function measureBaseline(label: string): Promise<LoadResult> {
  const server = await startBareKoa();
  try {
    if (settings.warmupSeconds > 0) {
      await runLoad({
        url: server.url,
        request: smsRequest('/', `${label}-warm`),
        connections: settings.connections,
        seconds: settings.warmupSeconds,
      });
    }
    return await runLoad({
      url: server.url,
      request: smsRequest('/', label),
      connections: settings.connections,
      seconds: settings.seconds,
    });
  } finally {
    await server.stop();
  }
}

interface EmulatorMeasurement {
  run: EmulatorRun;
  load: LoadResult;
  probe: { status: number; body: unknown };
}

async function measureEmulator(stored: number): Promise<EmulatorMeasurement> {
  const dir = tempDir();
  const server = await startEmulator(dir, loadNodeArgs);
  let stopMs = Number.NaN;
  try {
    // One request by hand first: a wrong route or body shows here with the emulator's own answer.
    const probe = await httpJson(server.url + SMS_PATH, {
      method: 'POST',
      body: JSON.parse(smsRequest(SMS_PATH, `probe${stored}`).body as string),
    });
    if (settings.warmupSeconds > 0) {
      await runLoad({
        url: server.url,
        request: smsRequest(SMS_PATH, `warm${stored}`),
        connections: settings.connections,
        seconds: settings.warmupSeconds,
      });
    }
    // Back to an empty store, so that the measured window starts with exactly `stored` messages.
    let reset = await httpJson(server.url + '/_emulator/reset', { method: 'POST' });
    if (reset.status >= 300) reset = await httpJson(server.url + '/_emulator/reset', { method: 'POST', body: {} });
    const resetOk = reset.status >= 200 && reset.status < 300;
    if (!resetOk) log(`  warning: POST /_emulator/reset answered ${reset.status}; warm-up messages stay stored`);

    let seed: EmulatorRun['seed'] = null;
    if (stored > 0) {
      const seedStart = performance.now();
      const seeded = await runLoad({
        url: server.url,
        request: smsRequest(SMS_PATH, `seed${stored}`),
        connections: settings.connections,
        amount: stored,
      });
      // Wall clock, including the wait for autocannon's 1 s sampling tick at which an `amount` run ends.
      const seconds = (performance.now() - seedStart) / 1000;
      seed = { requests: seeded.requests, non2xx: seeded.non2xx, errors: seeded.errors, seconds };
      log(`  seeded ${seeded.requests} messages in ${seconds.toFixed(2)} s (non-2xx ${seeded.non2xx})`);
    }
    // Let the store go quiet (journal flushed, snapshot rewritten after a second of quiet) before measuring.
    await sleep(settings.quietMs);
    const countsBefore = await healthCounts(server.url);
    const load = await runLoad({
      url: server.url,
      request: smsRequest(SMS_PATH, `load${stored}`),
      connections: settings.connections,
      seconds: settings.seconds,
    });
    const countsAfter = await healthCounts(server.url);
    const suspicious = load.non2xx > 0 || load.errors > 0 || load.timeouts > 0 || probe.status !== 201;
    stopMs = await server.stop();
    const run: EmulatorRun = {
      stored,
      seed,
      resetOk,
      countsBefore,
      countsAfter,
      load: summary(load),
      stopMs,
      ...(suspicious ? { outputTail: server.output() } : {}),
    };
    return { run, load, probe };
  } finally {
    if (Number.isNaN(stopMs)) await server.stop();
    removeTempDir(dir);
  }
}

function describe(load: LoadResult): string {
  return (
    `${Math.round(load.reqPerSec)} req/s, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms, ` +
    `non-2xx ${load.non2xx}, errors ${load.errors + load.timeouts}`
  );
}

interface HttpMeasurement {
  startup: NonNullable<BenchResults['startup']>;
  baselineBefore: LoadResult;
  baselineAfter: LoadResult;
  baseline: LoadResult;
  measurements: EmulatorMeasurement[];
}

async function measureHttp(): Promise<HttpMeasurement> {
  log(`start-up: ${settings.startupSamples} samples each, interleaved`);
  const startup = await measureStartup();
  log(`  emulator median ${Math.round(startup.emulatorMedianMs)} ms, bare Koa ${Math.round(startup.bareKoaMedianMs)} ms`);

  log('baseline (before): bare Koa');
  const baselineBefore = await measureBaseline('base1');
  log(`  ${describe(baselineBefore)}`);

  const measurements: EmulatorMeasurement[] = [];
  for (const stored of settings.storeSizes) {
    log(`emulator @${stored} stored`);
    const measurement = await measureEmulator(stored);
    measurements.push(measurement);
    log(`  ${describe(measurement.load)}`);
    if (measurement.probe.status !== 201) {
      log(`  probe POST answered ${measurement.probe.status}: ${JSON.stringify(measurement.probe.body)}`);
    }
    if (measurement.run.outputTail) log(`  emulator output (last lines):\n${measurement.run.outputTail}`);
  }

  log('baseline (after): bare Koa');
  const baselineAfter = await measureBaseline('base2');
  log(`  ${describe(baselineAfter)}`);
  return { startup, baselineBefore, baselineAfter, baseline: mergeLoads(baselineBefore, baselineAfter), measurements };
}

function httpChecks(http: HttpMeasurement): BenchResults['checks'] {
  const { measurements, baselineBefore, baselineAfter, baseline } = http;
  const checks: BenchResults['checks'] = [];
  checks.push({
    name: 'emulator: every measured request answered 2xx (non-2xx = 0, no errors)',
    pass: measurements.every((m) => m.load.non2xx === 0 && m.load.errors === 0 && m.load.timeouts === 0),
    detail: measurements
      .map((m) => `@${m.run.stored}: non-2xx ${m.load.non2xx}, errors ${m.load.errors + m.load.timeouts}` +
        (m.load.non2xx ? ` ${JSON.stringify(m.load.statusCodes)}` : ''))
      .join('; '),
  });
  checks.push({
    name: 'emulator: the probe POST answered 201',
    pass: measurements.every((m) => m.probe.status === 201),
    detail: measurements.map((m) => `@${m.run.stored}: ${m.probe.status}`).join('; '),
  });
  checks.push({
    name: 'emulator: seeding answered 2xx and the store held N messages when measuring',
    pass: measurements.every((m) => {
      const seedOk = !m.run.seed || (m.run.seed.non2xx === 0 && m.run.seed.errors === 0);
      const count = storedMessages(m.run.countsBefore);
      return seedOk && m.run.resetOk && (count === null || count === m.run.stored);
    }),
    detail: measurements
      .map((m) => `@${m.run.stored}: health counts ${JSON.stringify(m.run.countsBefore)}${m.run.resetOk ? '' : ', reset failed'}`)
      .join('; '),
  });
  const drift = Math.max(baselineBefore.reqPerSec, baselineAfter.reqPerSec) /
    Math.min(baselineBefore.reqPerSec, baselineAfter.reqPerSec);
  checks.push({
    name: 'baseline: stable during the run (before/after throughput within 1.25x; else the machine was busy, rerun)',
    pass: drift <= 1.25,
    detail: `before ${Math.round(baselineBefore.reqPerSec)} req/s, after ${Math.round(baselineAfter.reqPerSec)} req/s (${drift.toFixed(2)}x)`,
  });
  checks.push({
    name: 'baseline: every request answered 2xx',
    pass: baseline.non2xx === 0 && baseline.errors === 0 && baseline.timeouts === 0,
    detail: `non-2xx ${baseline.non2xx}, errors ${baseline.errors + baseline.timeouts}`,
  });
  return checks;
}

async function measureSmtp(): Promise<SmtpIngestResult> {
  log(
    `SMTP ingest: ${settings.smtpMails} mails over ${settings.smtpConnections} sessions after ${settings.smtpWarmupMails} ` +
      'warm-up mails; bare smtp-server, emulator, bare smtp-server, MailDev if installed',
  );
  return measureSmtpIngest({
    host: HOST,
    settings: { mails: settings.smtpMails, connections: settings.smtpConnections, warmupMails: settings.smtpWarmupMails },
    bareSmtpScript,
    withEmulator,
    tempDir,
    log,
  });
}

async function main(): Promise<void> {
  const startedAt = new Date();
  if (!settings.skipHttp && !existsSync(bareKoaScript)) throw new Error(`${bareKoaScript} is missing: run \`npm run build\` first`);
  if (!settings.skipSmtp && !existsSync(bareSmtpScript)) throw new Error(`${bareSmtpScript} is missing: run \`npm run build\` first`);
  if (!existsSync(settings.emulatorCli)) {
    throw new Error(`${settings.emulatorCli} is missing: build the emulator (npm run build) or set BENCH_EMULATOR_CLI`);
  }
  log(
    `bench: ${settings.connections} connections, ${settings.seconds} s per run after ${settings.warmupSeconds} s warm-up, ` +
      `store sizes ${settings.storeSizes.join('/')}, Node ${process.version}, ${cpus().length} CPUs`,
  );

  const http = settings.skipHttp ? null : await measureHttp();
  const smtp = settings.skipSmtp ? null : await measureSmtp();
  const events = settings.skipEvents
    ? null
    : await measureWaiters({ smsPath: SMS_PATH, messages: settings.wsMessages, warmup: settings.wsWarmup, withEmulator, log });

  const ws = events?.websocket;
  const bars = evaluateBars({
    baseline: http?.baseline,
    emulator: new Map((http?.measurements ?? []).map((m) => [m.run.stored, m.load])),
    startupEmulatorMs: http?.startup.emulatorMedianMs ?? Number.NaN,
    startupBareKoaMs: http?.startup.bareKoaMedianMs ?? Number.NaN,
    smtp: smtp
      ? { emulator: smtp.emulatorMailsPerSec, bare: smtp.bareMailsPerSec, maildev: smtp.maildevMailsPerSec, maildevReason: smtp.maildevReason }
      : undefined,
    // A run with missing frames has no p99 worth the name.
    eventAfter201P99: ws && !('error' in ws) && ws.matched === ws.messages ? ws.afterResponse.p99 : Number.NaN,
    notes: {
      http: settings.skipHttp ? 'skipped (BENCH_SKIP_HTTP=1)' : undefined,
      smtp: settings.skipSmtp ? 'skipped (BENCH_SKIP_SMTP=1)' : (smtp?.emulatorError ?? undefined),
      events: settings.skipEvents
        ? 'skipped (BENCH_SKIP_EVENTS=1)'
        : ws && 'error' in ws
          ? ws.error
          : ws && ws.matched !== ws.messages
            ? `only ${ws.matched}/${ws.messages} frames matched${ws.firstFailure ? ` (first failure: ${ws.firstFailure})` : ''}`
            : undefined,
    },
  });

  const checks: BenchResults['checks'] = [
    ...(http ? httpChecks(http) : []),
    ...(smtp ? smtpChecks(smtp, settings.smtpMails) : []),
    ...(events ? waiterChecks(events) : []),
  ];

  const finishedAt = new Date();
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    totalSeconds: (performance.now() - t0) / 1000,
    environment: {
      node: process.version,
      platform: `${platform()} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage: loadavg(),
    },
    settings: { ...settings },
    startup: http?.startup ?? null,
    baseline: http
      ? { before: summary(http.baselineBefore), after: summary(http.baselineAfter), combined: summary(http.baseline) }
      : null,
    emulator: (http?.measurements ?? []).map((m) => m.run),
    smtp,
    events,
    bars,
    checks,
  };
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write('\n' + formatReport(results) + `\nFigures written to ${resultsFile}\n`);
}

main().then(
  () => {
    cleanup();
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`\nbench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    cleanup();
    process.exit(1);
  },
);
