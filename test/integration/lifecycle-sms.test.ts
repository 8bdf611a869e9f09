import { describe, expect, it } from 'vitest';
import { deprecatedPath, feedPath, request, shipmentPath, smsBody, smsPath } from '../support/emulator.js';
import { iso, advanceClock as advance, setPhone, history } from '../support/clock-driven.js';
import { messageOfOrder } from './helpers.js';
import { scopedEmulators, type Emulator } from '../support/scoped-emulators.js';

// The SMS life cycle of product §2 and contract §6–§7.3, driven by the emulator clock alone (never by sleeping).

const { frozenEmulator } = scopedEmulators();

interface Created {
  notificationOrderId: string;
  notification: { shipmentId: string };
}

async function sendSms(emu: Emulator, phoneNumber = '+4799999999', ttl = 60): Promise<Created> {
  const body = smsBody({ recipientSms: { phoneNumber, timeToLiveInSeconds: ttl, smsSettings: { sender: 'Altinn', body: 'Kode 123456' } } });
  const res = await request(emu, 'POST', smsPath, body);
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function shipment(emu: Emulator, created: Created) {
  const res = await request(emu, 'GET', shipmentPath(created.notification.shipmentId));
  expect(res.status, res.text).toBe(200);
  return res.json;
}

async function feed(emu: Emulator) {
  const res = await request(emu, 'GET', feedPath);
  expect(res.status, res.text).toBe(200);
  return res.json as any[];
}

/** The shipment body of contract §7.1 for a one-SMS order in this state. */
function manifest(created: Created, orderStatus: string, orderAt: number, smsStatus: string, smsAt: number, destination = '+4799999999') {
  return {
    shipmentId: created.notification.shipmentId,
    sendersReference: 'ref-1',
    type: 'Instant',
    status: orderStatus,
    lastUpdate: iso(orderAt),
    recipients: [{ type: 'SMS', destination, status: smsStatus, lastUpdate: iso(smsAt) }],
  };
}

/** The status-feed entry of contract §7.2 for a completed one-SMS order. */
function feedEntry(created: Created, smsStatus: string, at: number, sequenceNumber: number, destination = '+4799999999') {
  return {
    shipmentId: created.notification.shipmentId,
    sendersReference: 'ref-1',
    recipients: [{ destination, status: smsStatus, lastUpdate: iso(at) }],
    status: 'Order_Completed',
    lastUpdate: iso(at),
    shipmentType: 'Instant',
    sequenceNumber,
  };
}

describe('an SMS to a phone that is online', () => {
  it('with no delivery delay is sent, accepted and delivered at its creation, and completes its order with one feed entry', async () => {
    const { emu, t0 } = await frozenEmulator();
    const created = await sendSms(emu);

    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0, 'SMS_Delivered', t0));
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0], ['SMS_Delivered', t0]));
    expect(message.order.statusHistory).toEqual(history(['Order_Processed', t0], ['Order_Completed', t0]));
    expect(await feed(emu)).toEqual([feedEntry(created, 'SMS_Delivered', t0, 1)]);

    // Nothing more happens to a final message, however far the clock goes.
    await advance(emu, '3d');
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0, 'SMS_Delivered', t0));
    expect(await feed(emu)).toHaveLength(1);
  });

  it('with a delivery delay of 2 s is accepted at creation and delivered exactly 2000 ms later, not a millisecond before', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 2000 });
    const created = await sendSms(emu);

    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    expect((await messageOfOrder(emu, created.notificationOrderId)).statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0]));
    expect(await feed(emu)).toEqual([]);

    await advance(emu, 1999);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    expect(await feed(emu)).toEqual([]);

    await advance(emu, 1);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 2000, 'SMS_Delivered', t0 + 2000));
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0], ['SMS_Delivered', t0 + 2000]));
    expect(message.order.statusHistory).toEqual(history(['Order_Processed', t0], ['Order_Completed', t0 + 2000]));
    expect(await feed(emu)).toEqual([feedEntry(created, 'SMS_Delivered', t0 + 2000, 1)]);
  });

  it('is recorded at its due time, not at the time the clock was advanced to', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 2000 });
    const created = await sendSms(emu);
    await advance(emu, '1h');
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 2000, 'SMS_Delivered', t0 + 2000));
    expect(await feed(emu)).toEqual([feedEntry(created, 'SMS_Delivered', t0 + 2000, 1)]);
  });

  it('is delivered when the delay ends exactly at expiresAt (an update at expiresAt is not late)', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 60_000 });
    const created = await sendSms(emu, '+4799999999', 60);
    await advance(emu, '5m');
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 60_000, 'SMS_Delivered', t0 + 60_000));
  });

  it('whose delivery would land after expiresAt is not delivered (the late report is ignored) and expires at expiresAt', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 90_000 });
    const created = await sendSms(emu, '+4799999999', 60);
    const expiresAt = t0 + 60_000;

    await advance(emu, 59_999);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    await advance(emu, 1);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', expiresAt, 'SMS_Failed_Expired', expiresAt));
    // Past the moment the delivery would have come: still expired, never delivered.
    await advance(emu, '5m');
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0], ['SMS_Failed_Expired', expiresAt]));
    expect(await feed(emu)).toEqual([feedEntry(created, 'SMS_Failed_Expired', expiresAt, 1)]);
  });
});

