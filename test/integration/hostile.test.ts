import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deprecatedPath, emailBody, emailPath, request, smsBody, smsPath, start } from '../support/emulator.js';
import { health, listMessages, rawRequest } from './helpers.js';

type Emulator = Awaited<ReturnType<typeof start>>;

/** mulberry32: a small seeded generator, so a failing garbage body can be reproduced. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('hostile input', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(async () => {
    await emu?.close();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 413 to a body over 30,000,000 bytes and keeps answering afterwards', async () => {
    const res = await rawRequest(emu, {
      method: 'POST',
      path: smsPath,
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(30_000_001, 0x20),
    });
    // Product §10: Kestrel's limit.
    expect(res.status).toBe(413);
    expect((await health(emu)).status).toBe(200);
    expect((await request(emu, 'POST', smsPath, smsBody())).status).toBe(201);
  });

  it('does not let __proto__ or constructor keys pollute prototypes, and validates as usual', async () => {
    const valid = JSON.stringify(smsBody()).slice(0, -1);
    const polluting = `${valid},"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`;
    const accepted = await request(emu, 'POST', smsPath, polluting);
    expect(accepted.status, accepted.text).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const nested = JSON.stringify(
      emailBody({ recipientEmail: { emailAddress: 'user@example.com', emailSettings: { subject: 's', body: 'b', contentType: 'Plain' } } }),
    ).replace('"emailSettings":{', '"emailSettings":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},');
    expect((await request(emu, 'POST', emailPath, nested)).status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // A body that is only prototype keys is missing every required key (contract §3.1, layer 1).
    const onlyProto = await request(emu, 'POST', smsPath, '{"__proto__":{"idempotencyId":"x","polluted":"yes"}}');
    expect(onlyProto.status).toBe(400);
    expect(Object.keys(onlyProto.json.errors)).toEqual(['$', 'request']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // An idempotencyId that is a prototype name is an ordinary id.
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect((await request(emu, 'POST', smsPath, smsBody({ idempotencyId: id }))).status, id).toBe(201);
      expect((await request(emu, 'POST', smsPath, smsBody({ idempotencyId: id }))).status, id).toBe(200);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 to deeply nested JSON instead of crashing', async () => {
    for (const text of [
      '['.repeat(100_000),
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"idempotencyId":' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + '}',
      JSON.stringify(smsBody()).slice(0, -1) + ',"extra":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}',
    ]) {
      const res = await request(emu, 'POST', smsPath, text);
      expect(res.status, text.slice(0, 40)).toBe(400);
      expect(res.json.status).toBe(400);
    }
    expect((await health(emu)).status).toBe(200);
  });

  it('answers 400 to invalid UTF-8 bytes, whether inside a string or between tokens', async () => {
    const json = Buffer.from(JSON.stringify(smsBody({ idempotencyId: 'utf8-PLACEHOLDER' })));
    const at = json.indexOf('PLACEHOLDER');
    const inString = Buffer.concat([json.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3]), json.subarray(at + 'PLACEHOLDER'.length)]);
    const betweenTokens = Buffer.concat([Buffer.from([0xef, 0xbb]), json]);
    const statuses: Record<string, number> = {};
    for (const [name, body] of Object.entries({ inString, betweenTokens, onlyInvalid: Buffer.from([0xc0, 0x80, 0xff]) })) {
      const res = await rawRequest(emu, { method: 'POST', path: smsPath, headers: { 'content-type': 'application/json' }, body });
      statuses[name] = res.status;
    }
    // System.Text.Json reads UTF-8 and rejects invalid sequences (contract §2.4: malformed JSON → 400; product §10).
    expect(statuses).toEqual({ inString: 400, betweenTokens: 400, onlyInvalid: 400 });
    expect(await listMessages(emu)).toHaveLength(0);
  });

  it('refuses a Host header that is not a loopback name with 403', async () => {
    const res = await rawRequest(emu, { method: 'GET', path: '/_emulator/messages', headers: { Host: 'evil.example' } });
    expect(res.status).toBe(403);
    const post = await rawRequest(emu, {
      method: 'POST',
      path: smsPath,
      headers: { Host: 'evil.example:5090', 'content-type': 'application/json' },
      body: JSON.stringify(smsBody()),
    });
    expect(post.status).toBe(403);
    expect(await listMessages(emu)).toHaveLength(0);
    const local = await rawRequest(emu, { method: 'GET', path: '/_emulator/health', headers: { Host: 'localhost:5090' } });
    expect(local.status).toBe(200);
  });
});

describe('random garbage bodies', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(async () => {
    await emu?.close();
  });

  const random = seeded(20260724);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const templates = [JSON.stringify(smsBody({ idempotencyId: 'fuzz' })), JSON.stringify(emailBody({ idempotencyId: 'fuzz' }))];
  const alphabet = '{}[]":,.-+eE0123456789 \n\t\\/abcnrtfu\u00e6\u0000\uffff';

  function randomJsonValue(depth: number): unknown {
    const kind = Math.floor(random() * (depth > 3 ? 5 : 7));
    switch (kind) {
      case 0: return null;
      case 1: return random() < 0.5;
      case 2: return pick([0, -1, 1e308, 2 ** 31, -(2 ** 31) - 1, 300.5, 60, 172800]);
      case 3: return pick(['', ' ', '+4799999999', 'user@example.com', 'Plain', 'html', '\u0000', 'x'.repeat(1000)]);
      case 4: return pick(['idempotencyId', 'recipientSms', '__proto__']);
      case 5: return Array.from({ length: Math.floor(random() * 4) }, () => randomJsonValue(depth + 1));
      default: {
        const keys = ['idempotencyId', 'sendersReference', 'recipientSms', 'recipientEmail', 'recipient', 'phoneNumber', 'timeToLiveInSeconds', 'smsSettings', 'emailSettings', 'emailAddress', 'subject', 'body', 'sender', 'contentType', 'senderEmailAddress', '__proto__', 'constructor'];
        const out: Record<string, unknown> = {};
        for (let i = Math.floor(random() * 6); i > 0; i--) Object.defineProperty(out, pick(keys), { value: randomJsonValue(depth + 1), enumerable: true, configurable: true, writable: true });
        return out;
      }
    }
  }

  function garbage(i: number): Buffer {
    switch (i % 4) {
      case 0: {
        const bytes = Buffer.alloc(Math.floor(random() * 200));
        for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
        return bytes;
      }
      case 1: {
        // A valid template with a few characters replaced, inserted or cut.
        const chars = [...pick(templates)];
        for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
          const at = Math.floor(random() * chars.length);
          const op = random();
          if (op < 0.4) chars[at] = pick([...alphabet]);
          else if (op < 0.7) chars.splice(at, 0, pick([...alphabet]));
          else chars.splice(at, 1);
        }
        return Buffer.from(chars.join(''));
      }
      case 2:
        return Buffer.from(pick(templates).slice(0, Math.floor(random() * 200)));
      default:
        return Buffer.from(JSON.stringify(randomJsonValue(0)) ?? '');
    }
  }

  it('never answers 5xx to 400 seeded garbage bodies and keeps answering health', async () => {
    const paths = [smsPath, emailPath, deprecatedPath];
    const failures: string[] = [];
    for (let batch = 0; batch < 40; batch++) {
      const bodies = Array.from({ length: 10 }, (_, k) => garbage(batch * 10 + k));
      const results = await Promise.all(
        bodies.map(async (body) => {
          const res = await rawRequest(emu, { method: 'POST', path: pick(paths), headers: { 'content-type': 'application/json' }, body });
          return { body, status: res.status };
        }),
      );
      for (const { body, status } of results) {
        if (status >= 500 || status < 200) failures.push(`${status}: ${body.toString('base64')}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await health(emu)).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
