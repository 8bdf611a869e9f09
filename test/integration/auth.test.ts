import { afterEach, describe, expect, it } from 'vitest';
import { emailBody, emailPath, jwt, request, shipmentPath, smsBody, smsPath, start } from '../support/emulator.js';
import { createScope, listMessages, messageOfOrder } from './helpers.js';

type Emulator = Awaited<ReturnType<typeof start>>;

const running: Emulator[] = [];
async function emulator(options: Parameters<typeof start>[0] = {}): Promise<Emulator> {
  const emu = await start(options);
  running.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;
const bearer = (claims: Record<string, unknown>) => ({ Authorization: `Bearer ${jwt(claims)}` });

async function orgOf(emu: Emulator, res: { status: number; json: any; text: string }): Promise<string> {
  expect(res.status, res.text).toBe(201);
  return (await messageOfOrder(emu, res.json.notificationOrderId)).order.org;
}

describe('lenient auth (the default)', () => {
  it('lets a request without credentials in as org ttd', async () => {
    const emu = await emulator();
    // Product §1.4: the default org is `ttd`.
    expect(await orgOf(emu, await request(emu, 'POST', smsPath, smsBody()))).toBe('ttd');
  });

  it('uses the configured org for a request without credentials', async () => {
    const emu = await emulator({ org: 'nav' });
    expect(await orgOf(emu, await request(emu, 'POST', smsPath, smsBody()))).toBe('nav');
  });

  it('takes the org from urn:altinn:org of a bearer token with the create scope', async () => {
    const emu = await emulator();
    const res = await request(emu, 'POST', smsPath, smsBody(), bearer({ scope: createScope, 'urn:altinn:org': 'digdir', exp: inOneHour() }));
    expect(await orgOf(emu, res)).toBe('digdir');
  });

  it('finds the create scope among several space-separated scopes', async () => {
    const emu = await emulator();
    const res = await request(emu, 'POST', smsPath, smsBody(), bearer({ scope: `altinn:foo ${createScope} altinn:bar`, 'urn:altinn:org': 'skd' }));
    expect(await orgOf(emu, res)).toBe('skd');
  });

  it('honours the urn:altinn:scope claim', async () => {
    const emu = await emulator();
    const res = await request(emu, 'POST', emailPath, emailBody(), bearer({ 'urn:altinn:scope': createScope, 'urn:altinn:org': 'brg' }));
    expect(await orgOf(emu, res)).toBe('brg');
  });

  it('answers 403 with an empty body to a token without the create scope', async () => {
    const emu = await emulator();
    const res = await request(emu, 'POST', smsPath, smsBody(), bearer({ scope: 'altinn:serviceowner/notifications.composedemail.create', 'urn:altinn:org': 'digdir' }));
    expect(res.status).toBe(403);
    expect(res.text).toBe(''); // contract §4.5: empty body
    expect(await listMessages(emu)).toHaveLength(0);
  });

  it('answers 403 before validating the body when the scope is wrong', async () => {
    const emu = await emulator();
    const res = await request(emu, 'POST', smsPath, { idempotencyId: '' }, bearer({ scope: 'altinn:other', 'urn:altinn:org': 'digdir' }));
    expect(res.status).toBe(403);
    expect(res.text).toBe(''); // contract §4.5: empty body
  });

  it('answers 401 with an empty body to an expired token', async () => {
    const emu = await emulator();
    const res = await request(emu, 'POST', smsPath, smsBody(), bearer({ scope: createScope, 'urn:altinn:org': 'digdir', exp: Math.floor(Date.now() / 1000) - 60 }));
    expect(res.status).toBe(401);
    expect(res.text).toBe(''); // contract §4.5: empty body
    expect(await listMessages(emu)).toHaveLength(0);
  });

  it('answers 403 to a valid body from a token with the scope but no org', async () => {
    const emu = await emulator();
    const res = await request(emu, 'POST', smsPath, smsBody(), bearer({ scope: createScope }));
    expect(res.status).toBe(403);
    expect(res.text).toBe(''); // contract §4.5: empty body
    expect(await listMessages(emu)).toHaveLength(0);
  });

  it('answers 400 to an invalid body from a token with the scope but no org, because validation comes first', async () => {
    const emu = await emulator();
    const body = smsBody();
    body.recipientSms.timeToLiveInSeconds = 5;
    const res = await request(emu, 'POST', smsPath, body, bearer({ scope: createScope }));
    expect(res.status).toBe(400);
    // Contract §3.1, TTL rule; §4.1 step 4 comes after validation.
    expect(res.json.errors).toEqual({ 'RecipientSms.TimeToLiveInSeconds': ['Time-to-live must be between 60 and 172800 seconds (48 hours).'] });
  });

  it('takes the org from the iss of a PlatformAccessToken header', async () => {
    const emu = await emulator();
    const res = await request(emu, 'POST', smsPath, smsBody(), { PlatformAccessToken: jwt({ iss: 'platform-app-org', exp: inOneHour() }) });
    expect(await orgOf(emu, res)).toBe('platform-app-org');
  });

  it('prefers the PlatformAccessToken issuer over the bearer token org', async () => {
    const emu = await emulator();
    const res = await request(emu, 'POST', smsPath, smsBody(), {
      ...bearer({ scope: createScope, 'urn:altinn:org': 'digdir' }),
      PlatformAccessToken: jwt({ iss: 'issuer-org' }),
    });
    expect(await orgOf(emu, res)).toBe('issuer-org');
  });

  it('scopes idempotency by the org of the token', async () => {
    const emu = await emulator();
    const a = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'same' }), bearer({ scope: createScope, 'urn:altinn:org': 'org-a' }));
    const b = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'same' }), bearer({ scope: createScope, 'urn:altinn:org': 'org-b' }));
    const aAgain = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'same' }), bearer({ scope: createScope, 'urn:altinn:org': 'org-a' }));
    expect([a.status, b.status, aAgain.status]).toEqual([201, 201, 200]);
    expect(b.json.notificationOrderId).not.toBe(a.json.notificationOrderId);
    expect(aAgain.json.notificationOrderId).toBe(a.json.notificationOrderId);
  });
});

