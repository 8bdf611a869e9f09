import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { request, shipmentPath, smsBody, smsPath } from '../support/emulator.js';
import { iso, advanceClock as advance, setPhone } from '../support/clock-driven.js';
import { scopedEmulators, type Emulator } from '../support/scoped-emulators.js';

// Fake phones (product §2) and `PUT /_emulator/phones/{number}` (product §4).

const { frozenEmulator, sockets } = scopedEmulators();

const phonePath = (number: string) => `/_emulator/phones/${encodeURIComponent(number)}`;

async function sendSms(emu: Emulator, phoneNumber = '+4799999999', ttl = 300) {
  const res = await request(emu, 'POST', smsPath, smsBody({ recipientSms: { phoneNumber, timeToLiveInSeconds: ttl, smsSettings: { body: 'Kode 123456' } } }));
  expect(res.status, res.text).toBe(201);
  return res.json as { notification: { shipmentId: string } };
}

async function recipient(emu: Emulator, order: { notification: { shipmentId: string } }) {
  const res = await request(emu, 'GET', shipmentPath(order.notification.shipmentId));
  expect(res.status).toBe(200);
  return { status: res.json.recipients[0].status as string, lastUpdate: res.json.recipients[0].lastUpdate as string };
}

async function phones(emu: Emulator) {
  const res = await request(emu, 'GET', '/_emulator/phones');
  expect(res.status).toBe(200);
  return res.json.items as any[];
}

