import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedPath, request, shipmentPath, smsBody, smsPath, tempDir } from '../support/emulator.js';
import { advanceClock as advance, iso, setPhone } from '../support/clock-driven.js';
import { messageOfOrder } from './helpers.js';
import { scopedEmulators, type Emulator } from '../support/scoped-emulators.js';

// A restart in the middle of a TTL (product §2, §3): the clock, phones, rules and every pending step are in the store,
// so the life cycle ends as if there had been no restart.

const { emulator, onCleanup } = scopedEmulators();

/** A fixed instant, so that two runs (with and without a restart) give the same timestamps. */
const t0 = Date.parse('2099-01-01T00:00:00.000Z');

/** An offline phone's SMS with a 60 s TTL, 30 s on a frozen clock, then a restart on the same data. */
async function restartHalfWay() {
  const data = await dataFile();
  const first = await emulator({ data });
  await freezeAtT0(first);
  await setPhone(first, '+4799999999', false);
  const order = await sendSms(first, 60);
  await advance(first, '30s');
  await first.close();
  return { second: await emulator({ data }), order };
}

async function dataFile(): Promise<string> {
  const { dir, remove } = await tempDir();
  onCleanup(remove);
  return join(dir, 'db.json');
}

async function ok(res: Promise<{ status: number; text: string; json: any }>, status = 200) {
  const answer = await res;
  expect(answer.status, answer.text).toBe(status);
  return answer.json;
}

/** Freezes the clock at t0. */
async function freezeAtT0(emu: Emulator) {
  await ok(request(emu, 'POST', '/_emulator/clock', { freeze: true }));
  expect((await ok(request(emu, 'POST', '/_emulator/clock', { set: iso(t0) }))).now).toBe(iso(t0));
}

async function sendSms(emu: Emulator, ttl: number) {
  const body = smsBody({ idempotencyId: 'otp-1', recipientSms: { phoneNumber: '+4799999999', timeToLiveInSeconds: ttl, smsSettings: { body: 'Kode 123456' } } });
  return (await ok(request(emu, 'POST', smsPath, body), 201)) as { notificationOrderId: string; notification: { shipmentId: string } };
}

/** What a client sees of the order, with its ids taken out so that two runs compare. */
async function outcome(emu: Emulator, order: { notificationOrderId: string; notification: { shipmentId: string } }) {
  const shipment = await ok(request(emu, 'GET', shipmentPath(order.notification.shipmentId)));
  const message = await messageOfOrder(emu, order.notificationOrderId);
  const feed = (await ok(request(emu, 'GET', feedPath))) as any[];
  return {
    shipment: { ...shipment, shipmentId: shipment.shipmentId === order.notification.shipmentId ? 'the shipment' : shipment.shipmentId },
    statusHistory: message.statusHistory,
    orderHistory: message.order.statusHistory,
    feed: feed.map((e) => ({ ...e, shipmentId: e.shipmentId === order.notification.shipmentId ? 'the shipment' : e.shipmentId })),
  };
}

