import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FaultEffect, FaultMatch, FaultRule } from '../../../emulator/delivery/fault-rule.js';
import { faultGroup, matchFaults } from '../../../emulator/delivery/match-faults.js';
import { parseFaultRule } from '../../../emulator/delivery/parse-fault-rule.js';

function rule(effect: FaultEffect, match: FaultMatch = {}, remaining: number | null = null): FaultRule {
  return { id: randomUUID(), match, effect, times: remaining, remaining, hits: 0, createdAt: '2026-07-24T09:30:00.000Z' };
}

/** A stored rule built from a POST body, so the tests also cover what the parser normalises. */
function posted(body: unknown): FaultRule {
  const result = parseFaultRule(body);
  if (!result.ok) throw new Error(result.detail);
  return { id: randomUUID(), ...result.rule, remaining: result.rule.times, hits: 0, createdAt: '2026-07-24T09:30:00.000Z' };
}

const sms = { channel: 'sms', to: '+4799999999', idempotencyId: 'otp-1' } as const;
const email = { channel: 'email', to: 'ola@example.no', idempotencyId: 'mail-1' } as const;
const gateway: FaultEffect = { type: 'gateway-unavailable' };
const never: FaultEffect = { type: 'never-deliver' };
const slow: FaultEffect = { type: 'latency', ms: 2000 };

describe('matchFaults', () => {
  it('finds nothing when there are no rules', () => {
    expect(matchFaults([], sms)).toEqual({ latency: null, gateway: null, fate: null });
  });

  it('applies a rule without a match to every order of either channel', () => {
    const r = rule(gateway);
    expect(matchFaults([r], sms).gateway).toBe(r);
    expect(matchFaults([r], email).gateway).toBe(r);
  });

  it('matches by channel', () => {
    const r = rule(never, { channel: 'email' });
    expect(matchFaults([r], email).fate).toBe(r);
    expect(matchFaults([r], sms).fate).toBeNull();
  });

  it('matches by idempotency id exactly', () => {
    const r = rule(never, { idempotencyId: 'otp-1' });
    expect(matchFaults([r], sms).fate).toBe(r);
    expect(matchFaults([r], { ...sms, idempotencyId: 'OTP-1' }).fate).toBeNull();
    expect(matchFaults([r], { ...sms, idempotencyId: 'otp-1 ' }).fate).toBeNull();
    expect(matchFaults([r], { ...sms, idempotencyId: 'otp-2' }).fate).toBeNull();
  });

  it('matches by recipient, normalised on both sides', () => {
    const phone = posted({ match: { to: '0047 999 99 999' }, effect: 'gateway-unavailable' });
    expect(matchFaults([phone], { ...sms, to: '+4799999999' }).gateway).toBe(phone);
    expect(matchFaults([phone], { ...sms, to: '99999999' }).gateway).toBe(phone);
    expect(matchFaults([phone], { ...sms, to: '004799999999' }).gateway).toBe(phone);
    expect(matchFaults([phone], { ...sms, to: '+4799999998' }).gateway).toBeNull();

    // A rule whose `to` was stored as sent (say, by an older version) still matches its normalised form.
    const raw = rule(gateway, { to: '0047 999 99 999' });
    expect(matchFaults([raw], sms).gateway).toBe(raw);

    const mail = posted({ match: { to: 'Ola@Example.NO' }, effect: 'never-deliver' });
    expect(matchFaults([mail], { ...email, to: ' ola@example.no ' }).fate).toBe(mail);
    expect(matchFaults([mail], { ...email, to: 'OLA@EXAMPLE.NO' }).fate).toBe(mail);
    expect(matchFaults([mail], { ...email, to: 'kari@example.no' }).fate).toBeNull();
  });

  it('needs every given match field to agree', () => {
    const r = posted({ match: { channel: 'sms', to: '+4799999999', idempotencyId: 'otp-1' }, effect: 'never-deliver' });
    expect(matchFaults([r], sms).fate).toBe(r);
    expect(matchFaults([r], { ...sms, channel: 'email' }).fate).toBeNull();
    expect(matchFaults([r], { ...sms, to: '+4791111111' }).fate).toBeNull();
    expect(matchFaults([r], { ...sms, idempotencyId: 'otp-2' }).fate).toBeNull();
  });

  it('applies a final status only to the channel its name belongs to', () => {
    const smsStatus = posted({ effect: { type: 'final-status', status: 'SMS_Failed_Rejected' } });
    const emailStatus = posted({ effect: { type: 'final-status', status: 'Email_Failed_Bounced' } });
    expect(matchFaults([smsStatus, emailStatus], sms).fate).toBe(smsStatus);
    expect(matchFaults([smsStatus, emailStatus], email).fate).toBe(emailStatus);

    // Also when the stored rule carries no channel of its own.
    const bare = rule({ type: 'final-status', status: 'SMS_Failed_Undelivered' });
    expect(matchFaults([bare], sms).fate).toBe(bare);
    expect(matchFaults([bare], email).fate).toBeNull();
  });

  it('takes the oldest matching rule of each group', () => {
    const first = rule({ type: 'latency', ms: 100 });
    const second = rule({ type: 'latency', ms: 200 });
    const g1 = rule(gateway);
    const g2 = rule(gateway);
    const f1 = rule({ type: 'final-status', status: 'SMS_Failed_Rejected' });
    const f2 = rule(never);
    expect(matchFaults([first, second, g1, g2, f1, f2], sms)).toEqual({ latency: first, gateway: g1, fate: f1 });
    expect(matchFaults([f2, f1, g2, g1, second, first], sms)).toEqual({ latency: second, gateway: g2, fate: f2 });
  });

  it('passes over an older rule that does not match for a younger one that does', () => {
    const other = rule(never, { idempotencyId: 'someone-else' });
    const mine = rule({ type: 'final-status', status: 'SMS_Failed_Expired' }, { to: '+4799999999' });
    expect(matchFaults([other, mine], sms).fate).toBe(mine);
  });

  it('gives one rule of each group when all three match', () => {
    const l = rule(slow, { channel: 'sms' });
    const g = rule(gateway, { to: '+4799999999' });
    const f = rule(never, { idempotencyId: 'otp-1' });
    expect(matchFaults([f, g, l], sms)).toEqual({ latency: l, gateway: g, fate: f });
  });

  it('skips exhausted rules and takes the next with uses left', () => {
    const spent = rule(gateway, {}, 0);
    const left = rule(gateway, {}, 1);
    const unlimited = rule(gateway, {}, null);
    expect(matchFaults([spent, left, unlimited], sms).gateway).toBe(left);
    expect(matchFaults([spent, unlimited], sms).gateway).toBe(unlimited);
    expect(matchFaults([spent], sms).gateway).toBeNull();
    expect(matchFaults([rule(gateway, {}, -1)], sms).gateway).toBeNull();
  });

  it('does not change the rules it is given', () => {
    const r = rule(gateway, {}, 2);
    const before = structuredClone(r);
    matchFaults([r], sms);
    expect(r).toEqual(before);
  });
});

describe('faultGroup', () => {
  it('puts latency, gateway failures and fates in their own groups', () => {
    expect(faultGroup(slow)).toBe('latency');
    expect(faultGroup(gateway)).toBe('gateway');
    expect(faultGroup(never)).toBe('fate');
    expect(faultGroup({ type: 'final-status', status: 'Email_Failed_TTL' })).toBe('fate');
  });
});
