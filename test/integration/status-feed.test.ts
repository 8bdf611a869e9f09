import { describe, expect, it } from 'vitest';
import { emailBody, emailPath, feedPath, jwt, request, smsBody, smsPath } from '../support/emulator.js';
import { createScope, traceIdPattern } from './helpers.js';
import { scopedEmulators, type Emulator } from '../support/scoped-emulators.js';

// `GET /notifications/api/v1/future/shipment/feed` (contract §7.2): one numbering across orgs, each org reading its own.

const { emulator } = scopedEmulators();

const bearer = (org: string) => ({ Authorization: `Bearer ${jwt({ scope: createScope, 'urn:altinn:org': org })}` });
const platformToken = (org: string) => ({ PlatformAccessToken: jwt({ iss: org }) });

async function sendSms(emu: Emulator, headers: Record<string, string> = {}, phoneNumber = '+4799999999', sendersReference: string | null = 'ref-1') {
  const body = smsBody({ sendersReference, recipientSms: { phoneNumber, timeToLiveInSeconds: 120, smsSettings: { body: 'Kode 123456' } } });
  const res = await request(emu, 'POST', smsPath, body, headers);
  expect(res.status, res.text).toBe(201);
  return res.json.notification.shipmentId as string;
}

async function feed(emu: Emulator, query = '', headers: Record<string, string> = {}) {
  const res = await request(emu, 'GET', `${feedPath}${query}`, undefined, headers);
  expect(res.status, res.text).toBe(200);
  return res.json as any[];
}

const ids = (entries: any[]) => entries.map((e) => e.shipmentId);
const numbers = (entries: any[]) => entries.map((e) => e.sequenceNumber);

