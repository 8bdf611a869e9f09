import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailBody, emailPath, feedPath, jwt, request, shipmentPath, smsBody, smsPath, start } from '../support/emulator.js';
import { createScope, traceIdPattern } from './helpers.js';

let emu: Awaited<ReturnType<typeof start>>;
beforeEach(async () => {
  emu = await start();
});
afterEach(async () => {
  await emu?.close();
});

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
const orgToken = (org: string) => ({ Authorization: `Bearer ${jwt({ scope: createScope, 'urn:altinn:org': org })}` });

async function sendSms(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await request(emu, 'POST', smsPath, smsBody(overrides), headers);
  expect(res.status, res.text).toBe(201);
  return res.json as { notificationOrderId: string; notification: { shipmentId: string; sendersReference?: string } };
}

function expectNotFoundProblem(res: { status: number; json: any }) {
  expect(res.status).toBe(404);
  // Contract §4.6 (AltinnProblemDetails) and §7.1 (title `Shipment not found`).
  expect(res.json).toEqual({
    type: 'urn:altinn:error:NOT-00003', // contract §4.6
    title: 'Shipment not found', // contract §4.6
    status: 404,
    code: 'NOT-00003', // contract §4.6
    traceId: expect.stringMatching(traceIdPattern),
    statusDescription: 'Not Found', // contract §4.6
  });
}

describe('GET /future/shipment/{id}', () => {
  it('answers the delivery manifest of a completed SMS order exactly as contract §7.1 shapes it', async () => {
    const created = await sendSms({ sendersReference: 'otp-login-1234' });
    const res = await request(emu, 'GET', shipmentPath(created.notification.shipmentId));
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['shipmentId', 'sendersReference', 'type', 'status', 'lastUpdate', 'recipients']);
    expect(res.json).toEqual({
      shipmentId: created.notification.shipmentId,
      sendersReference: 'otp-login-1234',
      type: 'Instant', // contract §7.1
      status: 'Order_Completed', // contract §7.3
      lastUpdate: expect.stringMatching(isoUtc),
      recipients: [{ type: 'SMS', destination: '+4799999999', status: 'SMS_Delivered', lastUpdate: expect.stringMatching(isoUtc) }], // contract §7.1, §7.3
    });
    expect(Object.keys(res.json.recipients[0])).toEqual(['type', 'destination', 'status', 'lastUpdate']);
    expect(res.text).toBe(JSON.stringify(res.json, null, 2));
  });

  it('answers an email manifest with recipient type Email and the raw address', async () => {
    const body = emailBody({ sendersReference: null });
    body.recipientEmail.emailAddress = '  Someone@Example.com ';
    const created = await request(emu, 'POST', emailPath, body);
    expect(created.status).toBe(201);
    const res = await request(emu, 'GET', shipmentPath(created.json.notification.shipmentId));
    expect(res.status).toBe(200);
    expect('sendersReference' in res.json).toBe(false);
    expect(res.json.type).toBe('Instant'); // contract §7.1
    expect(res.json.recipients).toEqual([
      // Contract §7.1: `destination` is the raw address as submitted; §7.3 status names.
      { type: 'Email', destination: '  Someone@Example.com ', status: 'Email_Delivered', lastUpdate: expect.stringMatching(isoUtc) },
    ]);
  });

  it('omits a sendersReference that was empty at creation', async () => {
    const created = await sendSms({ sendersReference: '' });
    const res = await request(emu, 'GET', shipmentPath(created.notification.shipmentId));
    expect(res.status).toBe(200);
    expect('sendersReference' in res.json).toBe(false);
  });

  it('answers 404 NOT-00003 for the notificationOrderId', async () => {
    const created = await sendSms();
    expectNotFoundProblem(await request(emu, 'GET', shipmentPath(created.notificationOrderId)));
  });

  it('answers 404 NOT-00003 for an unknown GUID', async () => {
    expectNotFoundProblem(await request(emu, 'GET', shipmentPath('00000000-0000-0000-0000-000000000000')));
  });

  it("answers 404 NOT-00003 for another org's shipment", async () => {
    const created = await sendSms({}, orgToken('digdir'));
    expectNotFoundProblem(await request(emu, 'GET', shipmentPath(created.notification.shipmentId), undefined, orgToken('skd')));
    expectNotFoundProblem(await request(emu, 'GET', shipmentPath(created.notification.shipmentId)));
    expect((await request(emu, 'GET', shipmentPath(created.notification.shipmentId), undefined, orgToken('digdir'))).status).toBe(200);
  });

  it('answers a non-GUID id with a plain 404 and an empty body', async () => {
    for (const id of ['not-a-guid', '12345', '0000000-0000-0000-0000-000000000000']) {
      const res = await request(emu, 'GET', shipmentPath(id));
      expect(res.status, id).toBe(404);
      expect(res.text, id).toBe(''); // contract §1: no route match, empty body
    }
  });

  it('finds a shipment by its GUID in upper case and in N form', async () => {
    const { notification } = await sendSms();
    const upper = await request(emu, 'GET', shipmentPath(notification.shipmentId.toUpperCase()));
    expect(upper.status).toBe(200);
    expect(upper.json.shipmentId).toBe(notification.shipmentId);
    const nForm = await request(emu, 'GET', shipmentPath(notification.shipmentId.replace(/-/g, '')));
    expect(nForm.status).toBe(200);
    expect(nForm.json.shipmentId).toBe(notification.shipmentId);
  });
});

