import { describe, expect, it } from 'vitest';
import { emailBody, emailPath, feedPath, request, shipmentPath } from '../support/emulator.js';
import { iso, advanceClock as advance, history } from '../support/clock-driven.js';
import { messageOfOrder } from './helpers.js';
import { scopedEmulators, type Emulator } from '../support/scoped-emulators.js';

// The instant email life cycle of product §2 and contract §6–§7.3, on the emulator clock.

const { frozenEmulator } = scopedEmulators();

const hours48 = 48 * 3600 * 1000;

interface Created {
  notificationOrderId: string;
  notification: { shipmentId: string };
}

async function sendEmail(emu: Emulator, overrides: Record<string, unknown> = {}): Promise<Created> {
  const res = await request(emu, 'POST', emailPath, emailBody(overrides));
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function addFault(emu: Emulator, rule: unknown) {
  const res = await request(emu, 'POST', '/_emulator/faults', rule);
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

function manifest(created: Created, orderStatus: string, orderAt: number, emailStatus: string, emailAt: number) {
  return {
    shipmentId: created.notification.shipmentId,
    sendersReference: 'ref-2',
    type: 'Instant',
    status: orderStatus,
    lastUpdate: iso(orderAt),
    recipients: [{ type: 'Email', destination: 'user@example.com', status: emailStatus, lastUpdate: iso(emailAt) }],
  };
}

function feedEntry(created: Created, emailStatus: string, at: number, sequenceNumber: number) {
  return {
    shipmentId: created.notification.shipmentId,
    sendersReference: 'ref-2',
    recipients: [{ destination: 'user@example.com', status: emailStatus, lastUpdate: iso(at) }],
    status: 'Order_Completed',
    lastUpdate: iso(at),
    shipmentType: 'Instant',
    sequenceNumber,
  };
}

describe('an instant email', () => {
  it('with no delivery delay goes Sending, Succeeded, Delivered at its creation and completes its order with a feed entry', async () => {
    const { emu, t0 } = await frozenEmulator();
    const created = await sendEmail(emu);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0, 'Email_Delivered', t0));
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['Email_Sending', t0], ['Email_Succeeded', t0], ['Email_Delivered', t0]));
    expect(message.order.statusHistory).toEqual(history(['Order_Processed', t0], ['Order_Completed', t0]));
    // Contract §6: no TTL input; the expiry is fixed at 48 h.
    expect(message.expiresAt).toBe(iso(t0 + hours48));
    expect(await feed(emu)).toEqual([feedEntry(created, 'Email_Delivered', t0, 1)]);
  });

  it('with a delivery delay of 2 s is Email_Succeeded until exactly 2000 ms after creation, then Email_Delivered', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 2000 });
    const created = await sendEmail(emu);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'Email_Succeeded', t0));
    expect(await feed(emu)).toEqual([]);
    await advance(emu, 1999);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'Email_Succeeded', t0));
    await advance(emu, 1);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', t0 + 2000, 'Email_Delivered', t0 + 2000));
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['Email_Sending', t0], ['Email_Succeeded', t0], ['Email_Delivered', t0 + 2000]));
    expect(await feed(emu)).toEqual([feedEntry(created, 'Email_Delivered', t0 + 2000, 1)]);
  });

  it('that never arrives is Email_Failed_TTL 48 h + 300 s + 1 ms after creation, and not a millisecond before', async () => {
    const { emu, t0 } = await frozenEmulator();
    await addFault(emu, { match: { channel: 'email' }, effect: 'never-deliver' });
    const created = await sendEmail(emu);
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'Email_Succeeded', t0));

    await advance(emu, '48h');
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'Email_Succeeded', t0));
    await advance(emu, '300s');
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Processed', t0, 'Email_Succeeded', t0));
    expect(await feed(emu)).toEqual([]);

    await advance(emu, 1);
    const swept = t0 + hours48 + 300_000 + 1;
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', swept, 'Email_Failed_TTL', swept));
    const message = await messageOfOrder(emu, created.notificationOrderId);
    expect(message.statusHistory).toEqual(history(['Email_Sending', t0], ['Email_Succeeded', t0], ['Email_Failed_TTL', swept]));
    expect(message.order.statusHistory).toEqual(history(['Order_Processed', t0], ['Order_Completed', swept]));
    expect(await feed(emu)).toEqual([feedEntry(created, 'Email_Failed_TTL', swept, 1)]);
  });

  it('that never arrives is swept at its own time when one advance jumps days past it', async () => {
    const { emu, t0 } = await frozenEmulator({ sweepOffsetMs: 0 });
    await addFault(emu, { effect: { type: 'never-deliver' } });
    const created = await sendEmail(emu);
    await advance(emu, '5d');
    const swept = t0 + hours48 + 1;
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', swept, 'Email_Failed_TTL', swept));
  });

  it('is swept the same way whether or not the operator reports SMS expiry (that switch is for SMS only)', async () => {
    const { emu, t0 } = await frozenEmulator({ operatorExpiryReports: true });
    await addFault(emu, { effect: 'never-deliver' });
    const created = await sendEmail(emu);
    await advance(emu, hours48);
    expect((await shipment(emu, created)).recipients[0].status).toBe('Email_Succeeded');
    await advance(emu, '301s');
    const swept = t0 + hours48 + 300_001;
    expect(await shipment(emu, created)).toEqual(manifest(created, 'Order_Completed', swept, 'Email_Failed_TTL', swept));
  });
});
