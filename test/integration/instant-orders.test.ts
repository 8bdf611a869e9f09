import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { deprecatedPath, emailBody, emailPath, jwt, request, smsBody, smsPath, start, tempDir } from '../support/emulator.js';
import { createScope, guidPattern, listMessages, messageOfOrder, rawRequest, traceIdPattern } from './helpers.js';

type Emulator = Awaited<ReturnType<typeof start>>;

function deprecatedBody(overrides: Record<string, unknown> = {}) {
  const { recipientSms, ...rest } = smsBody();
  return { ...rest, recipient: { recipientSms }, ...overrides };
}

function smsWith(recipient: Partial<{ phoneNumber: string; timeToLiveInSeconds: number; sender: string | null; body: string }>, overrides: Record<string, unknown> = {}) {
  return smsBody({
    recipientSms: {
      phoneNumber: recipient.phoneNumber ?? '+4799999999',
      timeToLiveInSeconds: recipient.timeToLiveInSeconds ?? 300,
      smsSettings: { sender: recipient.sender === undefined ? 'Altinn' : recipient.sender, body: recipient.body ?? 'Your code is 123456' },
    },
    ...overrides,
  });
}

function emailWith(settings: Record<string, unknown>, overrides: Record<string, unknown> = {}, address = 'user@example.com') {
  return emailBody({
    recipientEmail: {
      emailAddress: address,
      emailSettings: { subject: 'Your code', body: 'Code: 123456', contentType: 'Plain', ...settings },
    },
    ...overrides,
  });
}

const orgToken = (org: string) => ({ Authorization: `Bearer ${jwt({ scope: createScope, 'urn:altinn:org': org })}` });

let emu: Emulator;
beforeEach(async () => {
  emu = await start();
});
afterEach(async () => {
  await emu?.close();
});

describe('a new instant order (201)', () => {
  it('answers with two distinct lowercase GUIDs, the sendersReference and a Location on the emulator base URL', async () => {
    const res = await request(emu, 'POST', smsPath, smsBody({ sendersReference: 'otp-login-1234' }));
    expect(res.status).toBe(201);
    expect(Object.keys(res.json)).toEqual(['notificationOrderId', 'notification']);
    expect(res.json.notificationOrderId).toMatch(guidPattern);
    expect(res.json.notification.shipmentId).toMatch(guidPattern);
    expect(res.json.notificationOrderId).not.toBe(res.json.notification.shipmentId);
    expect(res.json.notification.sendersReference).toBe('otp-login-1234');
    // Product §1.6: the emulator's own base URL and the real path (contract §4.2).
    expect(res.headers.get('Location')).toBe(`${emu.url}/notifications/api/v1/orders/chain/${res.json.notificationOrderId}`);
  });

  it('omits sendersReference when it is null or absent', async () => {
    const asNull = await request(emu, 'POST', smsPath, smsBody({ sendersReference: null }));
    expect(asNull.status).toBe(201);
    expect(Object.keys(asNull.json.notification)).toEqual(['shipmentId']);
    const { sendersReference: _omit, ...absentBody } = smsBody();
    const absent = await request(emu, 'POST', smsPath, absentBody);
    expect(absent.status).toBe(201);
    expect(Object.keys(absent.json.notification)).toEqual(['shipmentId']);
  });

  it('echoes an empty sendersReference as ""', async () => {
    const res = await request(emu, 'POST', emailPath, emailBody({ sendersReference: '' }));
    expect(res.status).toBe(201);
    expect(res.json.notification).toHaveProperty('sendersReference', '');
  });

  it('writes indented JSON', async () => {
    const res = await request(emu, 'POST', smsPath, smsBody());
    expect(res.status).toBe(201);
    expect(res.text).toBe(JSON.stringify(res.json, null, 2));
    expect(res.text).toContain('\n  "notificationOrderId"');
  });

  it('has the same shape on the email and the deprecated route', async () => {
    for (const [path, body] of [
      [emailPath, emailBody({ sendersReference: 'r' })],
      [deprecatedPath, deprecatedBody({ sendersReference: 'r' })],
    ] as const) {
      const res = await request(emu, 'POST', path, body);
      expect(res.status, path).toBe(201);
      expect(res.json.notificationOrderId).toMatch(guidPattern);
      expect(res.json.notification).toEqual({ shipmentId: expect.stringMatching(guidPattern), sendersReference: 'r' });
      expect(res.headers.get('Location')).toBe(`${emu.url}/notifications/api/v1/orders/chain/${res.json.notificationOrderId}`);
    }
  });
});