describe('strict auth', () => {
  it('answers 401 with an empty body to a request without a token', async () => {
    const emu = await emulator({ auth: 'strict' });
    const res = await request(emu, 'POST', smsPath, smsBody());
    expect(res.status).toBe(401);
    expect(res.text).toBe(''); // contract §4.5: empty body
    expect(await listMessages(emu)).toHaveLength(0);
  });

  it('answers 401 to a malformed token', async () => {
    const emu = await emulator({ auth: 'strict' });
    for (const token of ['not-a-jwt', 'a.b.c', `${jwt({ scope: createScope }).split('.').slice(0, 2).join('.')}`]) {
      const res = await request(emu, 'POST', smsPath, smsBody(), { Authorization: `Bearer ${token}` });
      expect(res.status, token).toBe(401);
    }
  });

  it('answers 401 before validating the body', async () => {
    const emu = await emulator({ auth: 'strict' });
    const res = await request(emu, 'POST', emailPath, '{');
    expect(res.status).toBe(401);
  });

  it('accepts a token with the create scope and an org', async () => {
    const emu = await emulator({ auth: 'strict' });
    const res = await request(emu, 'POST', smsPath, smsBody(), bearer({ scope: createScope, 'urn:altinn:org': 'digdir', exp: inOneHour() }));
    expect(await orgOf(emu, res)).toBe('digdir');
  });

  it('applies the same rules to GET shipment', async () => {
    const emu = await emulator({ auth: 'strict' });
    const token = bearer({ scope: createScope, 'urn:altinn:org': 'digdir' });
    const created = await request(emu, 'POST', smsPath, smsBody(), token);
    expect(created.status).toBe(201);
    const path = shipmentPath(created.json.notification.shipmentId);

    const anonymous = await request(emu, 'GET', path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toBe(''); // contract §4.5: empty body
    expect((await request(emu, 'GET', path, undefined, { Authorization: 'Bearer garbage' })).status).toBe(401);
    const wrongScope = await request(emu, 'GET', path, undefined, bearer({ scope: 'altinn:other', 'urn:altinn:org': 'digdir' }));
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.text).toBe(''); // contract §4.5: empty body
    const noOrg = await request(emu, 'GET', path, undefined, bearer({ scope: createScope }));
    expect(noOrg.status).toBe(403);
    expect((await request(emu, 'GET', path, undefined, bearer({ scope: createScope, 'urn:altinn:org': 'other-org' }))).status).toBe(404);
    const owner = await request(emu, 'GET', path, undefined, token);
    expect(owner.status).toBe(200);
    expect(owner.json.shipmentId).toBe(created.json.notification.shipmentId);
  });
});
