import { describe, expect, it } from 'vitest';
import { emailBody, emailPath, feedPath, request, smsBody, smsPath, start } from '../support/emulator.js';
import { iso, subscribeEvents } from '../support/clock-driven.js';
import { listMessages } from './helpers.js';
import { scopedEmulators, type Emulator } from '../support/scoped-emulators.js';

// `GET/POST /_emulator/clock` (product §4) and the one clock everything runs on (product §2).

const { emulator, sockets } = scopedEmulators();

async function getClock(emu: Emulator) {
  const res = await request(emu, 'GET', '/_emulator/clock');
  expect(res.status).toBe(200);
  return res.json as { now: string; offsetMs: number; frozen: boolean };
}

async function postClock(emu: Emulator, body: unknown) {
  const res = await request(emu, 'POST', '/_emulator/clock', body);
  expect(res.status, res.text).toBe(200);
  return res.json as { now: string; offsetMs: number; frozen: boolean };
}

async function frozenEmulator(options: Parameters<typeof start>[0] = {}): Promise<{ emu: Emulator; t0: number }> {
  const emu = await emulator(options);
  return { emu, t0: Date.parse((await postClock(emu, { freeze: true })).now) };
}

const subscribe = (emu: Emulator) => subscribeEvents(emu, sockets);

function sms(phoneNumber: string, ttl = 300) {
  return smsBody({ recipientSms: { phoneNumber, timeToLiveInSeconds: ttl, smsSettings: { body: 'Kode 123456' } } });
}

async function post(emu: Emulator, path: string, body: unknown) {
  const res = await request(emu, 'POST', path, body);
  expect(res.status, res.text).toBe(201);
  return res.json as { notificationOrderId: string; notification: { shipmentId: string } };
}