describe('idempotent replays (200)', () => {
  it('answers a replay on every route with the original ids and sendersReference and no Location', async () => {
    const first = await request(emu, 'POST', deprecatedPath, deprecatedBody({ idempotencyId: 'shared-1', sendersReference: 'original' }));
    expect(first.status).toBe(201);
    const expected = {
      notificationOrderId: first.json.notificationOrderId,
      notification: { shipmentId: first.json.notification.shipmentId, sendersReference: 'original' },
    };
    for (const [path, body] of [
      [smsPath, smsBody({ idempotencyId: 'shared-1', sendersReference: 'other' })],
      [emailPath, emailBody({ idempotencyId: 'shared-1', sendersReference: 'other' })],
      [deprecatedPath, deprecatedBody({ idempotencyId: 'shared-1', sendersReference: null })],
    ] as const) {
      const replay = await request(emu, 'POST', path, body);
      expect(replay.status, path).toBe(200);
      expect(replay.json).toEqual(expected);
      expect(replay.headers.get('Location'), path).toBeNull();
    }
    expect(await listMessages(emu)).toHaveLength(1);
  });

  it('scopes idempotency by org: another org sending the same idempotencyId gets a new order', async () => {
    const mine = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'org-scoped' }));
    expect(mine.status).toBe(201);
    const theirs = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'org-scoped' }), orgToken('digdir'));
    expect(theirs.status).toBe(201);
    expect(theirs.json.notificationOrderId).not.toBe(mine.json.notificationOrderId);
    const again = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'org-scoped' }), orgToken('digdir'));
    expect(again.status).toBe(200);
    expect(again.json.notificationOrderId).toBe(theirs.json.notificationOrderId);
  });

  it('compares idempotencyId exactly: case and surrounding spaces make another id', async () => {
    expect((await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'abc' }))).status).toBe(201);
    expect((await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'ABC' }))).status).toBe(201);
    expect((await request(emu, 'POST', smsPath, smsBody({ idempotencyId: ' abc' }))).status).toBe(201);
    expect((await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'abc ' }))).status).toBe(201);
    expect((await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'abc' }))).status).toBe(200);
    expect(await listMessages(emu)).toHaveLength(4);
  });

  it('validates a replay before looking it up', async () => {
    expect((await request(emu, 'POST', emailPath, emailBody({ idempotencyId: 'val-first' }))).status).toBe(201);
    const res = await request(emu, 'POST', emailPath, emailWith({ subject: '' }, { idempotencyId: 'val-first' }));
    expect(res.status).toBe(400);
    // Contract §3.1, layer 2.
    expect(res.json.errors).toEqual({ 'InstantEmailDetails.EmailSettings.Subject': ['The Subject field is required.'] });
  });

  it.each(['in-memory', 'file'])('answers 50 concurrent first requests with one idempotencyId with one 201 and 49 times 200, all with the same ids, and stores one message (%s store)', async (kind) => {
    let folder: Awaited<ReturnType<typeof tempDir>> | null = null;
    if (kind === 'file') {
      await emu.close();
      folder = await tempDir();
      emu = await start({ data: join(folder.dir, 'db.json') });
    }
    onTestFinished(async () => {
      await emu.close();
      await folder?.remove();
    });
    const body = smsBody({ idempotencyId: 'race' });
    const results = await Promise.all(Array.from({ length: 50 }, () => request(emu, 'POST', smsPath, body)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const ids = new Set(results.map((r) => `${r.json.notificationOrderId}/${r.json.notification.shipmentId}`));
    expect(ids.size).toBe(1);
    expect(await listMessages(emu)).toHaveLength(1);
  });
});

