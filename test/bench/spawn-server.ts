import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { children } from './children.js';
import { freePort } from './free-port.js';
import { httpJson } from './http-json.js';

export interface SpawnServerOptions {
  /** Label for messages. */
  name: string;
  /** The compiled script to run with this Node. */
  script: string;
  /** Arguments after the script; receives the port chosen for it. */
  args: (port: number) => string[];
  /** Extra Node flags before the script (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Path answered with 200 once the server is ready (the readiness probe unless `probe` is given). */
  healthPath?: string;
  /** Readiness probe used instead of an HTTP GET (e.g. an SMTP greeting); true = ready. */
  probe?: (host: string, port: number) => Promise<boolean>;
  host?: string;
  timeoutMs?: number;
  /** Interval between readiness probes. */
  pollMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface ServerHandle {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  /** From just before `spawn` to the first 200 on the health path (or the first successful probe). */
  startupMs: number;
  /** The last lines the child printed (stdout and stderr), for diagnostics. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the time the child took to exit. */
  stop(graceMs?: number): Promise<number>;
}

const KEEP_LINES = 40;

/** Starts a server as a child process on a free port and waits until it is ready (health path 200 or `probe`). */
export async function spawnServer(options: SpawnServerOptions): Promise<ServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const port = await freePort(host);
  const url = `http://${host}:${port}`;
  const healthUrl = url + (options.healthPath ?? '/');
  const probe = options.probe;
  const isReady = probe
    ? () => probe(host, port)
    : async () => (await httpJson(healthUrl, { timeoutMs: 2000 })).status === 200;
  const timeoutMs = options.timeoutMs ?? 15000;
  const pollMs = options.pollMs ?? 5;

  const recent: string[] = [];
  let partial = '';
  const keep = (chunk: Buffer): void => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      recent.push(line);
      if (recent.length > KEEP_LINES) recent.shift();
    }
  };

  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script, ...options.args(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  children.add(child);
  // Always drain the pipes: a child that logs one line per message would block on a full pipe.
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let exited: string | null = null;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    });
    child.once('error', (error) => {
      exited = `failed to start: ${error.message}`;
      resolve();
    });
  });
  const output = (): string => [...recent, partial].filter(Boolean).join('\n');

  let startupMs = -1;
  while (startupMs < 0) {
    if (exited) throw new Error(`${options.name} ${exited} before it was healthy.\n${output()}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} not ready on ${probe ? `${host}:${port}` : healthUrl} after ${timeoutMs} ms.\n${output()}`);
    }
    try {
      if (await isReady()) {
        startupMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(pollMs);
  }

  const stop = async (graceMs = 3000): Promise<number> => {
    const stopping = performance.now();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exitedPromise;
      clearTimeout(timer);
    }
    return performance.now() - stopping;
  };

  return { name: options.name, url, port, child, startupMs, output, stop };
}