describe('the status feed', () => {
  it('numbers completed orders of every org in one sequence, and shows each org only its own', async () => {
    const emu = await emulator();
    const ttd1 = await sendSms(emu);
    const digdir = await sendSms(emu, bearer('digdir'));
    const skd = await sendSms(emu, platformToken('skd'));
    const email = await request(emu, 'POST', emailPath, emailBody());
    expect(email.status).toBe(201);
    const ttd2 = email.json.notification.shipmentId;

    const ttd = await feed(emu);
    expect(ids(ttd)).toEqual([ttd1, ttd2]);
    expect(numbers(ttd)).toEqual([1, 4]);
    const ofDigdir = await feed(emu, '', bearer('digdir'));
    expect(ids(ofDigdir)).toEqual([digdir]);
    expect(numbers(ofDigdir)).toEqual([2]);
    // The PlatformAccessToken's issuer is the org (contract §8), for reading the feed as for ordering.
    const ofSkd = await feed(emu, '', platformToken('skd'));
    expect(ids(ofSkd)).toEqual([skd]);
    expect(numbers(ofSkd)).toEqual([3]);
    expect(await feed(emu, '', bearer('nobody'))).toEqual([]);
  });

  it('numbers orders in the order they complete, not the order they were created, and lists none still pending', async () => {
    const emu = await emulator();
    const frozen = await request(emu, 'POST', '/_emulator/clock', { freeze: true });
    const t0 = Date.parse(frozen.json.now);
    expect((await request(emu, 'PUT', '/_emulator/phones/+4791111111', { online: false })).status).toBe(200);
    const held = await sendSms(emu, {}, '+4791111111');
    const delivered = await sendSms(emu, {}, '+4799999999');
    expect(ids(await feed(emu))).toEqual([delivered]);

    expect((await request(emu, 'POST', '/_emulator/clock', { advance: '2m' })).status).toBe(200);
    const entries = await feed(emu);
    expect(entries).toEqual([
      {
        shipmentId: delivered,
        sendersReference: 'ref-1',
        recipients: [{ destination: '+4799999999', status: 'SMS_Delivered', lastUpdate: new Date(t0).toISOString() }],
        status: 'Order_Completed',
        lastUpdate: new Date(t0).toISOString(),
        shipmentType: 'Instant',
        sequenceNumber: 1,
      },
      {
        shipmentId: held,
        sendersReference: 'ref-1',
        recipients: [{ destination: '+4791111111', status: 'SMS_Failed_Expired', lastUpdate: new Date(t0 + 120_000).toISOString() }],
        status: 'Order_Completed',
        lastUpdate: new Date(t0 + 120_000).toISOString(),
        shipmentType: 'Instant',
        sequenceNumber: 2,
      },
    ]);
    // Entries carry exactly the fields of contract §7.2, in its order; recipients have no `type`.
    expect(Object.keys(entries[0])).toEqual(['shipmentId', 'sendersReference', 'recipients', 'status', 'lastUpdate', 'shipmentType', 'sequenceNumber']);
    expect(Object.keys(entries[0].recipients[0])).toEqual(['destination', 'status', 'lastUpdate']);
  });

  it('goes on numbering after POST /_emulator/reset, so a reader keeping its last seq misses nothing', async () => {
    const emu = await emulator();
    await sendSms(emu);
    await sendSms(emu);
    expect((await request(emu, 'POST', '/_emulator/reset')).status).toBe(200);
    expect(await feed(emu)).toEqual([]);
    const after = await sendSms(emu);
    const entries = await feed(emu, '?seq=2');
    expect(ids(entries)).toEqual([after]);
    expect(numbers(entries)).toEqual([3]);
  });

  it('omits sendersReference when the order had none', async () => {
    const emu = await emulator();
    await sendSms(emu, {}, '+4799999999', null);
    await sendSms(emu, {}, '+4799999999', '  ');
    const entries = await feed(emu);
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect('sendersReference' in entry).toBe(false);
  });

  it('treats seq as an exclusive lower bound', async () => {
    const emu = await emulator();
    const shipments = [];
    for (let i = 0; i < 4; i++) shipments.push(await sendSms(emu));
    expect(ids(await feed(emu, '?seq=0'))).toEqual(shipments);
    expect(ids(await feed(emu, '?seq=1'))).toEqual(shipments.slice(1));
    expect(ids(await feed(emu, '?seq=2'))).toEqual(shipments.slice(2));
    expect(ids(await feed(emu, '?seq=4'))).toEqual([]);
    expect(ids(await feed(emu, '?seq=1000'))).toEqual([]);
  });

  it('orders by sequenceNumber ascending by default and with Asc, descending with Desc, the value in any case', async () => {
    const emu = await emulator();
    const shipments = [];
    for (let i = 0; i < 3; i++) shipments.push(await sendSms(emu));
    const reversed = [...shipments].reverse();
    expect(ids(await feed(emu))).toEqual(shipments);
    expect(ids(await feed(emu, '?orderBy=Asc'))).toEqual(shipments);
    expect(ids(await feed(emu, '?orderBy=Desc'))).toEqual(reversed);
    expect(ids(await feed(emu, '?orderBy=desc'))).toEqual(reversed);
    expect(numbers(await feed(emu, '?orderBy=Desc'))).toEqual([3, 2, 1]);
  });

  it('binds its query names case-insensitively, as ASP.NET does', async () => {
    const emu = await emulator();
    const shipments = [];
    for (let i = 0; i < 4; i++) shipments.push(await sendSms(emu));
    expect(ids(await feed(emu, '?SEQ=1&PageSize=2'))).toEqual(shipments.slice(1, 3));
    expect(ids(await feed(emu, '?ORDERBY=Desc&pagesize=1'))).toEqual([shipments[3]]);
    expect(ids(await feed(emu, '?Seq=3&OrderBy=Asc'))).toEqual([shipments[3]]);
  });

  it('answers 400 to a negative seq, with the framework range message', async () => {
    const emu = await emulator();
    await sendSms(emu);
    for (const query of ['?seq=-1', '?SEQ=-100']) {
      const res = await request(emu, 'GET', `${feedPath}${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json).toEqual({
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', // contract §4.4
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { seq: ['The field seq must be between 0 and 9.223372036854776E+18.'] }, // contract §7.2 [fw]
        traceId: expect.stringMatching(traceIdPattern),
      });
    }
  });

  it('answers 400 to a seq or pageSize that is not an integer', async () => {
    const emu = await emulator();
    const seq = await request(emu, 'GET', `${feedPath}?seq=abc`);
    expect(seq.status).toBe(400);
    expect(seq.json.errors).toEqual({ seq: ["The value 'abc' is not valid for seq."] });
    const page = await request(emu, 'GET', `${feedPath}?pageSize=1.5`);
    expect(page.status).toBe(400);
    expect(page.json.errors).toEqual({ pageSize: ["The value '1.5' is not valid for pageSize."] });
  });
});

describe('the status feed page size', () => {
  it('is 500 by default and at most, raises 0 and negative values to 1, and keeps values in between', async () => {
    const emu = await emulator();
    const total = 503;
    // Sent in batches: the order of the numbers does not matter here, only how many come back.
    for (let i = 0; i < total; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, total - i) }, () => sendSms(emu)));
    }
    const all = [...(await feed(emu)), ...(await feed(emu, '?seq=500'))];
    expect(numbers(all)).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    const count = async (query: string) => (await feed(emu, query)).length;
    expect(await count('')).toBe(500);
    expect(await count('?pageSize=500')).toBe(500);
    expect(await count('?pageSize=501')).toBe(500);
    expect(await count('?pageSize=100000')).toBe(500);
    expect(await count('?pageSize=499')).toBe(499);
    expect(await count('?pageSize=2')).toBe(2);
    expect(await count('?pageSize=1')).toBe(1);
    expect(await count('?pageSize=0')).toBe(1);
    expect(await count('?pageSize=-1')).toBe(1);
    expect(await count('?pageSize=-2147483648')).toBe(1);
    expect(numbers(await feed(emu, '?pageSize=0'))).toEqual([1]);
    expect(numbers(await feed(emu, '?pageSize=-5&orderBy=Desc'))).toEqual([total]);
    expect(numbers(await feed(emu, '?seq=500&pageSize=501'))).toEqual([501, 502, 503]);
  });
});
