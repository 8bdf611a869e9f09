import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { emailBody, emailPath, feedPath, jwt, request, shipmentPath, smsBody, smsPath, start } from '../support/emulator.js';
import { iso, advanceClock as advance, freezeClock, history, subscribeEvents } from '../support/clock-driven.js';
import { createScope, health, listMessages, messageOfOrder } from './helpers.js';
import { scopedEmulators, type Emulator } from '../support/scoped-emulators.js';

// Fault rules (product §4, issue 4 design): they act at the gateway call of an API order, and nowhere else.

const { emulator, sockets } = scopedEmulators();

async function frozenEmulator(options: Parameters<typeof start>[0] = {}): Promise<{ emu: Emulator; t0: number }> {
  const emu = await emulator(options);
  return { emu, t0: await freezeClock(emu) };
}

async function addFault(emu: Emulator, rule: unknown) {
  const res = await request(emu, 'POST', '/_emulator/faults', rule);
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function faults(emu: Emulator): Promise<any[]> {
  const res = await request(emu, 'GET', '/_emulator/faults');
  expect(res.status).toBe(200);
  expect(Object.keys(res.json)).toEqual(['items']);
  return res.json.items;
}

function sms(overrides: Record<string, unknown> = {}, phoneNumber = '+4799999999', ttl = 60) {
  return smsBody({ recipientSms: { phoneNumber, timeToLiveInSeconds: ttl, smsSettings: { sender: 'Altinn', body: 'Kode 123456' } }, ...overrides });
}

function email(overrides: Record<string, unknown> = {}, emailAddress = 'user@example.com') {
  return emailBody({ recipientEmail: { emailAddress, emailSettings: { subject: 'Kode', body: 'Kode 123456', contentType: 'Plain' } }, ...overrides });
}

async function created(res: { status: number; text: string; json: any }) {
  expect(res.status, res.text).toBe(201);
  return res.json as { notificationOrderId: string; notification: { shipmentId: string } };
}

async function shipmentStatus(emu: Emulator, order: { notification: { shipmentId: string } }) {
  const res = await request(emu, 'GET', shipmentPath(order.notification.shipmentId));
  expect(res.status, res.text).toBe(200);
  return { order: res.json.status as string, recipient: res.json.recipients[0].status as string, lastUpdate: res.json.recipients[0].lastUpdate as string };
}

async function feed(emu: Emulator) {
  const res = await request(emu, 'GET', feedPath);
  expect(res.status).toBe(200);
  return res.json as any[];
}

/** The body of contract §4.6 for NOT-00004, exactly: no `detail`, no `instance`, `code` not `errorCode`. */
function expectGatewayProblem(res: { status: number; json: any }, traceId: string | RegExp = /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/) {
  expect(res.status).toBe(503);
  expect(res.json).toEqual({
    type: 'urn:altinn:error:NOT-00004',
    title: 'A temporary network failure occurred',
    status: 503,
    code: 'NOT-00004',
    traceId: typeof traceId === 'string' ? traceId : expect.stringMatching(traceId),
    statusDescription: 'Service Unavailable',
  });
  expect(Object.keys(res.json)).toEqual(['type', 'title', 'status', 'code', 'traceId', 'statusDescription']);
}

async function expectNothingStored(emu: Emulator) {
  expect(await listMessages(emu)).toEqual([]);
  expect((await health(emu)).json).toMatchObject({ cursor: 0, counts: { messages: 0, sms: 0, email: 0 } });
  expect(await feed(emu)).toEqual([]);
}

const subscribe = (emu: Emulator) => subscribeEvents(emu, sockets);

describe('a gateway-unavailable fault', () => {
  it('answers 503 with exactly the NOT-00004 body of contract §4.6 and stores nothing', async () => {
    const emu = await emulator();
    await addFault(emu, { effect: 'gateway-unavailable', times: 1 });
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-1' }), { traceparent: `00-${trace}-00f067aa0ba902b7-01` });
    // The traceId is the request's activity id: the incoming trace continued with a span of its own.
    expectGatewayProblem(res, new RegExp(`^00-${trace}-[0-9a-f]{16}-01$`));
    await expectNothingStored(emu);
    expect(await faults(emu)).toEqual([]); // times: 1, used up, gone

    // No idempotency record either (contract §5): the retry with the same id is a new order, 201, not a 200 replay.
    const retry = await created(await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-1' })));
    expect((await health(emu)).json.counts.sms).toBe(1);
    const replay = await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-1' }));
    expect(replay.status).toBe(200);
    expect(replay.json.notificationOrderId).toBe(retry.notificationOrderId);
  });

  it('fails an email order the same way', async () => {
    const emu = await emulator();
    await addFault(emu, { effect: { type: 'gateway-unavailable' } });
    expectGatewayProblem(await request(emu, 'POST', emailPath, email()));
    await expectNothingStored(emu);
  });

  it('counts its times down, one per order, and disappears when they are used up', async () => {
    const emu = await emulator();
    const rule = await addFault(emu, { effect: 'gateway-unavailable', times: 2 });
    expect(rule).toMatchObject({ times: 2, remaining: 2, hits: 0 });

    expectGatewayProblem(await request(emu, 'POST', smsPath, sms()));
    expect(await faults(emu)).toEqual([{ ...rule, remaining: 1, hits: 1 }]);
    expectGatewayProblem(await request(emu, 'POST', smsPath, sms()));
    expect(await faults(emu)).toEqual([]);
    await created(await request(emu, 'POST', smsPath, sms()));
    expect((await health(emu)).json.counts.sms).toBe(1);
  });

  it('without times fails every order and stays, counting its hits', async () => {
    const emu = await emulator();
    const rule = await addFault(emu, { effect: 'gateway-unavailable' });
    expect(rule).toMatchObject({ times: null, remaining: null, hits: 0 });
    for (let i = 0; i < 3; i++) expectGatewayProblem(await request(emu, 'POST', smsPath, sms()));
    expect(await faults(emu)).toEqual([{ ...rule, hits: 3 }]);
    await expectNothingStored(emu);
  });

  it('uses up the latency and gateway rules of the order but leaves its fate rule for the retry', async () => {
    const { emu, t0 } = await frozenEmulator();
    const fate = await addFault(emu, { effect: { type: 'final-status', status: 'SMS_Failed_Rejected' }, times: 1 });
    await addFault(emu, { effect: 'gateway-unavailable', times: 1 });
    expectGatewayProblem(await request(emu, 'POST', smsPath, sms()));
    expect(await faults(emu)).toEqual([fate]);

    const order = await created(await request(emu, 'POST', smsPath, sms()));
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Completed', recipient: 'SMS_Failed_Rejected', lastUpdate: iso(t0) });
    expect(await faults(emu)).toEqual([]);
  });

  it('is not reached by a replay of an order already placed, nor by a request that fails validation', async () => {
    const emu = await emulator();
    const first = await created(await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-7' })));
    const rule = await addFault(emu, { effect: 'gateway-unavailable', times: 1 });
    // Contract §5: the idempotency lookup comes before the gateway call.
    const replay = await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-7' }));
    expect(replay.status).toBe(200);
    expect(replay.json.notificationOrderId).toBe(first.notificationOrderId);
    const invalid = await request(emu, 'POST', smsPath, sms({ idempotencyId: '' }));
    expect(invalid.status).toBe(400);
    expect(await faults(emu)).toEqual([rule]);
  });
});

describe('a latency fault', () => {
  it('on a frozen clock holds the POST until the clock has advanced by the latency', async () => {
    const { emu, t0 } = await frozenEmulator();
    await addFault(emu, { effect: { type: 'latency', ms: '2s' }, times: 1 });
    const events = await subscribe(emu);

    let answered = false;
    const posting = request(emu, 'POST', smsPath, sms()).then((res) => {
      answered = true;
      return res;
    });
    // The rule is used when the order reaches the gateway: from then on the POST waits for the clock.
    expect((await events.nextOf('faults.changed')).data).toEqual({ faults: [] });
    expect((await health(emu)).json.counts.sms).toBe(0);

    const first = await Promise.race([posting.then(() => 'the POST'), advance(emu, 1999).then(() => 'the clock')]);
    expect(first).toBe('the clock');
    expect((await health(emu)).json.counts.sms).toBe(0);
    expect(answered).toBe(false);

    await advance(emu, 1);
    const order = await created(await posting);
    const message = await messageOfOrder(emu, order.notificationOrderId);
    expect(message.status).toBe('SMS_Delivered');
    expect(message.createdAt).toBe(iso(t0));
    expect(await faults(emu)).toEqual([]);
  });

  it('on a running clock holds the POST for that long in real time', async () => {
    const emu = await emulator();
    await addFault(emu, { effect: { type: 'latency', ms: 150 } });
    const started = performance.now();
    await created(await request(emu, 'POST', smsPath, sms()));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('still ends when a reset puts a frozen clock back on real time', { timeout: 5000 }, async () => {
    const { emu } = await frozenEmulator();
    await addFault(emu, { effect: { type: 'latency', ms: 100 }, times: 1 });
    const events = await subscribe(emu);
    const posting = request(emu, 'POST', smsPath, sms());
    await events.nextOf('faults.changed');
    expect((await request(emu, 'POST', '/_emulator/reset')).status).toBe(200);
    // Real time now passes the 100 ms the gateway call waits for; nothing else moves the clock.
    await created(await posting);
  });

  it('before a gateway failure delays the 503 by the latency', async () => {
    const { emu } = await frozenEmulator();
    await addFault(emu, { effect: { type: 'latency', ms: '1s' }, times: 1 });
    await addFault(emu, { effect: 'gateway-unavailable', times: 1 });
    const events = await subscribe(emu);
    let answered = false;
    const posting = request(emu, 'POST', smsPath, sms()).then((res) => {
      answered = true;
      return res;
    });
    expect((await events.nextOf('faults.changed')).data).toEqual({ faults: [] });
    await advance(emu, 999);
    await health(emu); // one more round trip, time for an early answer to arrive
    expect(answered).toBe(false);
    await advance(emu, 1);
    expectGatewayProblem(await posting);
    await expectNothingStored(emu);
  });

  it('combines with a fate rule on the same order: slow, then failing', async () => {
    const { emu, t0 } = await frozenEmulator();
    await addFault(emu, { effect: { type: 'latency', ms: 500 }, times: 1 });
    await addFault(emu, { effect: { type: 'final-status', status: 'SMS_Failed_InvalidRecipient' }, times: 1 });
    const events = await subscribe(emu);
    const posting = request(emu, 'POST', smsPath, sms());
    expect((await events.nextOf('faults.changed')).data).toEqual({ faults: [] }); // both used by this order
    await advance(emu, 500);
    const order = await created(await posting);
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Completed', recipient: 'SMS_Failed_InvalidRecipient', lastUpdate: iso(t0) });
  });
});

describe('a final-status fault', () => {
  it('with a send failure (SMS_Failed_InvalidRecipient) ends the SMS straight from SMS_Sending', async () => {
    const { emu, t0 } = await frozenEmulator();
    await addFault(emu, { effect: { type: 'final-status', status: 'SMS_Failed_InvalidRecipient' } });
    const order = await created(await request(emu, 'POST', smsPath, sms()));
    const message = await messageOfOrder(emu, order.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Failed_InvalidRecipient', t0]));
    expect(message.order.statusHistory).toEqual(history(['Order_Processed', t0], ['Order_Completed', t0]));
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Completed', recipient: 'SMS_Failed_InvalidRecipient', lastUpdate: iso(t0) });
    expect((await feed(emu)).map((e) => e.recipients[0].status)).toEqual(['SMS_Failed_InvalidRecipient']);
  });

  it('with a delivery report (SMS_Failed_Rejected) ends the SMS after SMS_Accepted, when the delivery would have come', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 2000 });
    await addFault(emu, { match: { channel: 'sms' }, effect: { type: 'final-status', status: 'SMS_Failed_Rejected' } });
    const order = await created(await request(emu, 'POST', smsPath, sms()));
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Processed', recipient: 'SMS_Accepted', lastUpdate: iso(t0) });
    await advance(emu, 1999);
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Processed', recipient: 'SMS_Accepted', lastUpdate: iso(t0) });
    await advance(emu, 1);
    const message = await messageOfOrder(emu, order.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0], ['SMS_Failed_Rejected', t0 + 2000]));
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Completed', recipient: 'SMS_Failed_Rejected', lastUpdate: iso(t0 + 2000) });
    expect((await feed(emu)).map((e) => [e.recipients[0].status, e.lastUpdate])).toEqual([['SMS_Failed_Rejected', iso(t0 + 2000)]]);
  });

  it('with a delivery report that would come after expiresAt is ignored, and the SMS expires', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 90_000 });
    await addFault(emu, { effect: { type: 'final-status', status: 'SMS_Failed_Rejected' } });
    const order = await created(await request(emu, 'POST', smsPath, sms({}, '+4799999999', 60)));
    await advance(emu, '5m');
    const message = await messageOfOrder(emu, order.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0], ['SMS_Failed_Expired', t0 + 60_000]));
  });

  it('with Email_Failed_Bounced ends the email after Email_Succeeded', async () => {
    const { emu, t0 } = await frozenEmulator();
    await addFault(emu, { effect: { type: 'final-status', status: 'Email_Failed_Bounced' } });
    const order = await created(await request(emu, 'POST', emailPath, email()));
    const message = await messageOfOrder(emu, order.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['Email_Sending', t0], ['Email_Succeeded', t0], ['Email_Failed_Bounced', t0]));
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Completed', recipient: 'Email_Failed_Bounced', lastUpdate: iso(t0) });
    expect((await feed(emu)).map((e) => e.recipients[0].status)).toEqual(['Email_Failed_Bounced']);
  });

  it('with an email send failure (Email_Failed) ends the email straight from Email_Sending', async () => {
    const { emu, t0 } = await frozenEmulator();
    await addFault(emu, { effect: { type: 'final-status', status: 'Email_Failed' } });
    const order = await created(await request(emu, 'POST', emailPath, email()));
    expect((await messageOfOrder(emu, order.notificationOrderId)).statusHistory).toEqual(history(['Email_Sending', t0], ['Email_Failed', t0]));
  });

  it('applies to its own channel only (the status names it), so an SMS status leaves emails alone', async () => {
    const { emu } = await frozenEmulator();
    const rule = await addFault(emu, { effect: { type: 'final-status', status: 'SMS_Failed_Rejected' } });
    expect(rule.match).toEqual({ channel: 'sms' });
    const mail = await created(await request(emu, 'POST', emailPath, email()));
    expect((await shipmentStatus(emu, mail)).recipient).toBe('Email_Delivered');
    expect((await faults(emu))[0].hits).toBe(0);
  });
});

