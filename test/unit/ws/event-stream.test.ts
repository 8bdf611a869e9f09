import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { EventBus } from '../../../emulator/events.js';
import type { Message } from '../../../emulator/store/message.js';
import { attachEventStream, type EventStream, type EventStreamDeps } from '../../../emulator/ws/event-stream.js';
import { countingBus } from '../../support/counting-bus.js';

// The stream on a bare HTTP server with a bus the test drives directly (integration: test/integration/events.test.ts).

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(deps: Partial<EventStreamDeps> & { events: EventBus }) {
  const server: Server = createServer((_req, res) => res.end());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const stream = attachEventStream(server, { store: { announcedCursor: 7 }, version: 'test', allowedHosts: [], cors: null, ...deps });
  cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  cleanups.push(() => stream.close());
  const port = (server.address() as AddressInfo).port;
  return { server, stream, port, url: `ws://127.0.0.1:${port}/_emulator/events` };
}

/** A `ws` client whose frames are queued, parsed. */
async function client(url: string) {
  const ws = new WebSocket(url);
  cleanups.push(() => ws.terminate());
  const frames: any[] = [];
  let wake: (() => void) | null = null;
  ws.on('message', (d) => {
    frames.push(JSON.parse(String(d)));
    wake?.();
  });
  await new Promise((done, fail) => ws.once('open', done).once('error', fail));
  const count = async (n: number) => {
    while (frames.length < n) await new Promise<void>((done) => (wake = done));
    return frames;
  };
  return { ws, frames, count };
}

/** A raw TCP client that completes the handshake, reads the hello, and then reads nothing more. */
async function stalledClient(port: number) {
  const socket: Socket = tcpConnect(port, '127.0.0.1');
  cleanups.push(() => void socket.destroy());
  await new Promise((done) => socket.once('connect', done));
  socket.write(
    'GET /_emulator/events HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
  let got = '';
  await new Promise<void>((done) => {
    const onData = (chunk: Buffer) => {
      got += chunk.toString('latin1');
      if (got.includes('"hello"')) {
        socket.off('data', onData);
        socket.pause();
        done();
      }
    };
    socket.on('data', onData);
  });
  expect(got).toMatch(/^HTTP\/1\.1 101 /);
  return socket;
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 10_000 && !check(); i++) await new Promise((done) => setImmediate(done));
  if (!check()) throw new Error(`gave up waiting for ${what}`);
}

function smsTo(to: string, seq: number): Message {
  const content = { from: 'Altinn', subject: null, body: 'Kode 1234', contentType: null, text: 'Kode 1234', html: null, warnings: [] };
  return { id: `m${seq}`, seq, channel: 'sms', to: [to], ...content, smtp: null, attachments: [] } as unknown as Message;
}

