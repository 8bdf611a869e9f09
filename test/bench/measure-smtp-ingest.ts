import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultOptions } from '../../emulator/options.js';
import { describeSmtp } from './describe-smtp.js';
import { freePort } from './free-port.js';
import { httpJson } from './http-json.js';
import { resolveMaildev } from './resolve-maildev.js';
import { smtpGreets } from './smtp-greets.js';
import { runSmtpLoad, type SmtpLoadResult } from './smtp-load.js';
import { spawnServer, type ServerHandle } from './spawn-server.js';

export interface SmtpIngestSettings {
  mails: number;
  connections: number;
  warmupMails: number;
}

export interface SmtpIngestDeps {
  host: string;
  settings: SmtpIngestSettings;
  /** The compiled bare smtp-server + mailparser (test/bench/bare-smtp.ts). */
  bareSmtpScript: string;
  /** Runs `use` against a fresh emulator (the real CLI, file store in a temp folder) listening for SMTP on `smtpPort`. */
  withEmulator<T>(smtpPort: number, use: (server: ServerHandle) => Promise<T>): Promise<T>;
  /** A temp folder that the bench removes at its end. */
  tempDir(): string;
  log(line: string): void;
}

export type SmtpTarget = 'bare' | 'emulator' | 'maildev';

export interface SmtpRun {
  target: SmtpTarget;
  label: string;
  warmup: { accepted: number; errors: number };
  load: SmtpLoadResult;
  /** Emulator only: mails in the store (health `counts.email`) before and after the measured mails. */
  emailsBefore?: number | null;
  emailsAfter?: number | null;
}

export interface SmtpIngestResult {
  runs: SmtpRun[];
  /** Mean of the bare runs' mails/s: the baseline of the bar. */
  bareMailsPerSec: number;
  emulatorMailsPerSec: number;
  /** Null with the reason when MailDev was not run. */
  maildevMailsPerSec: number | null;
  maildevReason: string | null;
  /** The emulator stored as many mails as it answered 250 (within its retention). */
  emulatorStored: { expected: number; stored: number | null; ok: boolean } | null;
  /** Why the emulator could not be measured (e.g. its SMTP listener did not greet). */
  emulatorError: string | null;
}

/**
 * SMTP ingest (product §11): the same mails over the same raw sessions against a bare smtp-server + mailparser,
 * the emulator, and the bare server again (interleaved, so drift shows; the bar uses the mean of the two bare
 * runs), then MailDev when it is installed. Each target is a fresh process, warmed up with untimed mails first.
 */
export async function measureSmtpIngest(deps: SmtpIngestDeps): Promise<SmtpIngestResult> {
  const { host, settings, log } = deps;
  const runs: SmtpRun[] = [];
  const tag = `${process.pid.toString(36)}${Date.now().toString(36)}`;

  const drive = async (target: SmtpTarget, label: string, port: number, between?: () => Promise<void>): Promise<SmtpRun> => {
    const warm = settings.warmupMails > 0
      ? await runSmtpLoad({ host, port, connections: settings.connections, mails: settings.warmupMails, tag: `${tag}w${runs.length}` })
      : null;
    await between?.();
    const load = await runSmtpLoad({ host, port, connections: settings.connections, mails: settings.mails, tag: `${tag}m${runs.length}` });
    const run: SmtpRun = { target, label, warmup: { accepted: warm?.accepted ?? 0, errors: warm?.errors ?? 0 }, load };
    log(`  ${label}: ${describeSmtp(load)}`);
    return run;
  };

  const bare = async (label: string): Promise<SmtpRun> => {
    const server = await spawnServer({
      name: 'bare smtp-server',
      script: deps.bareSmtpScript,
      args: (port) => ['--port', String(port), '--host', host],
      probe: (h, p) => smtpGreets(h, p, 500),
      host,
    });
    try {
      return await drive('bare', label, server.port);
    } finally {
      await server.stop();
    }
  };

  runs.push(await bare('bare smtp-server (before)'));

  let emulatorError: string | null = null;
  let emulatorStored: SmtpIngestResult['emulatorStored'] = null;
  try {
    const smtpPort = await freePort(host);
    const run = await deps.withEmulator(smtpPort, async (server) => {
      await untilGreets(host, smtpPort, 5000, server);
      const emails = async (): Promise<number | null> => {
        const health = await httpJson(server.url + '/_emulator/health');
        const email = (health.body as { counts?: { email?: unknown } } | null)?.counts?.email;
        return typeof email === 'number' ? email : null;
      };
      let before: number | null = null;
      const measured = await drive('emulator', 'emulator', smtpPort, async () => {
        // Back to an empty store, so that the count after the run is the measured mails alone.
        const reset = await httpJson(server.url + '/_emulator/reset', { method: 'POST' });
        if (reset.status >= 300) log(`  warning: POST /_emulator/reset answered ${reset.status}`);
        before = await emails();
      });
      return { ...measured, emailsBefore: before, emailsAfter: await emails() };
    });
    runs.push(run);
    if (run.emailsBefore !== null && run.emailsBefore !== undefined) {
      const retention = defaultOptions.maxMessages;
      const total = run.emailsBefore + run.load.accepted;
      const expected = retention > 0 ? Math.min(total, retention) : total;
      const stored = run.emailsAfter ?? null;
      emulatorStored = { expected, stored, ok: stored === expected };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    emulatorError = message.split('\n')[0];
    log(`  emulator: not measured: ${message}`);
  }

  runs.push(await bare('bare smtp-server (after)'));

  let maildevReason: string | null = null;
  const maildev = resolveMaildev();
  if ('reason' in maildev) {
    maildevReason = maildev.reason;
  } else {
    try {
      const webPort = await freePort(host);
      const mailDirectory = deps.tempDir();
      const server = await spawnServer({
        name: 'MailDev',
        script: maildev.script,
        args: (port) => ['--smtp', String(port), '--web', String(webPort), '--ip', host, '--mail-directory', mailDirectory, '--silent'],
        probe: (h, p) => smtpGreets(h, p, 500),
        host,
      });
      try {
        runs.push(await drive('maildev', 'MailDev', server.port));
      } finally {
        await server.stop();
      }
    } catch (error) {
      maildevReason = `MailDev could not be run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
  }
  if (maildevReason) log(`  MailDev: not measured: ${maildevReason}`);

  const mean = (values: number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);
  const rate = (target: SmtpTarget): number[] => runs.filter((r) => r.target === target).map((r) => r.load.mailsPerSec);
  return {
    runs,
    bareMailsPerSec: mean(rate('bare')),
    emulatorMailsPerSec: rate('emulator')[0] ?? Number.NaN,
    maildevMailsPerSec: rate('maildev')[0] ?? null,
    maildevReason,
    emulatorStored,
    emulatorError,
  };
}

/** Polls the emulator's SMTP port until it greets (the health path says only that HTTP is up). */
async function untilGreets(host: string, port: number, timeoutMs: number, server: ServerHandle): Promise<void> {
  const started = performance.now();
  while (!(await smtpGreets(host, port, 500))) {
    if (performance.now() - started > timeoutMs) {
      throw new Error(`the emulator did not greet on SMTP port ${port} within ${timeoutMs} ms\n${server.output()}`);
    }
    await sleep(10);
  }
}