describe('a never-deliver fault', () => {
  it('keeps an SMS to an online phone at SMS_Accepted until it expires, exactly at expiresAt', async () => {
    const { emu, t0 } = await frozenEmulator();
    await addFault(emu, { match: { channel: 'sms' }, effect: 'never-deliver' });
    const order = await created(await request(emu, 'POST', smsPath, sms({}, '+4799999999', 60)));
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Processed', recipient: 'SMS_Accepted', lastUpdate: iso(t0) });
    await advance(emu, 59_999);
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Processed', recipient: 'SMS_Accepted', lastUpdate: iso(t0) });
    expect(await feed(emu)).toEqual([]);
    await advance(emu, 1);
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Completed', recipient: 'SMS_Failed_Expired', lastUpdate: iso(t0 + 60_000) });
    expect((await messageOfOrder(emu, order.notificationOrderId)).fault).toEqual({ ruleId: '1', effect: { type: 'never-deliver' } });
    expect((await feed(emu)).map((e) => [e.recipients[0].status, e.lastUpdate])).toEqual([['SMS_Failed_Expired', iso(t0 + 60_000)]]);
  });

  it('without operator expiry reports leaves the SMS to the sweep: SMS_Failed_TTL at expiresAt + 300 s + 1 ms', async () => {
    const { emu, t0 } = await frozenEmulator({ operatorExpiryReports: false });
    await addFault(emu, { effect: 'never-deliver' });
    const order = await created(await request(emu, 'POST', smsPath, sms({}, '+4799999999', 60)));
    await advance(emu, 360_000);
    expect((await shipmentStatus(emu, order)).recipient).toBe('SMS_Accepted');
    await advance(emu, 1);
    expect(await shipmentStatus(emu, order)).toEqual({ order: 'Order_Completed', recipient: 'SMS_Failed_TTL', lastUpdate: iso(t0 + 360_001) });
  });
});