describe('GET /_emulator/clock', () => {
  it('answers {now, offsetMs, frozen}: real time, no offset, running, at start', async () => {
    const emu = await emulator();
    const before = Date.now();
    const clock = await getClock(emu);
    const after = Date.now();
    expect(Object.keys(clock)).toEqual(['now', 'offsetMs', 'frozen']);
    expect(clock.offsetMs).toBe(0);
    expect(clock.frozen).toBe(false);
    expect(clock.now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(clock.now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(clock.now)).toBeLessThanOrEqual(after);
  });
});

describe('POST /_emulator/clock', () => {
  it('advances a frozen clock by "90s", "5m", "2h", a number of ms and a string of ms, exactly', async () => {
    const { emu, t0 } = await frozenEmulator();
    let expected = t0;
    for (const [by, ms] of [['90s', 90_000], ['5m', 300_000], ['2h', 7_200_000], [1500, 1500], ['250ms', 250], ['40', 40], [0, 0]] as const) {
      expected += ms;
      const answer = await postClock(emu, { advance: by });
      expect(answer.now, String(by)).toBe(iso(expected));
      expect(answer.frozen).toBe(true);
      // While frozen, offsetMs is the frozen instant less real time: it shrinks as real time passes.
      expect(await getClock(emu)).toMatchObject({ now: answer.now, frozen: true });
    }
  });

  it('advances a running clock by adding to its offset, and it keeps running', async () => {
    const emu = await emulator();
    const before = Date.now();
    const answer = await postClock(emu, { advance: '90s' });
    expect(answer.offsetMs).toBe(90_000);
    expect(answer.frozen).toBe(false);
    expect((await postClock(emu, { advance: '5m' })).offsetMs).toBe(390_000);
    expect((await postClock(emu, { advance: 2 })).offsetMs).toBe(390_002);
    const clock = await getClock(emu);
    expect(clock.offsetMs).toBe(390_002);
    expect(Date.parse(clock.now)).toBeGreaterThanOrEqual(before + 390_002);
    expect(Date.parse(clock.now)).toBeLessThanOrEqual(Date.now() + 390_002);
  });

  it('sets a frozen clock to the instant given, to the millisecond, and a running one to run on from it', async () => {
    const { emu, t0 } = await frozenEmulator();
    const target = t0 + 86_400_000 + 123;
    expect(await postClock(emu, { set: iso(target) })).toMatchObject({ now: iso(target), frozen: true });
    // An offset in the ISO string is honoured.
    expect((await postClock(emu, { set: '2099-01-01T02:00:00.000+02:00' })).now).toBe('2099-01-01T00:00:00.000Z');

    const live = await emulator();
    const goal = Date.now() + 3_600_000;
    const before = Date.now();
    const answer = await postClock(live, { set: iso(goal) });
    expect(answer.frozen).toBe(false);
    expect(Date.parse(answer.now)).toBeGreaterThanOrEqual(goal);
    expect(Date.parse(answer.now)).toBeLessThanOrEqual(goal + (Date.now() - before));
    expect(answer.offsetMs).toBeGreaterThan(3_600_000 - (Date.now() - before) - 1);
    expect(answer.offsetMs).toBeLessThanOrEqual(3_600_000);
  });

  it('refuses to set the clock into the past with a 400, and leaves it as it was', async () => {
    const { emu, t0 } = await frozenEmulator();
    await postClock(emu, { advance: '1h' });
    const res = await request(emu, 'POST', '/_emulator/clock', { set: iso(t0) });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Invalid clock change', status: 400, detail: expect.stringContaining('before now') });
    expect(res.json.detail).toContain('"reset": true');
    expect((await getClock(emu)).now).toBe(iso(t0 + 3_600_000));
    // The very instant it is now is not the past.
    expect((await postClock(emu, { set: iso(t0 + 3_600_000) })).now).toBe(iso(t0 + 3_600_000));
  });

  it('freezes at the current instant, stays there, and runs on from it when unfrozen', async () => {
    const emu = await emulator();
    await postClock(emu, { advance: '1h' });
    const frozen = await postClock(emu, { freeze: true });
    expect(frozen.frozen).toBe(true);
    const at = Date.parse(frozen.now);
    expect(at).toBeGreaterThanOrEqual(Date.now() + 3_600_000 - 5000);
    expect((await getClock(emu)).now).toBe(frozen.now);
    expect((await postClock(emu, { freeze: true })).now).toBe(frozen.now); // freezing twice changes nothing

    const before = Date.now();
    const thawed = await postClock(emu, { freeze: false });
    expect(thawed.frozen).toBe(false);
    expect(Date.parse(thawed.now)).toBeGreaterThanOrEqual(at);
    expect(Date.parse(thawed.now)).toBeLessThanOrEqual(at + (Date.now() - before));
    const later = await getClock(emu);
    expect(Date.parse(later.now)).toBeGreaterThanOrEqual(Date.parse(thawed.now));
  });

  it('goes back to real time with {"reset": true}: no offset, not frozen', async () => {
    const { emu } = await frozenEmulator();
    await postClock(emu, { advance: '3d' });
    const before = Date.now();
    const reset = await postClock(emu, { reset: true });
    expect(reset.offsetMs).toBe(0);
    expect(reset.frozen).toBe(false);
    expect(Date.parse(reset.now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(reset.now)).toBeLessThanOrEqual(Date.now());
  });

  it('answers 400 to a bad body, and the clock does not move', async () => {
    const { emu, t0 } = await frozenEmulator();
    const bad: [unknown, string][] = [
      [{}, 'exactly one'],
      [{ advance: '5m', freeze: true }, 'exactly one'],
      [{ advance: -1 }, 'advance'],
      [{ advance: '-5m' }, 'advance'],
      [{ advance: '5 minutes' }, 'advance'],
      [{ advance: true }, 'advance'],
      [{ advance: null }, 'advance'],
      [{ advance: '100000000d' }, 'cannot move'], // past the last instant a Date can hold
      [{ set: 'tomorrow' }, 'set'],
      [{ set: '2099-13-45T00:00:00Z' }, 'set'],
      [{ set: 4102444800000 }, 'set'],
      [{ freeze: 'yes' }, 'freeze'],
      [{ reset: false }, 'reset'],
      [{ travel: '5m' }, 'travel'],
      [[{ advance: '5m' }], 'JSON object'],
      ['"5m"', 'JSON object'],
    ];
    for (const [body, mentioned] of bad) {
      const res = await request(emu, 'POST', '/_emulator/clock', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Invalid clock change', status: 400, detail: expect.stringContaining(mentioned) });
    }
    const notJson = await request(emu, 'POST', '/_emulator/clock', '{"advance": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json).toMatchObject({ title: 'Invalid JSON', status: 400 });
    expect(await getClock(emu)).toMatchObject({ now: iso(t0), frozen: true });
  });

  it('announces every change as clock.changed with the clock it answers', async () => {
    const { emu, t0 } = await frozenEmulator();
    const events = await subscribe(emu);
    const answers = [await postClock(emu, { advance: '90s' }), await postClock(emu, { set: iso(t0 + 86_400_000) }), await postClock(emu, { freeze: true })];
    for (const answer of answers) {
      const frame = await events.next();
      expect(frame).toMatchObject({ type: 'clock.changed', data: { clock: { now: answer.now, frozen: true } }, cursor: 0 });
      expect(Object.keys(frame.data.clock)).toEqual(['now', 'offsetMs', 'frozen']);
      expect(Math.abs(frame.data.clock.offsetMs - answer.offsetMs)).toBeLessThan(1000);
    }
    expect(answers.map((a) => a.now)).toEqual([iso(t0 + 90_000), iso(t0 + 86_400_000), iso(t0 + 86_400_000)]);

    await postClock(emu, { reset: true });
    const reset = await events.next();
    expect(reset).toMatchObject({ type: 'clock.changed', data: { clock: { offsetMs: 0, frozen: false } } });
    expect(Object.keys(reset.data.clock)).toEqual(['now', 'offsetMs', 'frozen']);
  });
});

describe('transitions on the clock', () => {
  it('that fall due in one advance fire in the order of their due times, each recorded at its own time', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 30_000 });
    for (const number of ['+4791111111', '+4792222222']) expect((await request(emu, 'PUT', `/_emulator/phones/${number}`, { online: false })).status).toBe(200);
    const late = await post(emu, smsPath, sms('+4791111111', 120)); // expires at +120 s
    const early = await post(emu, smsPath, sms('+4792222222', 60)); // expires at +60 s
    const delivered = await post(emu, smsPath, sms('+4799999999', 300)); // delivered at +30 s
    const mail = await post(emu, emailPath, emailBody()); // delivered at +30 s, scheduled after the SMS before it
    const events = await subscribe(emu);

    const answer = await postClock(emu, { advance: '5m' });
    expect(answer.now).toBe(iso(t0 + 300_000));
    // The advance is announced first, then each step as it fired.
    expect((await events.next()).type).toBe('clock.changed');
    const updates = [await events.next(), await events.next(), await events.next(), await events.next()];
    expect(updates.map((f) => f.type)).toEqual(['message.updated', 'message.updated', 'message.updated', 'message.updated']);
    const messages = await listMessages(emu);
    const orderOf = (m: any) => m.order.notificationOrderId;
    const idOf = (order: { notificationOrderId: string }) => messages.find((m) => orderOf(m) === order.notificationOrderId).id;
    expect(updates.map((f) => f.data.message.id)).toEqual([idOf(delivered), idOf(mail), idOf(early), idOf(late)]);
    expect(updates.map((f) => [f.data.message.status, f.data.message.statusHistory.at(-1).at])).toEqual([
      ['SMS_Delivered', iso(t0 + 30_000)],
      ['Email_Delivered', iso(t0 + 30_000)],
      ['SMS_Failed_Expired', iso(t0 + 60_000)],
      ['SMS_Failed_Expired', iso(t0 + 120_000)],
    ]);
    // The status feed numbers them in that order too.
    const feed = (await request(emu, 'GET', feedPath)).json as any[];
    expect(feed.map((e) => [e.shipmentId, e.sequenceNumber, e.lastUpdate])).toEqual([
      [delivered.notification.shipmentId, 1, iso(t0 + 30_000)],
      [mail.notification.shipmentId, 2, iso(t0 + 30_000)],
      [early.notification.shipmentId, 3, iso(t0 + 60_000)],
      [late.notification.shipmentId, 4, iso(t0 + 120_000)],
    ]);
  });

  it('are reached by a running clock on its own, at their due time', async () => {
    const emu = await emulator({ deliveryDelayMs: 50 });
    const events = await subscribe(emu);
    await post(emu, smsPath, sms('+4799999999'));
    const createdFrame = await events.next();
    expect(createdFrame.data.message.status).toBe('SMS_Accepted');
    // No request moves the clock: real time does, and the step is recorded at its due time, not when the timer ran.
    const updated = await events.next();
    expect(updated.type).toBe('message.updated');
    expect(updated.data.message.status).toBe('SMS_Delivered');
    expect(updated.data.message.statusHistory.at(-1).at).toBe(iso(Date.parse(createdFrame.data.message.createdAt) + 50));
  });

  it('are reached by real time again once the clock is unfrozen, at their due time', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 50 });
    await post(emu, smsPath, sms('+4799999999'));
    const events = await subscribe(emu);
    await postClock(emu, { freeze: false });
    expect((await events.next()).type).toBe('clock.changed');
    const updated = await events.next();
    expect(updated.type).toBe('message.updated');
    expect(updated.data.message.statusHistory.at(-1)).toEqual({ status: 'SMS_Delivered', at: iso(t0 + 50) });
  });

  it('run on the clock a change left them: set moves them like advance does', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 2000 });
    const order = await post(emu, smsPath, sms('+4799999999'));
    await postClock(emu, { set: iso(t0 + 1999) });
    const shipment = async () => (await request(emu, 'GET', `/notifications/api/v1/future/shipment/${order.notification.shipmentId}`)).json;
    expect((await shipment()).recipients[0].status).toBe('SMS_Accepted');
    await postClock(emu, { set: iso(t0 + 10_000) });
    expect(await shipment()).toMatchObject({ status: 'Order_Completed', lastUpdate: iso(t0 + 2000), recipients: [{ status: 'SMS_Delivered', lastUpdate: iso(t0 + 2000) }] });
  });
});

