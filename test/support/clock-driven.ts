import { expect } from 'vitest';
import WebSocket from 'ws';
import { request } from './emulator.js';

/** Helpers of the tests that drive the emulator clock (product §4) instead of sleeping. */

export const iso = (ms: number) => new Date(ms).toISOString();

/** Freezes the emulator's clock; the instant it froze at (ms) is every later timestamp's origin. */
export async function freezeClock(emu: { url: string }): Promise<number> {
  const res = await request(emu, 'POST', '/_emulator/clock', { freeze: true });
  expect(res.status, res.text).toBe(200);
  return Date.parse(res.json.now);
}

/** Moves the clock on; answers once every step that fell due is applied. */
export async function advanceClock(emu: { url: string }, by: string | number): Promise<{ now: string; offsetMs: number; frozen: boolean }> {
  const res = await request(emu, 'POST', '/_emulator/clock', { advance: by });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

/** Switches a fake phone; answers the phone. */
export async function setPhone(emu: { url: string }, number: string, online: boolean): Promise<any> {
  const res = await request(emu, 'PUT', `/_emulator/phones/${encodeURIComponent(number)}`, { online });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

/** `statusHistory` entries from `[status, ms]` pairs. */
export const history = (...steps: [string, number][]) => steps.map(([status, at]) => ({ status, at: iso(at) }));

/**
 * Connects to `WS /_emulator/events` and queues the frames (`hello` taken off). The socket goes into `sockets`, which
 * the test file terminates after each test.
 */
export async function subscribeEvents(emu: { url: string }, sockets: WebSocket[]) {
  const ws = new WebSocket(`${emu.url.replace(/^http/, 'ws')}/_emulator/events`);
  sockets.push(ws);
  const queue: any[] = [];
  const takers: ((frame: any) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    const taker = takers.shift();
    if (taker) taker(frame);
    else queue.push(frame);
  });
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done());
    ws.once('error', fail);
  });
  const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise<any>((resolve) => takers.push(resolve)));
  expect((await next()).type).toBe('hello');
  return {
    next,
    /** The next frame of this type (frames of other types before it are dropped). */
    async nextOf(type: string) {
      for (;;) {
        const frame = await next();
        if (frame.type === type) return frame;
      }
    },
  };
}
