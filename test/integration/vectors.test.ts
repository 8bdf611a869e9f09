import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailBody, emailPath, request, smsBody, smsPath, start } from '../support/emulator.js';
import { listMessages, traceIdPattern } from './helpers.js';

interface RequestVector {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  status: number;
  errors?: Record<string, string[]>;
  bodyKeys?: string[];
  headers?: string[];
}

const vectors = JSON.parse(readFileSync(new URL('../../fixtures/contract/vectors.json', import.meta.url), 'utf8')) as {
  requests: RequestVector[];
  idempotency: { name: string; steps: string[] }[];
};

function valueAt(obj: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

describe('the request vectors of vectors.json, in file order against one emulator', () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('has request vectors to run', () => {
    expect(vectors.requests.length).toBeGreaterThan(0);
  });

  for (const [index, vector] of vectors.requests.entries()) {
    it(`vector ${index + 1} "${vector.name}" answers ${vector.status} as the contract says`, async () => {
      const res =
        vector.rawBody !== undefined
          ? await request(emu, vector.method, vector.path, vector.rawBody, { 'content-type': vector.contentType ?? 'application/json' })
          : await request(emu, vector.method, vector.path, vector.body);
      expect(res.status, res.text).toBe(vector.status);

      if (vector.status === 400) {
        // Contract §4.4: ValidationProblemDetails.
        expect(res.json.type).toBe('https://tools.ietf.org/html/rfc9110#section-15.5.1'); // contract §4.4
        expect(res.json.title).toBe('One or more validation errors occurred.'); // contract §4.4
        expect(res.json.status).toBe(400);
        expect(res.json.traceId).toMatch(traceIdPattern);
        // Exact keys, order and messages: contract §3.1 and §4.4, as pinned by vectors.json.
        expect(res.json.errors).toEqual(vector.errors);
        expect(Object.keys(res.json.errors)).toEqual(Object.keys(vector.errors!));
      }

      if (vector.status === 201) {
        for (const key of vector.bodyKeys ?? []) {
          expect(valueAt(res.json, key), `body key ${key}`).toBeDefined();
        }
        for (const header of vector.headers ?? []) {
          expect(res.headers.get(header), `header ${header}`).not.toBeNull();
        }
        // Contract §4.2: Location points at the order chain (a URL Altinn itself does not serve).
        const location = res.headers.get('Location');
        expect(location).not.toBeNull();
        expect(location!.endsWith(`/notifications/api/v1/orders/chain/${res.json.notificationOrderId}`)).toBe(true);
      }
    });
  }
});

describe('the idempotency scenarios of vectors.json', () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(async () => {
    await emu?.close();
  });

  it('lists the two scenarios these tests implement', () => {
    expect(vectors.idempotency.map((s) => s.name)).toEqual([
      'replay returns 200 with the original ids and sendersReference, no Location',
      'validation runs before the lookup',
    ]);
  });

  it('a replay on the email route of an SMS idempotencyId answers 200 with the SMS order ids, its sendersReference and no Location, and sends no email', async () => {
    const first = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'X', sendersReference: 'A' }));
    expect(first.status).toBe(201);
    const replay = await request(emu, 'POST', emailPath, emailBody({ idempotencyId: 'X', sendersReference: 'B' }));
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({
      notificationOrderId: first.json.notificationOrderId,
      notification: { shipmentId: first.json.notification.shipmentId, sendersReference: 'A' },
    });
    expect(replay.headers.get('Location')).toBeNull();
    expect(await listMessages(emu, { channel: 'email' })).toHaveLength(0);
    expect(await listMessages(emu)).toHaveLength(1);
  });

  it('a replay with an invalid body is rejected with 400 rather than answered 200', async () => {
    expect((await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'X' }))).status).toBe(201);
    const body = smsBody({ idempotencyId: 'X' });
    body.recipientSms.timeToLiveInSeconds = 10;
    const res = await request(emu, 'POST', smsPath, body);
    expect(res.status).toBe(400);
    // Contract §3.1, TTL rule.
    expect(res.json.errors).toEqual({ 'RecipientSms.TimeToLiveInSeconds': ['Time-to-live must be between 60 and 172800 seconds (48 hours).'] });
  });
});