describe('an SMS to a phone that is offline', () => {
  it('stays SMS_Accepted and Order_Processed, with no feed entry, while the phone is off and before expiresAt', async () => {
    const { emu, t0 } = await frozenEmulator();
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);

    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    await advance(emu, 59_999);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0]));
    expect(message.order.statusHistory).toEqual(history(['Order_Processed', t0]));
    expect(await feed(emu)).toEqual([]);
  });

  it('is delivered at the moment the phone comes online before expiresAt', async () => {
    const { emu, t0 } = await frozenEmulator();
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    await advance(emu, '30s');

    const phone = await setPhone(emu, '+4799999999', true);
    // The PUT answers once what fell due is applied: the phone already counts the delivery.
    expect(phone).toMatchObject({ number: '+4799999999', online: true, since: iso(t0 + 30_000), counts: { messages: 1, delivered: 1, pending: 0, failed: 0 } });
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 30_000, 'SMS_Delivered', t0 + 30_000));
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0], ['SMS_Delivered', t0 + 30_000]));
    expect(await feed(emu)).toEqual([feedEntry(created, 'SMS_Delivered', t0 + 30_000, 1)]);
  });

  it('is delivered the delivery delay after the phone comes online', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 2000 });
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    await advance(emu, '30s');
    await setPhone(emu, '+4799999999', true);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    await advance(emu, 1999);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    await advance(emu, 1);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 32_000, 'SMS_Delivered', t0 + 32_000));
    expect(await feed(emu)).toEqual([feedEntry(created, 'SMS_Delivered', t0 + 32_000, 1)]);
  });

  it('expires when the phone comes online too late for the delay to end before expiresAt', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 20_000 });
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    await advance(emu, '50s');
    await setPhone(emu, '+4799999999', true); // delivery would be at +70 s, after expiresAt (+60 s)
    await advance(emu, '5m');
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 60_000, 'SMS_Failed_Expired', t0 + 60_000));
  });

  it('that stays offline ends SMS_Failed_Expired exactly at expiresAt, completes its order and gets a feed entry', async () => {
    const { emu, t0 } = await frozenEmulator();
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    const expiresAt = t0 + 60_000;
    expect((await messageOfOrder(emu, created.notificationOrderId)).expiresAt).toBe(iso(expiresAt));

    await advance(emu, 59_999);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    await advance(emu, 1);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', expiresAt, 'SMS_Failed_Expired', expiresAt));
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0], ['SMS_Failed_Expired', expiresAt]));
    expect(message.order.statusHistory).toEqual(history(['Order_Processed', t0], ['Order_Completed', expiresAt]));
    expect(await feed(emu)).toEqual([feedEntry(created, 'SMS_Failed_Expired', expiresAt, 1)]);
  });

  it('that stays offline is expired at expiresAt even when one advance jumps far past it', async () => {
    const { emu, t0 } = await frozenEmulator();
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    await advance(emu, '2h');
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 60_000, 'SMS_Failed_Expired', t0 + 60_000));
  });

  it('that expired is not delivered when the phone comes online afterwards: nothing changes', async () => {
    const { emu, t0 } = await frozenEmulator();
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    await advance(emu, '61s');
    const before = { shipment: await shipment(emu, created), message: await messageOfOrder(emu, created.notificationOrderId), feed: await feed(emu) };
    expect(before.shipment.recipients[0].status).toBe('SMS_Failed_Expired');

    const phone = await setPhone(emu, '+4799999999', true);
    expect(phone.counts).toEqual({ messages: 1, delivered: 0, pending: 0, failed: 1 });
    await advance(emu, '1h');
    expect(await shipment(emu, created)).toEqual(before.shipment);
    expect(await messageOfOrder(emu, created.notificationOrderId)).toEqual(before.message);
    expect(await feed(emu)).toEqual(before.feed);
    expect(before.feed).toEqual([feedEntry(created, 'SMS_Failed_Expired', t0 + 60_000, 1)]);
  });

  it('is matched by its normalised number: a phone switched as 0047 999 99 999 holds an SMS to +4799999999', async () => {
    const { emu, t0 } = await frozenEmulator();
    await setPhone(emu, '0047 999 99 999', false);
    const held = await sendSms(emu, '+4799999999');
    const other = await sendSms(emu, '+4791111111');
    expect((await shipment(emu, held)).recipients[0].status).toBe('SMS_Accepted');
    expect(await shipment(emu, other)).toEqual(manifest(other, 'Order_Completed', t0, 'SMS_Delivered', t0, '+4791111111'));
  });
});

