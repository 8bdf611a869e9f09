import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { httpJson } from './http-json.js';
import { instantSmsBody } from './instant-sms-body.js';
import { latencySummary, type LatencySummary } from './latency-summary.js';

export interface EventLatencyOptions {
  /** Base URL of the emulator. */
  url: string;
  smsPath: string;
  /** Measured POSTs, one at a time. */
  messages: number;
  /** Untimed POSTs first (JIT, first journal writes). */
  warmup: number;
  tag: string;
  /** How long one event may take before it counts as missing. */
  eventTimeoutMs?: number;
}

export interface EventLatencyResult {
  messages: number;
  /** 201s whose `message.created` frame arrived. */
  matched: number;
  /** 201s without a frame within the timeout (warm-up included); the run stops at 3. */
  missing: number;
  /** POSTs not answered 201 (warm-up included; the first answer is kept in `firstFailure`); the run stops at 3. */
  non201: number;
  firstFailure: string | null;
  /** Frames that came in before their 201 was complete (their after-201 latency is 0). */
  eventBefore201: number;
  /** max(0, frame − 201 complete): the bar. */
  afterResponse: LatencySummary;
  /** frame − POST written: what a test that sends and then waits sees. */
  endToEnd: LatencySummary;
  /** POST written → 201 complete. */
  response: LatencySummary;
  seconds: number;
}

const MAX_FAILURES = 3;

interface CreatedFrame {
  type?: string;
  data?: { message?: { order?: { shipmentId?: string } | null } };
}

/**
 * From the 201 to a websocket waiter being resolved (product §11): one client on `WS /_emulator/events`
 * (`channel=sms`), then sequential instant-SMS POSTs over one keep-alive connection; each 201's `shipmentId` is
 * matched with the `message.created` frame whose `data.message.order.shipmentId` is the same. The time of a frame is
 * taken after it is parsed and matched, as a harness waiter would see it.
 */
export async function measureEventLatency(options: EventLatencyOptions): Promise<EventLatencyResult> {
  const eventTimeoutMs = options.eventTimeoutMs ?? 2000;
  const wsUrl = options.url.replace(/^http/, 'ws') + '/_emulator/events?channel=sms';
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
  const arrived = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no hello frame from ${wsUrl} within 5 s`)), 5000);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${wsUrl}: ${error.message}`));
    });
    socket.once('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      reject(new Error(`${wsUrl}: HTTP ${response.statusCode} instead of a websocket upgrade`));
    });
    socket.on('message', (raw) => {
      let frame: CreatedFrame;
      try {
        frame = JSON.parse(raw.toString()) as CreatedFrame;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        clearTimeout(timer);
        resolve();
        return;
      }
      if (frame.type !== 'message.created') return;
      const shipmentId = frame.data?.message?.order?.shipmentId;
      if (typeof shipmentId !== 'string') return;
      const at = performance.now();
      const waiter = waiting.get(shipmentId);
      if (waiter) {
        waiting.delete(shipmentId);
        waiter(at);
      } else {
        arrived.set(shipmentId, at);
      }
    });
  });
  // After the hello a failure shows up as missing frames; a closed stream fails the rest at once, not one timeout each.
  let closed = false;
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
    for (const resolve of waiting.values()) resolve(Number.NaN);
    waiting.clear();
  });

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const frameFor = (shipmentId: string): Promise<number | null> => {
    const at = arrived.get(shipmentId);
    if (at !== undefined) {
      arrived.delete(shipmentId);
      return Promise.resolve(at);
    }
    if (closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(shipmentId);
        resolve(null);
      }, eventTimeoutMs);
      waiting.set(shipmentId, (when) => {
        clearTimeout(timer);
        resolve(Number.isNaN(when) ? null : when);
      });
    });
  };

  const afterResponse: number[] = [];
  const endToEnd: number[] = [];
  const response: number[] = [];
  let matched = 0;
  let missing = 0;
  let non201 = 0;
  let eventBefore201 = 0;
  let firstFailure: string | null = null;
  let started = 0;
  try {
    for (let i = 0; i < options.warmup + options.messages; i++) {
      const measuring = i >= options.warmup;
      if (i === options.warmup) started = performance.now();
      const { body } = instantSmsBody(i, '+479', options.tag);
      const sentAt = performance.now();
      const answer = await httpJson(options.url + options.smsPath, { method: 'POST', body, agent });
      const answeredAt = performance.now();
      const shipmentId = (answer.body as { notification?: { shipmentId?: string } } | null)?.notification?.shipmentId;
      if (answer.status !== 201 || typeof shipmentId !== 'string') {
        non201++;
        firstFailure ??= `POST ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
        if (non201 >= MAX_FAILURES) break;
        continue;
      }
      const eventAt = await frameFor(shipmentId);
      if (eventAt === null) {
        // Each costs the whole timeout: a stream that does not deliver ends the run after a few.
        missing++;
        firstFailure ??= `no message.created frame for shipment ${shipmentId} within ${eventTimeoutMs} ms`;
        if (missing >= MAX_FAILURES) break;
        continue;
      }
      if (!measuring) continue;
      response.push(answeredAt - sentAt);
      matched++;
      if (eventAt < answeredAt) eventBefore201++;
      afterResponse.push(Math.max(0, eventAt - answeredAt));
      endToEnd.push(eventAt - sentAt);
    }
  } finally {
    agent.destroy();
    socket.terminate();
  }
  return {
    messages: options.messages,
    matched,
    missing,
    non201,
    firstFailure,
    eventBefore201,
    afterResponse: latencySummary(afterResponse),
    endToEnd: latencySummary(endToEnd),
    response: latencySummary(response),
    seconds: (performance.now() - started) / 1000,
  };
}
