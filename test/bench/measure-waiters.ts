import { measureEventLatency, type EventLatencyResult } from './event-latency.js';
import type { ServerHandle } from './spawn-server.js';
import { measureWaitLatency, type WaitLatencyResult } from './wait-latency.js';

/** From the 201 to a waiter: over the websocket and with the long-poll; `error` when one could not be measured. */
export interface WaiterResults {
  websocket: EventLatencyResult | { error: string };
  wait: WaitLatencyResult | { error: string };
}

export interface MeasureWaitersDeps {
  smsPath: string;
  messages: number;
  warmup: number;
  /** Runs `use` against a fresh emulator (the real CLI, file store in a temp folder). */
  withEmulator<T>(smtpPort: number, use: (server: ServerHandle) => Promise<T>): Promise<T>;
  log(line: string): void;
}

/** One fresh emulator; the websocket measurement first, then the long-poll one (each to its own numbers). */
export function measureWaiters(deps: MeasureWaitersDeps): Promise<WaiterResults> {
  const { log } = deps;
  log(`201 to waiter: ${deps.messages} sequential instant-SMS POSTs after ${deps.warmup} untimed, websocket then long-poll`);
  const tag = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const failure = (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) });
  const ms = (n: number): string => `${n.toFixed(2)} ms`;
  return deps.withEmulator(0, async (server) => {
    const common = { url: server.url, smsPath: deps.smsPath, messages: deps.messages, warmup: deps.warmup, tag };
    const websocket = await measureEventLatency(common).catch(failure);
    if ('error' in websocket) {
      log(`  websocket: not measured: ${websocket.error}`);
    } else {
      log(
        `  websocket: after the 201 p50 ${ms(websocket.afterResponse.p50)}, p99 ${ms(websocket.afterResponse.p99)}; ` +
          `POST -> frame p50 ${ms(websocket.endToEnd.p50)}, p99 ${ms(websocket.endToEnd.p99)} ` +
          `(${websocket.matched}/${websocket.messages} matched, ${websocket.eventBefore201} before the 201)`,
      );
    }
    const wait = await measureWaitLatency(common).catch(failure);
    if ('error' in wait) {
      log(`  long-poll: not measured: ${wait.error}`);
    } else if (!wait.available) {
      log(`  long-poll: not measured: ${wait.reason}`);
    } else {
      log(
        `  long-poll: after the 201 p50 ${ms(wait.afterResponse.p50)}, p99 ${ms(wait.afterResponse.p99)}; ` +
          `POST -> answered p50 ${ms(wait.endToEnd.p50)}, p99 ${ms(wait.endToEnd.p99)} (${wait.matched}/${wait.messages} matched)`,
      );
    }
    return { websocket, wait };
  });
}