describe('the deprecated route', () => {
  it('accepts the nested body and creates an SMS to the nested phone number', async () => {
    const body = deprecatedBody();
    (body.recipient.recipientSms as { phoneNumber: string }).phoneNumber = '+4790000000';
    const res = await request(emu, 'POST', deprecatedPath, body);
    expect(res.status).toBe(201);
    const message = await messageOfOrder(emu, res.json.notificationOrderId);
    expect(message.channel).toBe('sms'); // product §2
    expect(message.to).toEqual(['+4790000000']);
  });
});

describe('the stored message of an accepted order', () => {
  it('records an SMS with channel, source, raw recipient, sender, order, statuses and expiry', async () => {
    const res = await request(emu, 'POST', smsPath, smsWith({ phoneNumber: '004799999999', timeToLiveInSeconds: 600, sender: 'MyBank' }, { idempotencyId: 'stored-sms', sendersReference: 'ref-s' }));
    expect(res.status).toBe(201);
    const m = await messageOfOrder(emu, res.json.notificationOrderId);
    // Product §2: channel, source `api`, recipients as submitted.
    expect(m.channel).toBe('sms');
    expect(m.source).toBe('api');
    expect(m.to).toEqual(['004799999999']);
    expect(m.from).toBe('MyBank');
    expect(m.body).toBe('Your code is 123456');
    expect(m.order).toMatchObject({
      notificationOrderId: res.json.notificationOrderId,
      shipmentId: res.json.notification.shipmentId,
      idempotencyId: 'stored-sms',
      sendersReference: 'ref-s',
      org: 'ttd', // product §1.4: the default org without credentials
    });
    // Contract §7.3 status names; product §2 life cycle of an online phone with no delivery delay.
    expect(m.status).toBe('SMS_Delivered');
    expect(m.statusHistory.map((s: { status: string }) => s.status)).toEqual(['SMS_Sending', 'SMS_Accepted', 'SMS_Delivered']);
    // Contract §6: expiry = created + ttl.
    expect(Date.parse(m.expiresAt) - Date.parse(m.createdAt)).toBe(600_000);
  });

  it('records an email with its subject, content type, Email statuses and a 48-hour expiry', async () => {
    const res = await request(emu, 'POST', emailPath, emailWith({ senderEmailAddress: 'sender@altinn.no' }, { idempotencyId: 'stored-email' }, 'User@Example.com'));
    expect(res.status).toBe(201);
    const m = await messageOfOrder(emu, res.json.notificationOrderId);
    // Product §2: channel, source `api`, recipients as submitted.
    expect(m.channel).toBe('email');
    expect(m.source).toBe('api');
    expect(m.to).toEqual(['User@Example.com']);
    expect(m.from).toBe('sender@altinn.no');
    expect(m.subject).toBe('Your code');
    expect(m.contentType).toBe('Plain'); // contract §2.2
    // Product §1.4: `ttd` is the default org without credentials.
    expect(m.order).toMatchObject({ idempotencyId: 'stored-email', org: 'ttd', shipmentId: res.json.notification.shipmentId });
    // Contract §7.3 status names; product §2 mailbox life cycle.
    expect(m.status).toBe('Email_Delivered');
    expect(m.statusHistory.map((s: { status: string }) => s.status)).toEqual(['Email_Sending', 'Email_Succeeded', 'Email_Delivered']);
    // Contract §6: instant email expiry is fixed at created + 48 h.
    expect(Date.parse(m.expiresAt) - Date.parse(m.createdAt)).toBe(48 * 3600 * 1000);
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['whitespace', '   '],
  ])('uses the default SMS sender Altinn for a %s sender', async (_label, sender) => {
    const res = await request(emu, 'POST', smsPath, smsWith({ sender }));
    expect(res.status).toBe(201);
    // Contract §2.1: null/empty/whitespace sender → "Altinn".
    expect((await messageOfOrder(emu, res.json.notificationOrderId)).from).toBe('Altinn');
  });

  it('uses the default email sender noreply@altinn.cloud for a null or absent senderEmailAddress', async () => {
    const asNull = await request(emu, 'POST', emailPath, emailWith({ senderEmailAddress: null }));
    expect(asNull.status).toBe(201);
    // Contract §2.2: null/absent senderEmailAddress → "noreply@altinn.cloud".
    expect((await messageOfOrder(emu, asNull.json.notificationOrderId)).from).toBe('noreply@altinn.cloud');
    const absent = await request(emu, 'POST', emailPath, emailWith({}));
    expect(absent.status).toBe(201);
    // Contract §2.2.
    expect((await messageOfOrder(emu, absent.json.notificationOrderId)).from).toBe('noreply@altinn.cloud');
  });
});

