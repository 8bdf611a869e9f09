import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailBody, emailPath, request, smsBody, smsPath, start } from '../support/emulator.js';
import { listMessages, messageOfOrder } from './helpers.js';

/** JSON binding over HTTP (contract §2.4): a representative subset; the validator's unit tests cover the details. */

let emu: Awaited<ReturnType<typeof start>>;
beforeEach(async () => {
  emu = await start();
});
afterEach(async () => {
  await emu?.close();
});

function emailWithContentType(contentType: unknown) {
  return emailBody({
    recipientEmail: {
      emailAddress: 'user@example.com',
      emailSettings: { subject: 'Your code', body: '<p>Code: 123456</p>', contentType },
    },
  });
}

/**
 * A layer-1 error map has exactly the JSON path and `request` (contract §3.1). Their order is how ASP.NET's
 * `ModelStateDictionary` enumerates: breadth first over a tree split at '.' and '[', siblings sorted by length, then
 * case-insensitively. So a bare `$` comes before `request`, and a nested `$.a.b` after it.
 */
function expectLayerOneKeys(errors: Record<string, string[]>, path: string) {
  expect(Object.keys(errors)).toEqual(path === '$' ? ['$', 'request'] : ['request', path]);
}

describe('JSON binding of the instant order bodies', () => {
  it('matches property names in any case', async () => {
    const res = await request(emu, 'POST', smsPath, {
      IDEMPOTENCYID: 'case-1',
      SendersReference: 'ref-case',
      RECIPIENTSMS: { PhoneNumber: '+4799999999', timetoliveinseconds: 300, SmsSettings: { SENDER: 'Bank', BODY: 'Code 1234' } },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.notification.sendersReference).toBe('ref-case');
    const m = await messageOfOrder(emu, res.json.notificationOrderId);
    expect(m.to).toEqual(['+4799999999']);
    expect(m.from).toBe('Bank');
    expect(m.body).toBe('Code 1234');
    expect(m.order.idempotencyId).toBe('case-1');
  });

  it('accepts timeToLiveInSeconds sent as the string "300"', async () => {
    const body = smsBody();
    (body.recipientSms as Record<string, unknown>).timeToLiveInSeconds = '300';
    const res = await request(emu, 'POST', smsPath, body);
    expect(res.status, res.text).toBe(201);
    const m = await messageOfOrder(emu, res.json.notificationOrderId);
    expect(Date.parse(m.expiresAt) - Date.parse(m.createdAt)).toBe(300_000);
  });

  it.each([
    ['the lower-case name "html"', 'html'],
    ['the integer 1', 1],
  ])('accepts contentType as %s and stores it as Html', async (_label, contentType) => {
    const res = await request(emu, 'POST', emailPath, emailWithContentType(contentType));
    expect(res.status, res.text).toBe(201);
    const m = await messageOfOrder(emu, res.json.notificationOrderId);
    expect(m.contentType).toBe('Html'); // contract §2.2, §2.4
    expect(m.html).toBe('<p>Code: 123456</p>');
  });

  it('defaults contentType to Plain when the key is absent', async () => {
    const body = emailBody();
    delete (body.recipientEmail.emailSettings as Record<string, unknown>).contentType;
    const res = await request(emu, 'POST', emailPath, body);
    expect(res.status, res.text).toBe(201);
    expect((await messageOfOrder(emu, res.json.notificationOrderId)).contentType).toBe('Plain'); // contract §2.2: default Plain
  });

  it('rejects the unknown contentType name "Markdown" with a conversion error at its JSON path', async () => {
    const res = await request(emu, 'POST', emailPath, emailWithContentType('Markdown'));
    expect(res.status).toBe(400);
    // Contract §3.1, layer 1: the JSON path plus `request`. ASP.NET's ModelStateDictionary enumerates its prefix tree
    // breadth first, so the top-level `request` entry precedes the nested `$.…` path (see expectLayerOneKeys).
    expectLayerOneKeys(res.json.errors, '$.recipientEmail.emailSettings.contentType');
    expect(res.json.errors['$.recipientEmail.emailSettings.contentType'][0]).toMatch(/^The JSON value could not be converted to /); // contract §3.1
    expect(res.json.errors.request).toEqual(['The request field is required.']); // contract §3.1
  });

  it('tells a missing key (layer 1) from a null value (layer 2)', async () => {
    const missing = smsBody();
    delete (missing.recipientSms as Record<string, unknown>).phoneNumber;
    const a = await request(emu, 'POST', smsPath, missing);
    expect(a.status).toBe(400);
    // Contract §3.1 (layer 1) and §4.4: nested missing key → `$.recipientSms` + `request`.
    expect(a.json.errors).toEqual({
      '$.recipientSms': [
        "JSON deserialization for type 'Altinn.Notifications.Models.Sms.ShortMessageDeliveryDetailsExt' was missing required properties including: 'phoneNumber'.",
      ],
      request: ['The request field is required.'],
    });

    const asNull = smsBody();
    (asNull.recipientSms as Record<string, unknown>).phoneNumber = null;
    const b = await request(emu, 'POST', smsPath, asNull);
    expect(b.status).toBe(400);
    // Contract §3.1, layer 2.
    expect(b.json.errors).toEqual({ 'RecipientSms.PhoneNumber': ['The PhoneNumber field is required.'] });
  });

  it('rejects malformed JSON with a $-rooted key and request', async () => {
    const res = await request(emu, 'POST', smsPath, '{"idempotencyId": "x", "recipientSms": {');
    expect(res.status).toBe(400);
    const path = Object.keys(res.json.errors).find((k) => k !== 'request');
    expect(path).toMatch(/^\$/);
    expectLayerOneKeys(res.json.errors, path!);
    expect(res.json.errors.request).toEqual(['The request field is required.']); // contract §3.1
  });

  it('rejects a trailing comma', async () => {
    const text = JSON.stringify(smsBody(), null, 1).replace(/\n\}$/, ',\n}');
    expect(text.endsWith(',\n}')).toBe(true);
    const res = await request(emu, 'POST', smsPath, text);
    expect(res.status).toBe(400);
    const path = Object.keys(res.json.errors).find((k) => k !== 'request');
    expect(path).toMatch(/^\$/);
    expectLayerOneKeys(res.json.errors, path!);
    expect(res.json.errors.request).toEqual(['The request field is required.']); // contract §3.1
  });

  it('rejects a comment', async () => {
    const res = await request(emu, 'POST', smsPath, `/* hi */ ${JSON.stringify(smsBody())}`);
    expect(res.status).toBe(400);
    expect(await listMessages(emu)).toHaveLength(0);
  });

  it('ignores unknown properties', async () => {
    const res = await request(
      emu,
      'POST',
      smsPath,
      smsBody({ requestedSendTime: '2030-01-01T00:00:00Z', somethingElse: { deep: [1, 2, 3] } }),
    );
    expect(res.status, res.text).toBe(201);
    expect(await listMessages(emu)).toHaveLength(1);
  });
});
