import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTimeout } from '../../emulator/control/wait-route.js';
import { emailBody, emailPath, request, smsBody, smsPath, start } from '../support/emulator.js';
import { health } from './helpers.js';

let emu: Awaited<ReturnType<typeof start>>;
beforeEach(async () => {
  emu = await start();
});
afterEach(async () => {
  await emu?.close();
});

const waitPath = '/_emulator/messages/wait';

function sms(phoneNumber: string, text = 'Your code is 123456') {
  return smsBody({ recipientSms: { phoneNumber, timeToLiveInSeconds: 300, smsSettings: { sender: 'Altinn', body: text } } });
}

async function post(path: string, body: unknown) {
  const res = await request(emu, 'POST', path, body);
  expect(res.status, res.text).toBe(201);
  return res.json;
}

function wait(query: Record<string, string | number>) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return request(emu, 'GET', `${waitPath}?${qs}`);
}

/**
 * Polls health until the live waiter count is `n`. There is no event for "the server registered my request", so
 * this is a bounded poll; each round is a real request, never a sleep.
 */
async function waitersReach(n: number): Promise<void> {
  let last = -1;
  for (let i = 0; i < 2000; i++) {
    last = (await health(emu)).json.waiters;
    if (last === n) return;
  }
  throw new Error(`waiters stayed at ${last}, expected ${n}`);
}