describe('a restart in the middle of a TTL', () => {
  it('keeps the clock, the offline phone and the pending SMS, which expires at expiresAt as in a run without a restart', async () => {
    // The run without a restart.
    const plain = await emulator();
    await freezeAtT0(plain);
    await setPhone(plain, '+4799999999', false);
    const plainOrder = await sendSms(plain, 60);
    await advance(plain, '30s');
    await advance(plain, '30s');
    const expected = await outcome(plain, plainOrder);
    expect(expected.shipment).toEqual({
      shipmentId: 'the shipment',
      sendersReference: 'ref-1',
      type: 'Instant',
      status: 'Order_Completed',
      lastUpdate: iso(t0 + 60_000),
      recipients: [{ type: 'SMS', destination: '+4799999999', status: 'SMS_Failed_Expired', lastUpdate: iso(t0 + 60_000) }],
    });

    // The same, with a restart half way.
    const { second, order } = await restartHalfWay();
    expect(await ok(request(second, 'GET', '/_emulator/clock'))).toMatchObject({ now: iso(t0 + 30_000), frozen: true });
    expect(await ok(request(second, 'GET', '/_emulator/phones'))).toMatchObject({ items: [{ number: '+4799999999', online: false, since: iso(t0) }] });
    expect((await outcome(second, order)).shipment.recipients[0].status).toBe('SMS_Accepted');
    await advance(second, 29_999);
    expect((await outcome(second, order)).shipment.recipients[0].status).toBe('SMS_Accepted');
    await advance(second, 1);
    expect(await outcome(second, order)).toEqual(expected);
  });

  it('keeps the offset of a running clock', async () => {
    const data = await dataFile();
    const first = await emulator({ data });
    await advance(first, '1h');
    await first.close();
    const second = await emulator({ data });
    const clock = await ok(request(second, 'GET', '/_emulator/clock'));
    expect(clock).toMatchObject({ offsetMs: 3_600_000, frozen: false });
    expect(Date.parse(clock.now)).toBeGreaterThanOrEqual(Date.now() - 60_000 + 3_600_000);
  });

  it('fires at once, at expiresAt, what is past due when the clock moves past expiresAt right after the start', async () => {
    const { second, order } = await restartHalfWay();
    await advance(second, '10m');
    const after = await outcome(second, order);
    expect(after.statusHistory).toEqual([
      { status: 'SMS_Sending', at: iso(t0) },
      { status: 'SMS_Accepted', at: iso(t0) },
      { status: 'SMS_Failed_Expired', at: iso(t0 + 60_000) },
    ]);
    expect(after.feed).toEqual([
      {
        shipmentId: 'the shipment',
        sendersReference: 'ref-1',
        recipients: [{ destination: '+4799999999', status: 'SMS_Failed_Expired', lastUpdate: iso(t0 + 60_000) }],
        status: 'Order_Completed',
        lastUpdate: iso(t0 + 60_000),
        shipmentType: 'Instant',
        sequenceNumber: 1,
      },
    ]);
  });

  it('fires during the start what fell due while the emulator was down, at its own time', async () => {
    const data = await dataFile();
    const first = await emulator({ data });
    await freezeAtT0(first);
    await setPhone(first, '+4799999999', false);
    const order = await sendSms(first, 60);
    // Time passing while the emulator is down, as the store will find it at the next start: the clock it persists
    // moves past expiresAt without the running clock (and so its scheduler) hearing of it.
    const later = { offsetMs: 0, frozenAt: iso(t0 + 600_000) };
    await first.store.setClock(later, { now: later.frozenAt, offsetMs: 0, frozen: true });
    await first.close();

    const second = await emulator({ data });
    // No request has moved the clock: the start itself applied the expiry.
    const after = await outcome(second, order);
    expect(after.shipment).toMatchObject({ status: 'Order_Completed', lastUpdate: iso(t0 + 60_000) });
    expect(after.statusHistory.at(-1)).toEqual({ status: 'SMS_Failed_Expired', at: iso(t0 + 60_000) });
    expect(after.feed.map((e) => e.sequenceNumber)).toEqual([1]);
  });

  it('keeps a pending delivery delay, and delivers when it ends', async () => {
    const data = await dataFile();
    const first = await emulator({ data, deliveryDelayMs: 2000 });
    await freezeAtT0(first);
    const order = await sendSms(first, 60);
    await advance(first, 1000);
    await first.close();

    const second = await emulator({ data, deliveryDelayMs: 2000 });
    await advance(second, 999);
    expect((await outcome(second, order)).shipment.recipients[0].status).toBe('SMS_Accepted');
    await advance(second, 1);
    expect((await outcome(second, order)).shipment).toMatchObject({
      status: 'Order_Completed',
      recipients: [{ status: 'SMS_Delivered', lastUpdate: iso(t0 + 2000) }],
    });
  });

  it('keeps the fault rules and the fate a rule gave a message', async () => {
    const data = await dataFile();
    const first = await emulator({ data });
    await freezeAtT0(first);
    const rule = await ok(request(first, 'POST', '/_emulator/faults', { effect: 'never-deliver', times: 2 }), 201);
    const order = await sendSms(first, 60);
    await first.close();

    const second = await emulator({ data });
    expect(await ok(request(second, 'GET', '/_emulator/faults'))).toEqual({ items: [{ ...rule, remaining: 1, hits: 1 }] });
    await advance(second, 59_999);
    expect((await outcome(second, order)).shipment.recipients[0].status).toBe('SMS_Accepted');
    await advance(second, 1);
    expect((await outcome(second, order)).shipment.recipients[0]).toMatchObject({ status: 'SMS_Failed_Expired', lastUpdate: iso(t0 + 60_000) });
  });
});