describe('warnings on stored messages', () => {
  it('adds idempotency-payload-mismatch to the original message once, however many replays carry another payload', async () => {
    const firstBody = smsWith({ body: 'first' }, { idempotencyId: 'mismatch' });
    const first = await request(emu, 'POST', smsPath, firstBody);
    expect(first.status).toBe(201);
    expect((await messageOfOrder(emu, first.json.notificationOrderId)).warnings).toEqual([]);
    // An identical replay is not a mismatch.
    expect((await request(emu, 'POST', smsPath, firstBody)).status).toBe(200);
    expect((await messageOfOrder(emu, first.json.notificationOrderId)).warnings).toEqual([]);
    expect((await request(emu, 'POST', smsPath, smsWith({ body: 'second' }, { idempotencyId: 'mismatch' }))).status).toBe(200);
    expect((await request(emu, 'POST', smsPath, smsWith({ body: 'second' }, { idempotencyId: 'mismatch' }))).status).toBe(200);
    expect((await request(emu, 'POST', smsPath, smsWith({ phoneNumber: '+4740000001' }, { idempotencyId: 'mismatch' }))).status).toBe(200);
    const warnings = (await messageOfOrder(emu, first.json.notificationOrderId)).warnings as { code: string }[];
    // Product §1.3: a replay with a different payload warns on the original message.
    expect(warnings.map((w) => w.code)).toEqual(['idempotency-payload-mismatch']);
    expect(await listMessages(emu)).toHaveLength(1);
  });

  it('adds idempotency-payload-mismatch once even when the mismatching replays come through different routes', async () => {
    const first = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'mismatch-routes' }));
    expect(first.status).toBe(201);
    expect((await request(emu, 'POST', emailPath, emailBody({ idempotencyId: 'mismatch-routes' }))).status).toBe(200);
    expect((await request(emu, 'POST', deprecatedPath, deprecatedBody({ idempotencyId: 'mismatch-routes', sendersReference: 'x' }))).status).toBe(200);
    expect((await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'mismatch-routes', sendersReference: 'y' }))).status).toBe(200);
    const warnings = (await messageOfOrder(emu, first.json.notificationOrderId)).warnings as { code: string }[];
    // Product §1.3.
    expect(warnings.filter((w) => w.code === 'idempotency-payload-mismatch')).toHaveLength(1);
  });

  it('accepts a landline and warns recipient-not-mobile', async () => {
    const res = await request(emu, 'POST', smsPath, smsWith({ phoneNumber: '+4722225555' }));
    // Contract §3.2: IsValidNumber ignores the number type, so a landline passes.
    expect(res.status).toBe(201);
    const warnings = (await messageOfOrder(emu, res.json.notificationOrderId)).warnings as { code: string }[];
    // Product §1.3: a recipient that passes validation but is not a mobile number.
    expect(warnings.map((w) => w.code)).toContain('recipient-not-mobile');
  });

  it('does not warn recipient-not-mobile for a mobile number', async () => {
    const res = await request(emu, 'POST', smsPath, smsWith({ phoneNumber: '+4740000001' }));
    expect(res.status).toBe(201);
    const warnings = (await messageOfOrder(emu, res.json.notificationOrderId)).warnings as { code: string }[];
    // Product §1.3.
    expect(warnings.map((w) => w.code)).not.toContain('recipient-not-mobile');
  });
});