describe('PUT /_emulator/phones/{number}', () => {
  it('switches a phone before its first SMS and answers its summary', async () => {
    const { emu, t0 } = await frozenEmulator();
    const phone = await setPhone(emu, '+4799999999', false);
    expect(phone).toEqual({
      number: '+4799999999',
      online: false,
      since: iso(t0),
      counts: { messages: 0, delivered: 0, pending: 0, failed: 0 },
      lastMessageAt: null,
    });
    expect(await phones(emu)).toEqual([phone]);
  });

  it('takes the number in any form that normalises to the same E.164 phone', async () => {
    const { emu, t0 } = await frozenEmulator();
    expect((await setPhone(emu, '0047 999 99 999', false)).number).toBe('+4799999999');
    await advance(emu, 1000);
    expect(await setPhone(emu, '004799999999', true)).toMatchObject({ number: '+4799999999', online: true, since: iso(t0 + 1000) });
    await advance(emu, 1000);
    expect(await setPhone(emu, '99999999', false)).toMatchObject({ number: '+4799999999', online: false, since: iso(t0 + 2000) });
    expect((await phones(emu)).map((p) => p.number)).toEqual(['+4799999999']);
  });

  it('counts what the phone holds: pending while offline, then delivered once online', async () => {
    const { emu, t0 } = await frozenEmulator();
    await setPhone(emu, '+4799999999', false);
    await sendSms(emu);
    await sendSms(emu);
    const [offline] = await phones(emu);
    expect(offline).toMatchObject({ online: false, counts: { messages: 2, delivered: 0, pending: 2, failed: 0 }, lastMessageAt: iso(t0) });
    await advance(emu, '10s');
    expect(await setPhone(emu, '+4799999999', true)).toMatchObject({ online: true, counts: { messages: 2, delivered: 2, pending: 0, failed: 0 } });
  });

  it('answers 400 to something that is not a phone number, and to a body other than {"online": true|false}', async () => {
    const { emu } = await frozenEmulator();
    for (const number of ['abc', '123', 'user@example.com']) {
      const res = await request(emu, 'PUT', phonePath(number), { online: false });
      expect(res.status, number).toBe(400);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Invalid phone number', status: 400, detail: expect.stringContaining(number) });
    }
    for (const body of [{}, { online: 'false' }, { online: 0 }, { online: true, reason: 'x' }, [true], 'null']) {
      const res = await request(emu, 'PUT', phonePath('+4799999999'), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Invalid phone state', status: 400, detail: expect.stringContaining('"online"') });
    }
    const notJson = await request(emu, 'PUT', phonePath('+4799999999'), '{online: false}');
    expect(notJson.status).toBe(400);
    expect(notJson.json.title).toBe('Invalid JSON');
    expect(await phones(emu)).toEqual([]);
  });

  it('announces each switch as phone.changed with the number, the state and since', async () => {
    const { emu, t0 } = await frozenEmulator();
    const ws = new WebSocket(`${emu.url.replace(/^http/, 'ws')}/_emulator/events`);
    sockets.push(ws);
    const frames: any[] = [];
    const arrived: (() => void)[] = [];
    ws.on('message', (data) => {
      frames.push(JSON.parse(String(data)));
      arrived.shift()?.();
    });
    const frame = async (i: number) => {
      while (frames.length <= i) await new Promise<void>((resolve) => arrived.push(resolve));
      return frames[i];
    };
    expect((await frame(0)).type).toBe('hello');
    await setPhone(emu, '0047 999 99 999', false);
    expect(await frame(1)).toEqual({ type: 'phone.changed', data: { phone: { number: '+4799999999', online: false, since: iso(t0) } }, cursor: 0 });
    await sendSms(emu, '+4791111111');
    await setPhone(emu, '+4799999999', true);
    const changed = await (async () => {
      for (let i = 2; ; i++) if ((await frame(i)).type === 'phone.changed') return frames[i];
    })();
    expect(changed).toEqual({ type: 'phone.changed', data: { phone: { number: '+4799999999', online: true, since: iso(t0) } }, cursor: 1 });
  });
});

describe('an SMS on its way to a phone', () => {
  it('is held when the phone goes offline during the delivery delay, and delivered the delay after it comes back', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 2000 });
    const order = await sendSms(emu);
    await advance(emu, 1000);
    await setPhone(emu, '+4799999999', false);
    await advance(emu, '10s');
    expect(await recipient(emu, order)).toEqual({ status: 'SMS_Accepted', lastUpdate: iso(t0) });
    await setPhone(emu, '+4799999999', true); // at +11 s
    await advance(emu, 1999);
    expect(await recipient(emu, order)).toEqual({ status: 'SMS_Accepted', lastUpdate: iso(t0) });
    await advance(emu, 1);
    expect(await recipient(emu, order)).toEqual({ status: 'SMS_Delivered', lastUpdate: iso(t0 + 13_000) });
  });

  it('is delivered, all of them, when the phone comes online, and SMS to other phones are not touched', async () => {
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 5000 });
    await setPhone(emu, '+4799999999', false);
    await setPhone(emu, '+4791111111', false);
    const held = [await sendSms(emu), await sendSms(emu, '0047 999 99 999')];
    const other = await sendSms(emu, '+4791111111');
    await advance(emu, '20s');
    await setPhone(emu, '99999999', true);
    await advance(emu, '5s');
    for (const order of held) expect(await recipient(emu, order)).toEqual({ status: 'SMS_Delivered', lastUpdate: iso(t0 + 25_000) });
    expect(await recipient(emu, other)).toEqual({ status: 'SMS_Accepted', lastUpdate: iso(t0) });
  });

  it('stays delivered when the phone goes offline afterwards', async () => {
    const { emu, t0 } = await frozenEmulator();
    const order = await sendSms(emu);
    await setPhone(emu, '+4799999999', false);
    await advance(emu, '1h');
    expect(await recipient(emu, order)).toEqual({ status: 'SMS_Delivered', lastUpdate: iso(t0) });
  });

  // A PUT that leaves the phone as it was is not a switch: the delivery must not move to +3 s.
  it('to a phone switched online while it already was online keeps its delivery time', async () => {
    // The phone did not come online (it was), so nothing that was on its way to it is delayed (product §2).
    const { emu, t0 } = await frozenEmulator({ deliveryDelayMs: 2000 });
    const order = await sendSms(emu);
    await advance(emu, 1000);
    await setPhone(emu, '+4799999999', true);
    await advance(emu, 1000);
    expect(await recipient(emu, order)).toEqual({ status: 'SMS_Delivered', lastUpdate: iso(t0 + 2000) });
  });
});
