import { connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { type ClientOptions } from 'ws';
import { emailBody, emailPath, request, smsBody, smsPath, start } from '../support/emulator.js';
import { health } from './helpers.js';

const eventsPath = '/_emulator/events';
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function emulator(options: Parameters<typeof start>[0] = {}) {
  const emu = await start(options);
  running.push(emu);
  return emu;
}

type Emu = Awaited<ReturnType<typeof emulator>>;

function sms(phoneNumber: string) {
  return smsBody({ recipientSms: { phoneNumber, timeToLiveInSeconds: 300, smsSettings: { sender: 'Altinn', body: 'Kode 123456' } } });
}

async function post(emu: Emu, path: string, body: unknown) {
  const res = await request(emu, 'POST', path, body);
  expect(res.status, res.text).toBe(201);
  return res.json;
}

const wsUrl = (emu: Emu, path = eventsPath) => emu.url.replace(/^http/, 'ws') + path;

interface Subscriber {
  ws: WebSocket;
  /** The next frame, parsed; rejects if the socket closes first. */
  next(): Promise<any>;
  /** Frames up to and including the first of `type`. */
  until(type: string): Promise<any[]>;
  closed: Promise<number>;
}

/** Opens the event stream with the `ws` client and queues what it receives. */
async function subscribe(emu: Emu, path = eventsPath, options: ClientOptions = {}): Promise<Subscriber> {
  const ws = new WebSocket(wsUrl(emu, path), options);
  const queue: any[] = [];
  const takers: { resolve: (f: any) => void; reject: (e: Error) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    const taker = takers.shift();
    if (taker) taker.resolve(frame);
    else queue.push(frame);
  });
  const closed = new Promise<number>((done) =>
    ws.on('close', (code) => {
      for (const t of takers.splice(0)) t.reject(new Error(`closed (${code}) while waiting for a frame`));
      done(code);
    }),
  );
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done());
    ws.once('error', fail);
  });
  const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise<any>((resolve, reject) => takers.push({ resolve, reject })));
  return {
    ws,
    next,
    async until(type) {
      const frames = [];
      for (;;) {
        const frame = await next();
        frames.push(frame);
        if (frame.type === type) return frames;
      }
    },
    closed,
  };
}

/** Tries to open the stream and expects an HTTP answer instead of an upgrade. */
function refused(emu: Emu, path = eventsPath, options: ClientOptions = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(emu, path), options);
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', reject);
    ws.on('unexpected-response', (req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        req.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
      });
    });
  });
}

/** Writes `text` on a raw connection, half-closes it, and returns all that comes back until the server closes. */
async function exchange(emu: Emu, text: string): Promise<string> {
  const socket = tcpConnect(emu.port, '127.0.0.1');
  socket.end(text);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The status lines and the bodies (as JSON) of responses with a Content-Length, in order. */
function responses(text: string): { status: number; json: any }[] {
  const out: { status: number; json: any }[] = [];
  let rest = text;
  while (rest.length) {
    const end = rest.indexOf('\r\n\r\n');
    const head = rest.slice(0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1]);
    const body = rest.slice(end + 4, end + 4 + length);
    out.push({ status: Number(head.slice(9, 12)), json: JSON.parse(body) });
    rest = rest.slice(end + 4 + length);
  }
  return out;
}

const h2c = 'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n';

describe('an upgrade request that does not ask for a websocket (curl --http2 sends Upgrade: h2c)', () => {
  it('is answered as the plain HTTP request it also is, on a connection that stays usable', async () => {
    const emu = await emulator();
    const body = JSON.stringify(sms('+4799999999'));
    const answer = await exchange(
      emu,
      `GET /_emulator/health HTTP/1.1\r\nHost: localhost\r\n${h2c}\r\n` +
        `POST ${smsPath} HTTP/1.1\r\nHost: localhost\r\n${h2c}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}` +
        `GET ${eventsPath} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, close\r\nUpgrade: h2c\r\n\r\n`,
    );
    const [healthAnswer, order, events] = responses(answer);
    expect(healthAnswer).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect(order).toMatchObject({ status: 201, json: { notificationOrderId: expect.any(String) } });
    // Not a websocket request, so not the stream: the control API's answer for a plain GET of that path.
    expect(events).toMatchObject({ status: 426, json: { title: 'Upgrade Required' } });
    expect((await health(emu)).json.counts.sms).toBe(1);
  });

  it('is answered after a response still in flight when it was pipelined behind one', async () => {
    const emu = await emulator();
    const body = JSON.stringify(sms('+4799999999'));
    const answer = await exchange(
      emu,
      `POST ${smsPath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}` +
        `GET /_emulator/health HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, close\r\nUpgrade: h2c\r\n\r\n`,
    );
    expect(responses(answer).map((r) => r.status)).toEqual([201, 200]);
  });

  it('still refuses a websocket upgrade to any other path', async () => {
    const emu = await emulator();
    const res = await refused(emu, '/_emulator/health');
    expect(res).toMatchObject({ status: 404, body: { title: 'Not Found', detail: expect.stringContaining(eventsPath) } });
  });
});