describe('an SMS ordered through the deprecated endpoint', () => {
  it('walks the same life cycle: held by an offline phone, expired at its own expiresAt', async () => {
    const { emu, t0 } = await frozenEmulator();
    await setPhone(emu, '+4799999999', false);
    const { recipientSms, ...rest } = smsBody({ recipientSms: { phoneNumber: '+4799999999', timeToLiveInSeconds: 90, smsSettings: { body: 'Kode 123456' } } });
    const res = await request(emu, 'POST', deprecatedPath, { ...rest, recipient: { recipientSms } });
    expect(res.status, res.text).toBe(201);
    const created = res.json as Created;
    await advance(emu, 89_999);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    await advance(emu, 1);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 90_000, 'SMS_Failed_Expired', t0 + 90_000));
    expect(await feed(emu)).toEqual([feedEntry(created, 'SMS_Failed_Expired', t0 + 90_000, 1)]);
  });
});

describe('with the operator expiry reports turned off (Altinn sweep, contract §6)', () => {
  it('an SMS to an offline phone is still SMS_Accepted at expiresAt + 300 s and SMS_Failed_TTL 1 ms later', async () => {
    const { emu, t0 } = await frozenEmulator({ operatorExpiryReports: false });
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    const expiresAt = t0 + 60_000;

    await advance(emu, 60_000);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    await advance(emu, '300s');
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    expect(await feed(emu)).toEqual([]);

    await advance(emu, 1);
    const swept = expiresAt + 300_000 + 1;
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', swept, 'SMS_Failed_TTL', swept));
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['SMS_Sending', t0], ['SMS_Accepted', t0], ['SMS_Failed_TTL', swept]));
    expect(await feed(emu)).toEqual([feedEntry(created, 'SMS_Failed_TTL', swept, 1)]);
  });

  it('a phone coming online after expiresAt but before the sweep still does not get the SMS (the report would be late)', async () => {
    const { emu, t0 } = await frozenEmulator({ operatorExpiryReports: false });
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    await advance(emu, '2m');
    await setPhone(emu, '+4799999999', true);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    await advance(emu, '10m');
    const swept = t0 + 60_000 + 300_000 + 1;
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', swept, 'SMS_Failed_TTL', swept));
  });

  it('honours the sweep offset it was started with', async () => {
    const { emu, t0 } = await frozenEmulator({ operatorExpiryReports: false, sweepOffsetMs: 10_000 });
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    await advance(emu, 70_000);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'SMS_Accepted', t0));
    await advance(emu, 1);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 70_001, 'SMS_Failed_TTL', t0 + 70_001));
  });
});

describe('with the operator expiry reports on (the default)', () => {
  it('the sweep offset does not delay SMS_Failed_Expired, which comes at expiresAt', async () => {
    const { emu, t0 } = await frozenEmulator({ sweepOffsetMs: 10_000 });
    await setPhone(emu, '+4799999999', false);
    const created = await sendSms(emu, '+4799999999', 60);
    await advance(emu, '10m');
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 60_000, 'SMS_Failed_Expired', t0 + 60_000));
  });
});