describe('the event stream', () => {
  it('listens to the bus only while a client is connected', async () => {
    const { events, listeners } = countingBus();
    const { stream, url } = await serve({ events });
    expect(listeners()).toBe(0);
    const a = await client(url);
    const b = await client(`${url}?channel=sms`);
    await a.count(1);
    await b.count(1);
    expect(listeners()).toBe(1);
    expect(stream.clientCount()).toBe(2);
    a.ws.close();
    b.ws.close();
    await until(() => stream.clientCount() === 0, 'both clients to leave');
    expect(listeners()).toBe(0);
  });

  it('greets with the cursor, the version and the filter it understood', async () => {
    const { events } = countingBus();
    const { url } = await serve({ events });
    const c = await client(`${url}?to=${encodeURIComponent('999 99 999')}&channel=sms`);
    expect((await c.count(1))[0]).toEqual({ type: 'hello', cursor: 7, data: { version: 'test', filter: { channel: 'sms', to: '+4799999999' } } });
  });

  it('serialises each event once, however many clients and filters hear it', async () => {
    const { events } = countingBus();
    const { url } = await serve({ events });
    const all = [await client(url), await client(url), await client(`${url}?channel=sms`), await client(`${url}?to=%2B4799999999`)];
    for (const c of all) await c.count(1);
    const stringify = vi.spyOn(JSON, 'stringify');
    events.emit('message.created', { message: smsTo('+4799999999', 1) }, 1);
    expect(stringify).toHaveBeenCalledTimes(1);
    events.emit('message.created', { message: { ...smsTo('a@example.com', 2), channel: 'email' } }, 2);
    expect(stringify).toHaveBeenCalledTimes(2);
    stringify.mockRestore();
    const got = await Promise.all(all.map((c, i) => c.count(i < 2 ? 3 : 2)));
    expect(got.map((frames) => frames.slice(1).map((f) => f.cursor))).toEqual([[1, 2], [1, 2], [1], [1]]);
  });

  it('lets events without a message through every filter, and forwards types it has never heard of', async () => {
    const { events } = countingBus();
    const { url } = await serve({ events });
    const c = await client(`${url}?channel=email&to=nobody@example.com`);
    await c.count(1);
    events.emit('messages.deleted', { ids: ['a'] }, 3);
    // A later feature's event type, emitted through the same bus: no list of types to extend.
    (events.emit as (type: string, data: unknown, cursor: number) => void)('clock.changed', { now: '2026-01-01T00:00:00.000Z' }, 3);
    expect((await c.count(3)).slice(1)).toEqual([
      { type: 'messages.deleted', data: { ids: ['a'] }, cursor: 3 },
      { type: 'clock.changed', data: { now: '2026-01-01T00:00:00.000Z' }, cursor: 3 },
    ]);
  });

  it('drops a client that stops reading once its backlog passes the bound, while the others keep receiving', async () => {
    const { events } = countingBus();
    let dropped!: () => void;
    const droppedLine = new Promise<void>((done) => (dropped = done));
    const lines: string[] = [];
    const log = (line: string) => {
      lines.push(line);
      if (line.includes('stopped reading')) dropped();
    };
    const { stream, url, port } = await serve({ events, maxBufferedBytes: 64 * 1024, log });
    const reader = await client(url);
    await reader.count(1);
    await stalledClient(port);
    expect(stream.clientCount()).toBe(2);

    // 256 KiB events until the stalled client's socket buffers are full and its backlog grows past 64 KiB.
    const big = 'x'.repeat(256 * 1024);
    let sent = 0;
    let isDropped = false;
    void droppedLine.then(() => (isDropped = true));
    while (!isDropped && sent < 200) {
      events.emit('messages.deleted', { ids: [big] }, ++sent);
      await new Promise((done) => setImmediate(done));
    }
    expect(isDropped).toBe(true);
    await until(() => stream.clientCount() === 1, 'the stalled client to be gone');
    events.emit('messages.deleted', { ids: ['after'] }, ++sent);
    const frames = await reader.count(sent + 1);
    expect(frames.slice(1).map((f) => f.cursor)).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
    expect(reader.ws.readyState).toBe(WebSocket.OPEN);
    expect(lines.filter((l) => l.includes('stopped reading'))).toHaveLength(1);
  });

  it('drops a client that misses a pong, and keeps one that answers', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { events } = countingBus();
    const { stream, url, port } = await serve({ events, heartbeatMs: 1000 });
    const answering = await client(url);
    await answering.count(1);
    const silent = await stalledClient(port);
    silent.resume(); // reads (so it sees the close), but never answers a ping
    const silentClosed = new Promise((done) => silent.once('close', done));
    const pinged = new Promise((done) => answering.ws.once('ping', done));

    vi.advanceTimersByTime(1000); // first beat: everyone pinged
    await pinged;
    // The client answered the ping at once; a ping of its own, answered, proves the server has read that pong.
    answering.ws.ping();
    await new Promise((done) => answering.ws.once('pong', done));

    vi.advanceTimersByTime(1000); // second beat: the silent one missed its pong
    await silentClosed;
    await until(() => stream.clientCount() === 1, 'the silent client to be gone');
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses a client beyond the cap with 503 before the upgrade, and takes one again once a place is free', async () => {
    const { events } = countingBus();
    const { stream, url } = await serve({ events, maxClients: 2 });
    const first = await client(url);
    await client(url);
    expect(stream.clientCount()).toBe(2);
    const refusal = await new Promise<{ status: number; body: any }>((done, fail) => {
      const ws = new WebSocket(url);
      ws.on('open', () => fail(new Error('a third client was accepted')));
      ws.on('unexpected-response', (req, res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk));
        res.on('end', () => {
          req.destroy();
          done({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        });
      });
    });
    expect(refusal).toEqual({ status: 503, body: { type: 'about:blank', title: 'Too many event clients', status: 503, detail: expect.stringContaining('at most 2') } });
    expect(stream.clientCount()).toBe(2);
    first.ws.close();
    await until(() => stream.clientCount() === 1, 'the first client to leave');
    expect((await (await client(url)).count(1))[0].type).toBe('hello');
  });

  it('drops every client on close and refuses newcomers with 503', async () => {
    const { events, listeners } = countingBus();
    const { stream, url } = await serve({ events });
    const clients = [await client(url), await client(url)];
    const closed = clients.map((c) => new Promise<number>((done) => c.ws.once('close', done)));
    (stream as EventStream).close();
    expect(await Promise.all(closed)).toEqual([1006, 1006]);
    expect(listeners()).toBe(0);
    const status = await new Promise<number>((done, fail) => {
      const ws = new WebSocket(url);
      ws.on('unexpected-response', (req, res) => {
        req.destroy();
        done(res.statusCode ?? 0);
      });
      ws.on('open', () => fail(new Error('accepted after close')));
    });
    expect(status).toBe(503);
  });
});
