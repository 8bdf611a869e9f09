import { describe, expect, it } from 'vitest';
import { failureStatuses } from '../../../emulator/delivery/fault-rule.js';
import { parseFaultRule } from '../../../emulator/delivery/parse-fault-rule.js';

/** Parses as the route will: from JSON text, so `__proto__` arrives as an ordinary key. */
function parseJson(json: string) {
  return parseFaultRule(JSON.parse(json));
}

function ruleOf(body: unknown) {
  const result = parseFaultRule(body);
  if (!result.ok) throw new Error(`expected a rule, got: ${result.detail}`);
  return result.rule;
}

function detailOf(body: unknown): string {
  const result = parseFaultRule(body);
  if (result.ok) throw new Error(`expected a refusal, got: ${JSON.stringify(result.rule)}`);
  return result.detail;
}

describe('parseFaultRule accepts', () => {
  it('the example of the design: a one-time final status for one recipient and idempotency id', () => {
    expect(ruleOf({
      match: { channel: 'sms', to: '+4799999999', idempotencyId: 'otp-1' },
      effect: { type: 'final-status', status: 'SMS_Failed_Rejected' },
      times: 1,
    })).toEqual({
      match: { channel: 'sms', to: '+4799999999', idempotencyId: 'otp-1' },
      effect: { type: 'final-status', status: 'SMS_Failed_Rejected' },
      times: 1,
    });
  });

  it('the parameterless effects as a string or as an object, with no match and no limit', () => {
    for (const type of ['gateway-unavailable', 'never-deliver'] as const) {
      expect(ruleOf({ effect: type })).toEqual({ match: {}, effect: { type }, times: null });
      expect(ruleOf({ effect: { type } })).toEqual({ match: {}, effect: { type }, times: null });
    }
  });

  it('a latency as milliseconds or as a duration string, up to 10 minutes', () => {
    expect(ruleOf({ effect: { type: 'latency', ms: 2000 } }).effect).toEqual({ type: 'latency', ms: 2000 });
    expect(ruleOf({ effect: { type: 'latency', ms: '2s' } }).effect).toEqual({ type: 'latency', ms: 2000 });
    expect(ruleOf({ effect: { type: 'latency', ms: '250' } }).effect).toEqual({ type: 'latency', ms: 250 });
    expect(ruleOf({ effect: { type: 'latency', ms: 1 } }).effect).toEqual({ type: 'latency', ms: 1 });
    expect(ruleOf({ effect: { type: 'latency', ms: '10m' } }).effect).toEqual({ type: 'latency', ms: 600_000 });
    expect(ruleOf({ effect: { type: 'latency', ms: 600_000 } }).effect).toEqual({ type: 'latency', ms: 600_000 });
  });

  it('every failure status of both channels, and takes the channel from the status', () => {
    for (const channel of ['sms', 'email'] as const) {
      for (const status of failureStatuses[channel]) {
        expect(ruleOf({ effect: { type: 'final-status', status } })).toEqual({
          match: { channel }, effect: { type: 'final-status', status }, times: null,
        });
      }
    }
    expect(ruleOf({ match: { channel: 'email' }, effect: { type: 'final-status', status: 'Email_Failed_Bounced' } }).match)
      .toEqual({ channel: 'email' });
  });

  it('each match field on its own', () => {
    expect(ruleOf({ match: { channel: 'sms' }, effect: 'never-deliver' }).match).toEqual({ channel: 'sms' });
    expect(ruleOf({ match: { channel: 'email' }, effect: 'never-deliver' }).match).toEqual({ channel: 'email' });
    expect(ruleOf({ match: { to: '+4799999999' }, effect: 'never-deliver' }).match).toEqual({ to: '+4799999999' });
    expect(ruleOf({ match: { idempotencyId: 'otp-1' }, effect: 'never-deliver' }).match).toEqual({ idempotencyId: 'otp-1' });
  });

  it('stores only the normalised recipient: a phone number as E.164, an email address trimmed and lower-cased', () => {
    expect(ruleOf({ match: { to: '0047 999 99 999' }, effect: 'gateway-unavailable' }).match).toEqual({ to: '+4799999999' });
    expect(ruleOf({ match: { to: '99999999' }, effect: 'gateway-unavailable' }).match).toEqual({ to: '+4799999999' });
    expect(ruleOf({ match: { to: '  Ola.Nordmann@Example.NO ' }, effect: 'gateway-unavailable' }).match)
      .toEqual({ to: 'ola.nordmann@example.no' });
  });

  it('an idempotency id exactly as sent, spaces included, as Altinn compares it', () => {
    expect(ruleOf({ match: { idempotencyId: ' Otp-1 ' }, effect: 'never-deliver' }).match).toEqual({ idempotencyId: ' Otp-1 ' });
  });

  it('null for match, its fields and times as if they were left out', () => {
    expect(ruleOf({ match: null, effect: 'never-deliver', times: null })).toEqual({ match: {}, effect: { type: 'never-deliver' }, times: null });
    expect(ruleOf({ match: { channel: null, to: null, idempotencyId: null }, effect: 'never-deliver' }).match).toEqual({});
  });

  it('times as any positive safe integer', () => {
    expect(ruleOf({ effect: 'never-deliver', times: 1 }).times).toBe(1);
    expect(ruleOf({ effect: 'never-deliver', times: 3 }).times).toBe(3);
    expect(ruleOf({ effect: 'never-deliver', times: Number.MAX_SAFE_INTEGER }).times).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('a body read from JSON text', () => {
    expect(parseJson('{"effect":{"type":"latency","ms":"1.5s"},"match":{"channel":"email"},"times":2}')).toEqual({
      ok: true, rule: { match: { channel: 'email' }, effect: { type: 'latency', ms: 1500 }, times: 2 },
    });
  });
});

describe('parseFaultRule refuses', () => {
  it('a body that is not a JSON object', () => {
    const expected = (got: string) => `The fault rule must be a JSON object with "effect" and optionally "match" and "times"; got ${got}.`;
    expect(detailOf(null)).toBe(expected('null'));
    expect(detailOf(undefined)).toBe(expected('nothing'));
    expect(detailOf([])).toBe(expected('an empty array'));
    expect(detailOf([{ effect: 'never-deliver' }])).toBe(expected('an array'));
    expect(detailOf('never-deliver')).toBe(expected('"never-deliver"'));
    expect(detailOf(42)).toBe(expected('42'));
  });

  it('unknown keys at the top level, naming them', () => {
    expect(detailOf({ effect: 'never-deliver', time: 1 }))
      .toBe('Unknown key "time" in the fault rule; allowed: "match", "effect", "times".');
    expect(detailOf({ efect: 'never-deliver', matches: {} }))
      .toBe('Unknown keys "efect", "matches" in the fault rule; allowed: "match", "effect", "times".');
  });

  it('unknown keys in match, naming them', () => {
    expect(detailOf({ match: { phone: '+4799999999' }, effect: 'never-deliver' }))
      .toBe('Unknown key "phone" in "match"; allowed: "channel", "to", "idempotencyId".');
  });

  it('unknown keys in effect, naming them and the type', () => {
    expect(detailOf({ effect: { type: 'never-deliver', ms: 5 } }))
      .toBe('Unknown key "ms" in "effect" of type "never-deliver"; allowed: "type".');
    expect(detailOf({ effect: { type: 'latency', ms: 5, status: 'SMS_Failed' } }))
      .toBe('Unknown key "status" in "effect" of type "latency"; allowed: "type", "ms".');
    expect(detailOf({ effect: { type: 'final-status', status: 'SMS_Failed', ms: 5 } }))
      .toBe('Unknown key "ms" in "effect" of type "final-status"; allowed: "type", "status".');
    expect(detailOf({ effect: { type: 'gateway-unavailable', times: 1 } }))
      .toBe('Unknown key "times" in "effect" of type "gateway-unavailable"; allowed: "type".');
  });

  it('many unknown keys with a short detail that names the first five', () => {
    const body: Record<string, unknown> = { effect: 'never-deliver' };
    for (let i = 0; i < 1000; i++) body[`k${i}`] = i;
    expect(detailOf(body))
      .toBe('Unknown keys "k0", "k1", "k2", "k3", "k4" and 995 more in the fault rule; allowed: "match", "effect", "times".');
  });

  it('__proto__ keys from JSON as unknown keys, without touching any prototype', () => {
    expect(parseJson('{"__proto__":{"effect":"never-deliver"}}')).toEqual({
      ok: false, detail: 'Unknown key "__proto__" in the fault rule; allowed: "match", "effect", "times".',
    });
    expect(parseJson('{"effect":"never-deliver","match":{"__proto__":{"channel":"sms"}}}')).toEqual({
      ok: false, detail: 'Unknown key "__proto__" in "match"; allowed: "channel", "to", "idempotencyId".',
    });
    expect(parseJson('{"effect":{"type":"never-deliver","__proto__":{"polluted":true}}}')).toEqual({
      ok: false, detail: 'Unknown key "__proto__" in "effect" of type "never-deliver"; allowed: "type".',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).channel).toBeUndefined();
  });

  it('inherited properties as if they were absent', () => {
    const inherited = Object.create({ effect: 'never-deliver' }) as object;
    expect(detailOf(inherited)).toMatch(/^"effect" is required/);
    const match = Object.create({ channel: 'bogus' }) as object;
    expect(ruleOf({ match, effect: 'never-deliver' }).match).toEqual({});
  });

  it('a missing effect', () => {
    const expected = '"effect" is required: "gateway-unavailable", "never-deliver", or an object such as {"type": "final-status", "status": "SMS_Failed_Rejected"}.';
    expect(detailOf({})).toBe(expected);
    expect(detailOf({ effect: null })).toBe(expected);
    expect(detailOf({ match: { channel: 'sms' } })).toBe(expected);
  });

  it('an effect string that is not a parameterless effect', () => {
    expect(detailOf({ effect: 'latency' }))
      .toBe('"effect" "latency" needs a duration: send {"type": "latency", "ms": 2000} or {"type": "latency", "ms": "2s"}.');
    expect(detailOf({ effect: 'final-status' }))
      .toBe('"effect" "final-status" needs a status: send {"type": "final-status", "status": "SMS_Failed_Rejected"}.');
    expect(detailOf({ effect: 'explode' }))
      .toBe('"effect" must be "gateway-unavailable", "never-deliver", or an object such as {"type": "latency", "ms": 2000}; got "explode".');
    expect(detailOf({ effect: 'Gateway-Unavailable' }))
      .toBe('"effect" must be "gateway-unavailable", "never-deliver", or an object such as {"type": "latency", "ms": 2000}; got "Gateway-Unavailable".');
  });

  it('an effect of the wrong JSON type', () => {
    expect(detailOf({ effect: 5 })).toBe('"effect" must be a string or an object with "type"; got 5.');
    expect(detailOf({ effect: true })).toBe('"effect" must be a string or an object with "type"; got true.');
    expect(detailOf({ effect: ['never-deliver'] })).toBe('"effect" must be a string or an object with "type"; got an array.');
  });

  it('an effect object without a type or with an unknown one', () => {
    expect(detailOf({ effect: {} }))
      .toBe('"effect.type" is required: one of "gateway-unavailable", "latency", "final-status" or "never-deliver".');
    expect(detailOf({ effect: { ms: 5 } }))
      .toBe('"effect.type" is required: one of "gateway-unavailable", "latency", "final-status" or "never-deliver".');
    expect(detailOf({ effect: { type: 'slow' } }))
      .toBe('"effect.type" must be one of "gateway-unavailable", "latency", "final-status" or "never-deliver"; got "slow".');
    expect(detailOf({ effect: { type: 3 } }))
      .toBe('"effect.type" must be one of "gateway-unavailable", "latency", "final-status" or "never-deliver"; got 3.');
    expect(detailOf({ effect: { type: 'toString' } }))
      .toBe('"effect.type" must be one of "gateway-unavailable", "latency", "final-status" or "never-deliver"; got "toString".');
  });

  it('a latency without a duration', () => {
    const expected = '"effect.ms" is required for a latency effect: milliseconds as a number, or a duration such as "2s".';
    expect(detailOf({ effect: { type: 'latency' } })).toBe(expected);
    expect(detailOf({ effect: { type: 'latency', ms: null } })).toBe(expected);
  });

  it('a latency of zero, below zero, above 10 minutes or not a duration', () => {
    const expected = (got: string) =>
      `"effect.ms" must be a duration above 0 and at most 10 minutes (milliseconds as a number, or a string such as "2s"); got ${got}.`;
    expect(detailOf({ effect: { type: 'latency', ms: 0 } })).toBe(expected('0'));
    expect(detailOf({ effect: { type: 'latency', ms: '0s' } })).toBe(expected('"0s"'));
    expect(detailOf({ effect: { type: 'latency', ms: 0.4 } })).toBe(expected('0.4'));
    expect(detailOf({ effect: { type: 'latency', ms: -5 } })).toBe(expected('-5'));
    expect(detailOf({ effect: { type: 'latency', ms: 600_001 } })).toBe(expected('600001'));
    expect(detailOf({ effect: { type: 'latency', ms: '11m' } })).toBe(expected('"11m"'));
    expect(detailOf({ effect: { type: 'latency', ms: '1h' } })).toBe(expected('"1h"'));
    expect(detailOf({ effect: { type: 'latency', ms: 'soon' } })).toBe(expected('"soon"'));
    expect(detailOf({ effect: { type: 'latency', ms: '' } })).toBe(expected('""'));
    expect(detailOf({ effect: { type: 'latency', ms: true } })).toBe(expected('true'));
    expect(detailOf({ effect: { type: 'latency', ms: { s: 2 } } })).toBe(expected('{"s":2}'));
  });

  it('a final status without a status', () => {
    const expected = `"effect.status" is required for a final-status effect: one of Altinn's failure statuses for sms or email (e.g. SMS_Failed_Rejected).`;
    expect(detailOf({ effect: { type: 'final-status' } })).toBe(expected);
    expect(detailOf({ effect: { type: 'final-status', status: null } })).toBe(expected);
  });

  it('a final status that is not one of the failure statuses', () => {
    const expected = (got: string) =>
      `"effect.status" must be one of Altinn's failure statuses for sms or email (e.g. SMS_Failed_Rejected); got ${got}.`;
    expect(detailOf({ effect: { type: 'final-status', status: 'SMS_Delivered' } })).toBe(expected('"SMS_Delivered"'));
    expect(detailOf({ effect: { type: 'final-status', status: 'Email_Succeeded' } })).toBe(expected('"Email_Succeeded"'));
    expect(detailOf({ effect: { type: 'final-status', status: 'sms_failed_rejected' } })).toBe(expected('"sms_failed_rejected"'));
    expect(detailOf({ effect: { type: 'final-status', status: 'Order_Cancelled' } })).toBe(expected('"Order_Cancelled"'));
    expect(detailOf({ effect: { type: 'final-status', status: 7 } })).toBe(expected('7'));
  });

  it('a final status whose channel disagrees with match.channel', () => {
    expect(detailOf({ match: { channel: 'email' }, effect: { type: 'final-status', status: 'SMS_Failed_Rejected' } }))
      .toBe('"match.channel" is "email", but "SMS_Failed_Rejected" is an sms status; leave "match.channel" out or make it "sms".');
    expect(detailOf({ match: { channel: 'sms' }, effect: { type: 'final-status', status: 'Email_Failed_Bounced' } }))
      .toBe('"match.channel" is "sms", but "Email_Failed_Bounced" is an email status; leave "match.channel" out or make it "email".');
  });

  it('a match that is not an object', () => {
    const expected = (got: string) => `"match" must be an object with any of "channel", "to" and "idempotencyId"; got ${got}.`;
    expect(detailOf({ match: 'sms', effect: 'never-deliver' })).toBe(expected('"sms"'));
    expect(detailOf({ match: ['sms'], effect: 'never-deliver' })).toBe(expected('an array'));
    expect(detailOf({ match: 1, effect: 'never-deliver' })).toBe(expected('1'));
  });

  it('a channel other than sms or email', () => {
    expect(detailOf({ match: { channel: 'SMS' }, effect: 'never-deliver' })).toBe('"match.channel" must be "sms" or "email"; got "SMS".');
    expect(detailOf({ match: { channel: 'push' }, effect: 'never-deliver' })).toBe('"match.channel" must be "sms" or "email"; got "push".');
    expect(detailOf({ match: { channel: 1 }, effect: 'never-deliver' })).toBe('"match.channel" must be "sms" or "email"; got 1.');
  });

  it('a recipient that is not a string, or is empty or blank', () => {
    expect(detailOf({ match: { to: 4799999999 }, effect: 'never-deliver' }))
      .toBe('"match.to" must be a phone number or an email address; got 4799999999.');
    expect(detailOf({ match: { to: ['+4799999999'] }, effect: 'never-deliver' }))
      .toBe('"match.to" must be a phone number or an email address; got an array.');
    for (const blank of ['', '   ', '\t\n']) {
      expect(detailOf({ match: { to: blank }, effect: 'never-deliver' }))
        .toBe('"match.to" must not be empty or blank; leave it out to match every recipient.');
    }
  });

  it('an idempotency id that is not a string, or is empty or blank', () => {
    expect(detailOf({ match: { idempotencyId: 12 }, effect: 'never-deliver' }))
      .toBe('"match.idempotencyId" must be a string; got 12.');
    for (const blank of ['', ' ']) {
      expect(detailOf({ match: { idempotencyId: blank }, effect: 'never-deliver' }))
        .toBe('"match.idempotencyId" must not be empty or blank; leave it out to match every order.');
    }
  });

  it('times that is not a positive safe integer', () => {
    const expected = (got: string) => `"times" must be a positive whole number, or null for no limit; got ${got}.`;
    expect(detailOf({ effect: 'never-deliver', times: 0 })).toBe(expected('0'));
    expect(detailOf({ effect: 'never-deliver', times: -1 })).toBe(expected('-1'));
    expect(detailOf({ effect: 'never-deliver', times: 1.5 })).toBe(expected('1.5'));
    expect(detailOf({ effect: 'never-deliver', times: '1' })).toBe(expected('"1"'));
    expect(detailOf({ effect: 'never-deliver', times: 2 ** 53 })).toBe(expected('9007199254740992'));
    expect(detailOf({ effect: 'never-deliver', times: Number.POSITIVE_INFINITY })).toBe(expected('Infinity'));
  });

  it('with a detail of bounded length however long the offending value', () => {
    const detail = detailOf({ effect: 'x'.repeat(100_000) });
    expect(detail.length).toBeLessThan(200);
    expect(detail).toContain('got "xxxx');
    expect(detail).toContain('...');
    expect(detailOf({ [`${'k'.repeat(10_000)}`]: 1, effect: 'never-deliver' }).length).toBeLessThan(200);
  });

  it('one problem at a time, unknown keys before anything else', () => {
    expect(detailOf({ effect: 'explode', times: 0, extra: 1 }))
      .toBe('Unknown key "extra" in the fault rule; allowed: "match", "effect", "times".');
  });
});