describe('matching a fault rule', () => {
  it('by channel', async () => {
    const emu = await emulator();
    await addFault(emu, { match: { channel: 'email' }, effect: 'gateway-unavailable' });
    await created(await request(emu, 'POST', smsPath, sms()));
    expectGatewayProblem(await request(emu, 'POST', emailPath, email()));
  });

  it('by phone number, normalised on both sides', async () => {
    const emu = await emulator();
    const rule = await addFault(emu, { match: { to: '0047 999 99 999' }, effect: 'gateway-unavailable' });
    expect(rule.match).toEqual({ to: '+4799999999' });
    expectGatewayProblem(await request(emu, 'POST', smsPath, sms({}, '+4799999999')));
    expectGatewayProblem(await request(emu, 'POST', smsPath, sms({}, '004799999999')));
    await created(await request(emu, 'POST', smsPath, sms({}, '+4791111111')));
    expect((await faults(emu))[0].hits).toBe(2);
  });

  it('by email address, trimmed and in any case', async () => {
    const emu = await emulator();
    const rule = await addFault(emu, { match: { to: ' Kari@Example.COM ' }, effect: 'gateway-unavailable' });
    expect(rule.match).toEqual({ to: 'kari@example.com' });
    expectGatewayProblem(await request(emu, 'POST', emailPath, email({}, 'kari@example.com')));
    expectGatewayProblem(await request(emu, 'POST', emailPath, email({}, '  KARI@example.com')));
    await created(await request(emu, 'POST', emailPath, email({}, 'ola@example.com')));
  });

  it('by idempotencyId, compared exactly', async () => {
    const emu = await emulator();
    await addFault(emu, { match: { idempotencyId: 'otp-1' }, effect: 'gateway-unavailable' });
    expectGatewayProblem(await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-1' })));
    expectGatewayProblem(await request(emu, 'POST', emailPath, email({ idempotencyId: 'otp-1' })));
    await created(await request(emu, 'POST', smsPath, sms({ idempotencyId: 'OTP-1' })));
    await created(await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-10' })));
  });

  it('by every field given at once', async () => {
    const emu = await emulator();
    await addFault(emu, { match: { channel: 'sms', to: '+4799999999', idempotencyId: 'otp-1' }, effect: 'gateway-unavailable' });
    // Other orgs, so that their orders do not make the last request a replay (idempotency is per org, contract §5).
    const org = (name: string) => ({ Authorization: `Bearer ${jwt({ scope: createScope, 'urn:altinn:org': name })}` });
    await created(await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-1' }, '+4791111111'), org('digdir')));
    await created(await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-2' }, '+4799999999')));
    await created(await request(emu, 'POST', emailPath, email({ idempotencyId: 'otp-1' }, 'user@example.com'), org('skd')));
    expectGatewayProblem(await request(emu, 'POST', smsPath, sms({ idempotencyId: 'otp-1' }, '+4799999999')));
  });

  it('oldest first: of two matching fate rules, the older one decides, and the next order gets the other once it is used up', async () => {
    const { emu, t0 } = await frozenEmulator();
    const rejected = await addFault(emu, { effect: { type: 'final-status', status: 'SMS_Failed_Rejected' }, times: 1 });
    const never = await addFault(emu, { effect: 'never-deliver' });
    expect([rejected.id, never.id]).toEqual(['1', '2']);
    const first = await created(await request(emu, 'POST', smsPath, sms()));
    expect((await shipmentStatus(emu, first)).recipient).toBe('SMS_Failed_Rejected');
    expect(await faults(emu)).toEqual([never]);
    const second = await created(await request(emu, 'POST', smsPath, sms()));
    expect((await shipmentStatus(emu, second)).recipient).toBe('SMS_Accepted');
    await advance(emu, '60s');
    expect(await shipmentStatus(emu, second)).toEqual({ order: 'Order_Completed', recipient: 'SMS_Failed_Expired', lastUpdate: iso(t0 + 60_000) });
  });

  it('never touches mail received over SMTP', async () => {
    const emu = await emulator();
    await addFault(emu, { effect: 'gateway-unavailable' });
    await addFault(emu, { match: { channel: 'email' }, effect: 'never-deliver' });
    await addFault(emu, { effect: { type: 'final-status', status: 'Email_Failed_Bounced' } });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: emu.smtpPort, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ from: 'app@example.com', to: 'user@example.com', subject: 'Kode', text: 'Kode 123456' });
    } finally {
      transport.close();
    }
    const [mail] = await listMessages(emu);
    expect(mail).toMatchObject({ source: 'smtp', channel: 'email', status: 'Received', fault: null });
    expect((await faults(emu)).map((rule) => rule.hits)).toEqual([0, 0, 0]);
  });
});

describe('POST, GET and DELETE /_emulator/faults', () => {
  it('answers 201 with the stored rule, normalised, and lists the rules oldest first', async () => {
    const { emu, t0 } = await frozenEmulator();
    const latency = await addFault(emu, { match: { channel: 'sms', to: '+47 999 99 999' }, effect: { type: 'latency', ms: '1.5s' }, times: 3 });
    expect(latency).toEqual({
      id: '1',
      match: { channel: 'sms', to: '+4799999999' },
      effect: { type: 'latency', ms: 1500 },
      times: 3,
      remaining: 3,
      hits: 0,
      createdAt: iso(t0),
    });
    const never = await addFault(emu, { effect: 'never-deliver' });
    expect(never).toEqual({ id: '2', match: {}, effect: { type: 'never-deliver' }, times: null, remaining: null, hits: 0, createdAt: iso(t0) });
    expect(await faults(emu)).toEqual([latency, never]);
  });

  it('answers 400 problems to bad rules and adds nothing', async () => {
    const emu = await emulator();
    const cases: [unknown, string][] = [
      [{ effect: 'gateway-unavailable', when: 'always' }, 'when'],
      [{ match: { channel: 'email' }, effect: { type: 'final-status', status: 'SMS_Failed_Rejected' } }, 'match.channel'],
      [{ effect: 'explode' }, 'effect'],
      [{ effect: 'gateway-unavailable', times: 0 }, 'times'],
    ];
    for (const [body, mentioned] of cases) {
      const res = await request(emu, 'POST', '/_emulator/faults', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Invalid fault rule', status: 400, detail: expect.stringContaining(mentioned) });
    }
    const notJson = await request(emu, 'POST', '/_emulator/faults', '{"effect":');
    expect(notJson.status).toBe(400);
    expect(notJson.json.title).toBe('Invalid JSON');
    expect(await faults(emu)).toEqual([]);
  });

  it('deletes one rule by id (then 404), or all of them, and never hands an id out twice', async () => {
    const emu = await emulator();
    const [a, b, c] = [await addFault(emu, { effect: 'never-deliver' }), await addFault(emu, { effect: 'gateway-unavailable' }), await addFault(emu, { effect: 'never-deliver' })];
    const one = await request(emu, 'DELETE', `/_emulator/faults/${b.id}`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ deleted: 1 });
    expect(await faults(emu)).toEqual([a, c]);

    const again = await request(emu, 'DELETE', `/_emulator/faults/${b.id}`);
    expect(again.status).toBe(404);
    expect(again.json).toEqual({ type: 'about:blank', title: 'No such fault rule', status: 404, detail: expect.stringContaining(b.id) });

    const all = await request(emu, 'DELETE', '/_emulator/faults');
    expect(all.status).toBe(200);
    expect(all.json).toEqual({ deleted: 2 });
    expect(await faults(emu)).toEqual([]);
    expect((await request(emu, 'DELETE', '/_emulator/faults')).json).toEqual({ deleted: 0 });

    expect((await addFault(emu, { effect: 'never-deliver' })).id).toBe('4');
    // Nothing of the deleted rules acts any more.
    await created(await request(emu, 'POST', smsPath, sms()));
  });

  it('announces every change of the rules as faults.changed with the whole list', async () => {
    const emu = await emulator();
    const events = await subscribe(emu);

    const gateway = await addFault(emu, { effect: 'gateway-unavailable', times: 2 });
    const added = await events.next();
    expect(added).toEqual({ type: 'faults.changed', data: { faults: [gateway] }, cursor: 0 });

    const never = await addFault(emu, { match: { channel: 'sms' }, effect: 'never-deliver' });
    expect((await events.next()).data).toEqual({ faults: [gateway, never] });

    expectGatewayProblem(await request(emu, 'POST', smsPath, sms()));
    expect((await events.next()).data).toEqual({ faults: [{ ...gateway, remaining: 1, hits: 1 }, never] });

    expect((await request(emu, 'DELETE', `/_emulator/faults/${never.id}`)).status).toBe(200);
    expect((await events.next()).data).toEqual({ faults: [{ ...gateway, remaining: 1, hits: 1 }] });

    expect((await request(emu, 'DELETE', '/_emulator/faults')).status).toBe(200);
    expect(await events.next()).toEqual({ type: 'faults.changed', data: { faults: [] }, cursor: 0 });
  });
});