describe('GET /_emulator/messages/wait', () => {
  it('answers at once with a message that is already there after the cursor', async () => {
    await post(smsPath, sms('+4799999999'));
    const res = await wait({ after: 0, to: '+4799999999', timeout: '5s' });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ seq: 1, channel: 'sms', to: ['+4799999999'], body: 'Your code is 123456' });
  });

  it('without `after` waits only for messages that arrive after the request', async () => {
    await post(smsPath, sms('+4799999999'));
    const now = await wait({ to: '+4799999999', timeout: 0 });
    expect(now.status).toBe(404);
    expect(now.json).toMatchObject({ after: 1, cursor: 1, nearMisses: [] });

    const waiting = wait({ to: '0047 999 99 999', timeout: '10s' });
    await waitersReach(1);
    await post(smsPath, sms('+4799999999', 'the second one'));
    const res = await waiting;
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ seq: 2, body: 'the second one' });
    expect((await health(emu)).json.waiters).toBe(0);
  });

  it('answers with the first matching arrival, passing over those that do not match', async () => {
    const waiting = wait({ after: 0, channel: 'email', contains: 'velkommen', timeout: '10s' });
    await waitersReach(1);
    await post(smsPath, sms('+4799999999', 'Velkommen'));
    await post(emailPath, emailBody());
    const welcome = emailBody({ recipientEmail: { emailAddress: 'a@example.com', emailSettings: { subject: 'VELKOMMEN', body: 'Hi', contentType: 'Plain' } } });
    await post(emailPath, welcome);
    const res = await waiting;
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ seq: 3, channel: 'email', subject: 'VELKOMMEN' });
  });

  it('times out with 404, a problem body, the cursor and the near misses with their reasons', async () => {
    await post(smsPath, sms('+4791111111')); // before the cursor: not listed
    await post(smsPath, sms('+4799999999', 'Hei'));
    await post(emailPath, emailBody());
    const res = await wait({ after: 1, channel: 'sms', to: '+4741234567', contains: 'kode', otp: 'true', timeout: '50ms' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json).toMatchObject({ type: 'about:blank', title: 'No matching message', status: 404, after: 1, cursor: 3, nearMissesOmitted: 0 });
    expect(res.json.detail).toContain('within 50 ms');
    expect(res.json.nearMisses).toEqual([
      {
        id: expect.any(String),
        seq: 2,
        channel: 'sms',
        to: ['+4799999999'],
        subject: null,
        preview: 'Hei',
        reasons: ['to is +4799999999, not +4741234567', 'does not contain "kode"', 'has no one-time code'],
      },
      {
        id: expect.any(String),
        seq: 3,
        channel: 'email',
        to: ['user@example.com'],
        subject: 'Your code',
        preview: 'Code: 123456',
        // "Code: 123456" has a one-time code, so that filter is not among the reasons.
        reasons: ['channel is email, not sms', 'to is user@example.com, not +4741234567', 'does not contain "kode"'],
      },
    ]);
  });

  it('with otp=true passes over messages without a one-time code', async () => {
    const waiting = wait({ after: 0, otp: 'true', timeout: '10s' });
    await waitersReach(1);
    await post(smsPath, sms('+4799999999', 'Hei, velkommen til oss'));
    await post(smsPath, sms('+4799999999', 'Engangskoden din er 482915'));
    const res = await waiting;
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ seq: 2, otp: { code: '482915' } });
  });

  it('keeps waiting through a deletion and a reset', async () => {
    await post(smsPath, sms('+4791111111'));
    const waiting = wait({ to: '+4799999999', timeout: '10s' });
    await waitersReach(1);
    expect((await request(emu, 'DELETE', '/_emulator/messages')).status).toBe(200);
    expect((await request(emu, 'POST', '/_emulator/reset')).status).toBe(200);
    expect((await health(emu)).json.waiters).toBe(1);
    await post(smsPath, sms('+4799999999'));
    const res = await waiting;
    expect(res.status, res.text).toBe(200);
    expect(res.json.seq).toBe(2);
  });

  it('releases the waiter when the client hangs up', async () => {
    const req = httpRequest(new URL(`${waitPath}?timeout=120s`, emu.url), { agent: false });
    const gone = new Promise<void>((done) => req.on('error', () => done()).on('close', () => done()));
    req.end();
    await waitersReach(1);
    req.destroy();
    await gone;
    await waitersReach(0);
    // The emulator is still answering, and nothing was written to the dead socket.
    expect((await health(emu)).status).toBe(200);
  });

  it('serves 100 concurrent waiters, each resolved with its own message', async () => {
    const numbers = Array.from({ length: 100 }, (_, i) => `+4740${String(i).padStart(6, '0')}`);
    const waits = numbers.map((to) => wait({ after: 0, to, timeout: '30s' }));
    await waitersReach(100);
    await Promise.all([...numbers].reverse().map((to) => post(smsPath, sms(to, `for ${to}`))));
    const answers = await Promise.all(waits);
    expect(answers.map((a) => a.status)).toEqual(numbers.map(() => 200));
    expect(answers.map((a) => a.json.to[0])).toEqual(numbers);
    expect(answers.map((a) => a.json.body)).toEqual(numbers.map((to) => `for ${to}`));
    expect((await health(emu)).json.waiters).toBe(0);
  });

  it('refuses bad parameters with a 400 problem', async () => {
    for (const query of <Record<string, string>[]>[
      { timeout: 'soon' },
      { timeout: '121s' },
      { timeout: '-1' },
      { otp: 'yes' },
      { channel: 'fax' },
      { after: '-1' },
    ]) {
      const res = await wait(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.json).toMatchObject({ type: 'about:blank', title: 'Invalid query parameter', status: 400, detail: expect.any(String) });
    }
    expect((await health(emu)).json.waiters).toBe(0);
  });

  it('refuses the list-only filters and unknown parameters with a 400 that names them, rather than ignoring them', async () => {
    await post(smsPath, sms('+4799999999', 'Hei'));
    for (const [name, value] of [['q', 'kode'], ['status', 'Delivered'], ['before', '5'], ['limit', '1'], ['contain', 'kode']]) {
      const res = await wait({ after: 0, [name]: value, timeout: 0 });
      expect(res.status, name).toBe(400);
      expect(res.json).toMatchObject({ type: 'about:blank', title: 'Invalid query parameter', status: 400 });
      expect(res.json.detail).toContain(`"${name}"`);
      expect(res.json.detail).toContain('after, channel, to, contains, otp and timeout');
    }
    expect((await wait({ q: 'kode' })).json.detail).toContain('GET /_emulator/messages');
    expect((await wait({ timeout: '121s' })).json.detail).toContain('at most 120s');
    expect((await health(emu)).json.waiters).toBe(0);
  });

  it('is not taken for a message id', async () => {
    const res = await wait({ timeout: 0 });
    expect(res.status).toBe(404);
    expect(res.json.title).toBe('No matching message');
  });
});

describe('the wait timeout', () => {
  it('defaults to 10 s and allows up to 120 s', () => {
    expect(parseTimeout({})).toBe(10_000);
    expect(parseTimeout({ timeout: '' })).toBe(10_000);
    expect(parseTimeout({ timeout: '120s' })).toBe(120_000);
    expect(parseTimeout({ timeout: '2m' })).toBe(120_000);
    expect(parseTimeout({ timeout: '1500' })).toBe(1500);
    expect(() => parseTimeout({ timeout: '120001' })).toThrow();
  });
});
