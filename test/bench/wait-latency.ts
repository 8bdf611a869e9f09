import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { httpJson } from './http-json.js';
import { instantSmsBody } from './instant-sms-body.js';
import { latencySummary, type LatencySummary } from './latency-summary.js';

export interface WaitLatencyOptions {
  url: string;
  smsPath: string;
  messages: number;
  warmup: number;
  tag: string;
}

export type WaitLatencyResult =
  | { available: false; reason: string }
  | {
      available: true;
      messages: number;
      /** Waits answered 200 with the message of their number. */
      matched: number;
      /** Waits answered otherwise (404 after the timeout, or another message); the run stops at 3. */
      failed: number;
      /** POSTs not answered 201; the run stops at the first. */
      non201: number;
      firstFailure: string | null;
      /** Waits answered before their 201 was complete (after-201 latency 0). */
      answeredBefore201: number;
      /** max(0, wait answered − 201 complete). */
      afterResponse: LatencySummary;
      /** wait answered − POST written. */
      endToEnd: LatencySummary;
      seconds: number;
    };

const WAIT_PATH = '/_emulator/messages/wait';
const MAX_FAILED_WAITS = 3;

/**
 * The same as the websocket measurement for the long-poll `GET /_emulator/messages/wait` (product §4): for each
 * message a wait for its own number is issued first, then the POST, each over its own keep-alive connection.
 * `after` is the cursor from before the run, so that a wait the server happens to see after the POST still
 * finds the message at once instead of waiting for a newer one.
 */
export async function measureWaitLatency(options: WaitLatencyOptions): Promise<WaitLatencyResult> {
  // Does the route exist? A wait for a number nobody uses times out with 404 and `nearMisses`; without the route
  // `/messages/wait` is looked up as a message id and answers a plain 404.
  const probe = await httpJson(`${options.url}${WAIT_PATH}?to=${encodeURIComponent('+4740000000')}&timeout=1`);
  const probeBody = probe.body as { nearMisses?: unknown } | null;
  if (!(probe.status === 404 && Array.isArray(probeBody?.nearMisses))) {
    return {
      available: false,
      reason: `GET ${WAIT_PATH} answered ${probe.status} ${JSON.stringify(probe.body).slice(0, 200)} (no long-poll route)`,
    };
  }
  const health = await httpJson(options.url + '/_emulator/health');
  const cursor = (health.body as { cursor?: unknown } | null)?.cursor;
  const after = typeof cursor === 'number' || typeof cursor === 'string' ? `&after=${encodeURIComponent(String(cursor))}` : '';

  const waitAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const postAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const afterResponse: number[] = [];
  const endToEnd: number[] = [];
  let matched = 0;
  let failed = 0;
  let non201 = 0;
  let answeredBefore201 = 0;
  let firstFailure: string | null = null;
  let started = 0;
  try {
    for (let i = 0; i < options.warmup + options.messages; i++) {
      const measuring = i >= options.warmup;
      if (i === options.warmup) started = performance.now();
      const { phone, body } = instantSmsBody(i, '+474', options.tag);
      let waitedAt = Number.NaN;
      const waited = httpJson(
        `${options.url}${WAIT_PATH}?channel=sms&to=${encodeURIComponent(phone)}&timeout=5s${after}`,
        { agent: waitAgent, timeoutMs: 10_000 },
      ).then((answer) => {
        waitedAt = performance.now();
        return answer;
      });
      const sentAt = performance.now();
      const answer = await httpJson(options.url + options.smsPath, { method: 'POST', body, agent: postAgent });
      const answeredAt = performance.now();
      const wait = await waited;
      // A failure costs the wait's whole timeout: stop after the first failed POST or a few failed waits.
      if (answer.status !== 201) {
        non201++;
        firstFailure ??= `POST ${answer.status} ${JSON.stringify(answer.body)}`;
        break;
      }
      const to = (wait.body as { to?: unknown } | null)?.to;
      if (!(wait.status === 200 && Array.isArray(to) && to.includes(phone))) {
        failed++;
        firstFailure ??= `wait ${wait.status} ${JSON.stringify(wait.body).slice(0, 300)}`;
        if (failed >= MAX_FAILED_WAITS) break;
        continue;
      }
      if (!measuring) continue;
      matched++;
      if (waitedAt < answeredAt) answeredBefore201++;
      afterResponse.push(Math.max(0, waitedAt - answeredAt));
      endToEnd.push(waitedAt - sentAt);
    }
  } finally {
    waitAgent.destroy();
    postAgent.destroy();
  }
  return {
    available: true,
    messages: options.messages,
    matched,
    failed,
    non201,
    firstFailure,
    answeredBefore201,
    afterResponse: latencySummary(afterResponse),
    endToEnd: latencySummary(endToEnd),
    seconds: (performance.now() - started) / 1000,
  };
}