describe('POST /_emulator/reset', () => {
  it('also clears phones, fault rules and the clock', async () => {
    const { emu } = await frozenEmulator();
    await postClock(emu, { advance: '2h' });
    expect((await request(emu, 'PUT', '/_emulator/phones/+4799999999', { online: false })).status).toBe(200);
    expect((await request(emu, 'POST', '/_emulator/faults', { effect: 'never-deliver' })).status).toBe(201);
    await post(emu, smsPath, sms('+4799999999'));

    const before = Date.now();
    const res = await request(emu, 'POST', '/_emulator/reset');
    expect(res.status).toBe(200);
    expect((await request(emu, 'GET', '/_emulator/phones')).json.items).toEqual([]);
    expect((await request(emu, 'GET', '/_emulator/faults')).json).toEqual({ items: [] });
    const clock = await getClock(emu);
    expect(clock).toMatchObject({ offsetMs: 0, frozen: false });
    expect(Date.parse(clock.now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(clock.now)).toBeLessThanOrEqual(Date.now());

    // The phone is online again and no rule is left: a new SMS is delivered at once, on real time.
    await post(emu, smsPath, sms('+4799999999'));
    const [message] = await listMessages(emu);
    expect(message.status).toBe('SMS_Delivered');
    expect(message.fault).toBeNull();
  });
});