describe('framework statuses', () => {
  it('answers 415 to a text/plain body', async () => {
    const res = await request(emu, 'POST', smsPath, JSON.stringify(smsBody()), { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.json.type).toBe('https://tools.ietf.org/html/rfc9110#section-15.5.16'); // contract §4.7
    expect(res.json.title).toBe('Unsupported Media Type'); // contract §4.7
    expect(res.json.status).toBe(415);
    expect(res.json.traceId).toMatch(traceIdPattern);
    expect(await listMessages(emu)).toHaveLength(0);
  });

  it('answers 415 to a body without a content type', async () => {
    const res = await rawRequest(emu, { method: 'POST', path: emailPath, body: Buffer.from(JSON.stringify(emailBody())) });
    expect(res.status).toBe(415);
    const json = JSON.parse(res.text);
    expect(json.type).toBe('https://tools.ietf.org/html/rfc9110#section-15.5.16'); // contract §4.7
    expect(json.title).toBe('Unsupported Media Type'); // contract §4.7
    expect(json.status).toBe(415);
    expect(await listMessages(emu)).toHaveLength(0);
  });

  it('answers 405 with an empty body to GET on a POST route', async () => {
    const res = await request(emu, 'GET', smsPath);
    expect(res.status).toBe(405);
    expect(res.text).toBe(''); // contract §4.7: empty body
  });

  it('answers 404 with an empty body to an unknown path', async () => {
    const res = await request(emu, 'POST', '/notifications/api/v1/future/orders/instant/fax', smsBody());
    expect(res.status).toBe(404);
    expect(res.text).toBe(''); // contract §4.7: empty body
    const other = await request(emu, 'GET', '/notifications/api/v1/nothing-here');
    expect(other.status).toBe(404);
    expect(other.text).toBe(''); // contract §4.7: empty body
  });

  it('answers 415 to a charset the JSON formatter cannot read, and reads a UTF-16 body', async () => {
    // contract §4.7: ASP.NET's JSON input formatter reads UTF-8 and UTF-16 only
    const latin1 = await request(emu, 'POST', smsPath, smsBody(), { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    const utf8 = await request(emu, 'POST', smsPath, smsBody(), { 'content-type': 'application/json; charset="UTF-8"' });
    expect(utf8.status).toBe(201);
    const body = smsBody({ idempotencyId: 'utf-16 æøå' });
    const utf16 = await rawRequest(emu, {
      method: 'POST',
      path: smsPath,
      headers: { 'content-type': 'application/json; charset=utf-16' },
      body: Buffer.from(JSON.stringify(body), 'utf16le'),
    });
    expect(utf16.status).toBe(201);
    const stored = await messageOfOrder(emu, JSON.parse(utf16.text).notificationOrderId);
    expect(stored.order.idempotencyId).toBe('utf-16 æøå');
  });

  it('answers HEAD and OPTIONS on emulated routes with an empty 405, as ASP.NET does', async () => {
    for (const [method, path, allow] of [
      ['OPTIONS', smsPath, 'POST'],
      ['HEAD', smsPath, 'POST'],
      ['HEAD', '/notifications/api/v1/future/shipment/feed', 'GET'],
    ]) {
      const res = await rawRequest(emu, { method, path });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(res.text).toBe('');
    }
  });

  it('matches route paths case-insensitively and with a trailing slash', async () => {
    const upper = await request(emu, 'POST', '/Notifications/API/V1/Future/Orders/Instant/SMS', smsBody());
    expect(upper.status).toBe(201);
    const slash = await request(emu, 'POST', `${emailPath}/`, emailBody());
    expect(slash.status).toBe(201);
    const deprecatedSlash = await request(emu, 'POST', `${deprecatedPath.toUpperCase()}/`, deprecatedBody());
    expect(deprecatedSlash.status).toBe(201);
    expect(await listMessages(emu)).toHaveLength(3);
  });
});