describe('WS /_emulator/events', () => {
  it('greets with hello carrying the current cursor and the version', async () => {
    const emu = await emulator();
    await post(emu, smsPath, sms('+4799999999'));
    await post(emu, smsPath, sms('+4799999999'));
    const client = await subscribe(emu);
    const hello = await client.next();
    expect(hello).toMatchObject({ type: 'hello', cursor: 2, data: { version: expect.any(String) } });
  });

  it('announces created, updated and deleted in order, each with the cursor', async () => {
    // With a delivery delay, each message is created pending and updated when the clock reaches its delivery.
    const emu = await emulator({ deliveryDelayMs: 1000 });
    const client = await subscribe(emu);
    expect((await client.next()).cursor).toBe(0);
    await post(emu, smsPath, sms('+4799999999'));
    await post(emu, emailPath, emailBody());
    expect((await request(emu, 'POST', '/_emulator/clock', { advance: '1s' })).status).toBe(200);
    expect((await request(emu, 'DELETE', '/_emulator/messages?channel=sms')).status).toBe(200);
    const frames = (await client.until('messages.deleted')).filter((f) => f.type !== 'clock.changed');

    // Every frame is `{type, data, cursor}`; cursors never go back.
    for (const f of frames) expect(Object.keys(f).sort()).toEqual(['cursor', 'data', 'type']);
    const cursors = frames.map((f) => f.cursor);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    // Per message: created first (with the message's own seq as cursor), then its updates; SMS before email.
    const summary = frames.map((f) => (f.type === 'messages.deleted' ? `deleted ${f.data.ids.length}` : `${f.type} #${f.data.message.seq}`));
    const sms1 = summary.filter((s) => s.endsWith('#1'));
    const email2 = summary.filter((s) => s.endsWith('#2'));
    expect(sms1).toEqual(['message.created #1', 'message.updated #1']);
    expect(email2).toEqual(['message.created #2', 'message.updated #2']);
    expect(summary).toEqual(['message.created #1', 'message.created #2', 'message.updated #1', 'message.updated #2', 'deleted 1']);
    expect(frames.filter((f) => f.type === 'message.updated').map((f) => f.data.message.status)).toEqual(['SMS_Delivered', 'Email_Delivered']);
    expect(frames.find((f) => f.type === 'message.created' && f.data.message.seq === 1).cursor).toBe(1);
    expect(frames.find((f) => f.type === 'message.created' && f.data.message.seq === 2).cursor).toBe(2);
    const deleted = frames.at(-1);
    expect(deleted).toEqual({ type: 'messages.deleted', data: { ids: [frames[0].data.message.id] }, cursor: 2 });
  });

  it('sends the events of an API message as the bus carries them (with no mail bulk, its summary is the whole message)', async () => {
    const emu = await emulator({ deliveryDelayMs: 1000 });
    const client = await subscribe(emu);
    await client.next();
    const seen: unknown[] = [];
    emu.events.subscribe((e) => seen.push(JSON.parse(JSON.stringify(e))));
    await post(emu, smsPath, sms('+4799999999'));
    await request(emu, 'POST', '/_emulator/clock', { advance: 1000 });
    const frames = [await client.next(), await client.next(), await client.next()];
    expect(frames.map((f) => f.type)).toEqual(['message.created', 'clock.changed', 'message.updated']);
    expect(frames).toEqual(seen.slice(0, 3));
  });

  it('announces a reset as messages.deleted with reset: true', async () => {
    const emu = await emulator();
    await post(emu, smsPath, sms('+4799999999'));
    await post(emu, emailPath, emailBody());
    const client = await subscribe(emu);
    await client.next();
    expect((await request(emu, 'POST', '/_emulator/reset')).status).toBe(200);
    const reset = await client.next();
    expect(reset).toMatchObject({ type: 'messages.deleted', cursor: 2, data: { reset: true } });
    expect(reset.data.ids).toHaveLength(2);
  });

  it('filters message events by channel and by normalised recipient, and lets other types through', async () => {
    const emu = await emulator();
    const emails = await subscribe(emu, `${eventsPath}?channel=email`);
    const phone = await subscribe(emu, `${eventsPath}?to=${encodeURIComponent('0047 999 99 999')}`);
    const both = await subscribe(emu, `${eventsPath}?channel=sms&to=%2B4799999999`);
    for (const c of [emails, phone, both]) expect((await c.next()).type).toBe('hello');
    await post(emu, smsPath, sms('+4791111111'));
    await post(emu, smsPath, sms('+4799999999'));
    await post(emu, emailPath, emailBody());
    await request(emu, 'POST', '/_emulator/reset');

    const seqs = (frames: any[]) => [...new Set(frames.filter((f) => f.data.message).map((f) => f.data.message.seq))];
    const emailFrames = await emails.until('messages.deleted');
    expect(seqs(emailFrames)).toEqual([3]);
    expect(emailFrames.every((f) => f.type === 'messages.deleted' || f.data.message.channel === 'email')).toBe(true);
    expect(seqs(await phone.until('messages.deleted'))).toEqual([2]);
    expect(seqs(await both.until('messages.deleted'))).toEqual([2]);
  });

  it('tells a plain GET that the stream is a websocket (426 with Upgrade), not that it does not exist', async () => {
    const emu = await emulator();
    const res = await request(emu, 'GET', eventsPath);
    expect(res.status).toBe(426);
    expect(res.headers.get('upgrade')).toBe('websocket');
    expect(res.json).toMatchObject({ title: 'Upgrade Required', status: 426, detail: expect.stringContaining('WebSocket') });
  });

  it('refuses a foreign Origin with 403 before the upgrade', async () => {
    const emu = await emulator();
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io', 'chrome-extension://abc']) {
      const res = await refused(emu, eventsPath, { origin });
      expect(res.status, origin).toBe(403);
      expect(res.body).toMatchObject({ title: 'Origin not allowed', status: 403, detail: expect.any(String) });
    }
    expect((await health(emu)).json.eventClients).toBe(0);
  });

  it('accepts no Origin, loopback Origins, --allow-host Origins and the --cors origin', async () => {
    const emu = await emulator({ allowedHosts: ['emulator.test'], cors: 'https://app.example.com' });
    for (const origin of [undefined, 'http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:8080', 'http://ui.localhost', 'http://emulator.test:5090', 'https://app.example.com']) {
      const client = await subscribe(emu, eventsPath, origin === undefined ? {} : { origin });
      expect((await client.next()).type, origin).toBe('hello');
      client.ws.close();
    }
    // The --cors origin is allowed as a whole origin, not as a host name.
    expect((await refused(emu, eventsPath, { origin: 'http://app.example.com' })).status).toBe(403);
  });

  it('refuses a DNS-rebinding Host with 403, as HTTP does, and accepts an --allow-host name', async () => {
    const emu = await emulator({ allowedHosts: ['emulator.test'] });
    const res = await refused(emu, eventsPath, { headers: { host: 'evil.example' } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ title: 'Host not allowed', status: 403 });
    const allowed = await subscribe(emu, eventsPath, { headers: { host: 'emulator.test:5090' } });
    expect((await allowed.next()).type).toBe('hello');
  });

  it('refuses an upgrade anywhere else with 404, a bad filter with 400 and a broken handshake with 400', async () => {
    const emu = await emulator();
    for (const path of ['/', '/_emulator/events/x', '/_emulator/event', '/notifications/api/v1/future/orders/instant/sms']) {
      const res = await refused(emu, path);
      expect(res.status, path).toBe(404);
      expect(res.body).toMatchObject({ status: 404, detail: expect.stringContaining(eventsPath) });
    }
    const bad = await refused(emu, `${eventsPath}?channel=fax`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('channel');

    // A websocket handshake without its key, over a raw connection.
    const answer = await exchange(emu, `GET ${eventsPath} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect((await health(emu)).status).toBe(200);
  });

  it('counts its clients in health and drops them all when the emulator closes', async () => {
    const emu = await emulator();
    const clients = [await subscribe(emu), await subscribe(emu, `${eventsPath}?channel=sms`)];
    for (const c of clients) await c.next();
    expect((await health(emu)).json.eventClients).toBe(2);
    clients[0].ws.close();
    await clients[0].closed;
    // The server sees the close a moment later: its count follows.
    let count = -1;
    for (let i = 0; i < 1000 && count !== 1; i++) count = (await health(emu)).json.eventClients;
    expect(count).toBe(1);
    const closing = Date.now();
    await emu.close();
    expect(await clients[1].closed).toBe(1006); // terminated, no closing handshake to wait for
    expect(Date.now() - closing).toBeLessThan(1000);
  });
});