describe('GET /future/shipment/feed', () => {
  it("lists completed orders of the caller's org only, in increasing sequenceNumber order", async () => {
    const a = await sendSms({ sendersReference: 'a' });
    await sendSms({}, orgToken('digdir'));
    const b = await request(emu, 'POST', emailPath, emailBody({ sendersReference: 'b' }));
    expect(b.status).toBe(201);

    const res = await request(emu, 'GET', feedPath);
    expect(res.status).toBe(200);
    expect(res.json.map((e: { shipmentId: string }) => e.shipmentId)).toEqual([a.notification.shipmentId, b.json.notification.shipmentId]);
    const [first, second] = res.json;
    expect(first).toEqual({
      shipmentId: a.notification.shipmentId,
      sendersReference: 'a',
      recipients: [{ destination: '+4799999999', status: 'SMS_Delivered', lastUpdate: expect.stringMatching(isoUtc) }], // contract §7.2
      status: 'Order_Completed', // contract §7.2
      lastUpdate: expect.stringMatching(isoUtc),
      shipmentType: 'Instant', // contract §7.2
      sequenceNumber: expect.any(Number),
    });
    expect(second.recipients[0].status).toBe('Email_Delivered'); // contract §7.3
    expect(second.sequenceNumber).toBeGreaterThan(first.sequenceNumber);

    const other = await request(emu, 'GET', feedPath, undefined, orgToken('digdir'));
    expect(other.status).toBe(200);
    expect(other.json).toHaveLength(1);
  });

  it('treats seq as exclusive, honours pageSize and orderBy=Desc', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await sendSms()).notification.shipmentId);
    const all = (await request(emu, 'GET', feedPath)).json as { shipmentId: string; sequenceNumber: number }[];
    expect(all.map((e) => e.shipmentId)).toEqual(ids);
    const seqs = all.map((e) => e.sequenceNumber);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);

    const after = await request(emu, 'GET', `${feedPath}?seq=${seqs[1]}`);
    expect(after.json.map((e: { shipmentId: string }) => e.shipmentId)).toEqual(ids.slice(2));

    const page = await request(emu, 'GET', `${feedPath}?pageSize=2`);
    expect(page.json.map((e: { shipmentId: string }) => e.shipmentId)).toEqual(ids.slice(0, 2));

    const desc = await request(emu, 'GET', `${feedPath}?orderBy=Desc`);
    expect(desc.json.map((e: { shipmentId: string }) => e.shipmentId)).toEqual([...ids].reverse());

    // Contract §7.2: query parameter names bind case-insensitively; pageSize below 1 is raised to 1.
    const odd = await request(emu, 'GET', `${feedPath}?PAGESIZE=0&SEQ=${seqs[0]}`);
    expect(odd.json.map((e: { shipmentId: string }) => e.shipmentId)).toEqual([ids[1]]);
  });

  it('answers 400 to a negative seq', async () => {
    const res = await request(emu, 'GET', `${feedPath}?seq=-1`);
    expect(res.status).toBe(400);
    expect(res.json.type).toBe('https://tools.ietf.org/html/rfc9110#section-15.5.1'); // contract §4.4
    expect(res.json.title).toBe('One or more validation errors occurred.'); // contract §4.4
    expect(res.json.traceId).toMatch(traceIdPattern);
    expect(Object.keys(res.json.errors).length).toBeGreaterThan(0);
  });

  it('answers 400 to a pageSize beyond int32 or a seq beyond int64, as ASP.NET binding does', async () => {
    const page = await request(emu, 'GET', `${feedPath}?pageSize=99999999999`);
    expect(page.status).toBe(400);
    expect(page.json.errors).toEqual({ pageSize: ["The value '99999999999' is not valid for pageSize."] }); // contract §7.2 [fw]
    const seq = await request(emu, 'GET', `${feedPath}?seq=9223372036854775808`);
    expect(seq.status).toBe(400);
    expect((await request(emu, 'GET', `${feedPath}?seq=9223372036854775807`)).status).toBe(200);
  });
});
