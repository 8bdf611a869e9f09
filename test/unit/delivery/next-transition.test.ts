import { describe, expect, it } from 'vitest';
import { nextTransition, type DeliverySettings, type TransitionSubject } from '../../../emulator/delivery/next-transition.js';
import type { PhoneState } from '../../../emulator/store/message.js';

const t0 = Date.parse('2026-05-01T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const settings: DeliverySettings = { deliveryDelayMs: 0, sweepOffsetMs: 300_000, operatorExpiryReports: true };

function sms(status: string, extra: Partial<TransitionSubject> = {}): TransitionSubject {
  return { source: 'api', channel: 'sms', status, createdAt: iso(t0), expiresAt: iso(t0 + 60_000), fault: null, to: ['+4799999999'], ...extra };
}
function email(status: string, extra: Partial<TransitionSubject> = {}): TransitionSubject {
  return { ...sms(status), channel: 'email', to: ['kari@example.com'], expiresAt: iso(t0 + 48 * 3600_000), ...extra };
}
const offline = (since = t0): Record<string, PhoneState> => ({ '+4799999999': { online: false, since: iso(since) } });
const online = (since: number): Record<string, PhoneState> => ({ '+4799999999': { online: true, since: iso(since) } });

describe('nextTransition', () => {
  it('accepts an SMS at its creation and delivers it after the delay to an online phone', () => {
    expect(nextTransition(sms('SMS_Sending'), {}, settings)).toEqual({ at: t0, status: 'SMS_Accepted' });
    expect(nextTransition(sms('SMS_Accepted'), {}, { ...settings, deliveryDelayMs: 2000 })).toEqual({ at: t0 + 2000, status: 'SMS_Delivered' });
  });

  it('keeps an SMS for an offline phone until the operator reports it expired at expiresAt exactly', () => {
    expect(nextTransition(sms('SMS_Accepted'), offline(), settings)).toEqual({ at: t0 + 60_000, status: 'SMS_Failed_Expired' });
  });

  it('delivers when the phone came online, counting the delay from then, but not after expiresAt', () => {
    expect(nextTransition(sms('SMS_Accepted'), online(t0 + 30_000), settings)).toEqual({ at: t0 + 30_000, status: 'SMS_Delivered' });
    // Landing exactly at expiresAt is still on time; a millisecond later it is ignored, as Altinn ignores late updates.
    expect(nextTransition(sms('SMS_Accepted'), online(t0 + 59_000), { ...settings, deliveryDelayMs: 1000 })?.status).toBe('SMS_Delivered');
    expect(nextTransition(sms('SMS_Accepted'), online(t0 + 59_001), { ...settings, deliveryDelayMs: 1000 })).toEqual({ at: t0 + 60_000, status: 'SMS_Failed_Expired' });
  });

  it("leaves expiry to Altinn's sweep without operator reports: SMS_Failed_TTL once now > expiresAt + offset", () => {
    const sweep = { ...settings, operatorExpiryReports: false };
    expect(nextTransition(sms('SMS_Accepted'), offline(), sweep)).toEqual({ at: t0 + 60_000 + 300_000 + 1, status: 'SMS_Failed_TTL' });
  });

  it('ends a final-status send failure at once and a report failure at the delivery time', () => {
    const fault = (status: string) => ({ ruleId: '1', effect: { type: 'final-status' as const, status: status as never } });
    expect(nextTransition(sms('SMS_Sending', { fault: fault('SMS_Failed_InvalidRecipient') }), {}, settings)).toEqual({ at: t0, status: 'SMS_Failed_InvalidRecipient' });
    expect(nextTransition(sms('SMS_Sending', { fault: fault('SMS_Failed_Rejected') }), {}, settings)).toEqual({ at: t0, status: 'SMS_Accepted' });
    expect(nextTransition(sms('SMS_Accepted', { fault: fault('SMS_Failed_Rejected') }), offline(), { ...settings, deliveryDelayMs: 5 })).toEqual({ at: t0 + 5, status: 'SMS_Failed_Rejected' });
  });

  it('never delivers with never-deliver: an SMS expires, an email is swept to Email_Failed_TTL', () => {
    const fault = { ruleId: '1', effect: { type: 'never-deliver' as const } };
    expect(nextTransition(sms('SMS_Accepted', { fault }), {}, settings)).toEqual({ at: t0 + 60_000, status: 'SMS_Failed_Expired' });
    expect(nextTransition(email('Email_Succeeded', { fault }), {}, settings)).toEqual({ at: t0 + 48 * 3600_000 + 300_000 + 1, status: 'Email_Failed_TTL' });
  });

  it('walks an email Sending, Succeeded, Delivered whatever the phones say', () => {
    expect(nextTransition(email('Email_Sending'), offline(), settings)).toEqual({ at: t0, status: 'Email_Succeeded' });
    expect(nextTransition(email('Email_Succeeded'), offline(), settings)).toEqual({ at: t0, status: 'Email_Delivered' });
  });

  it('plans nothing for a final status or for SMTP mail', () => {
    expect(nextTransition(sms('SMS_Delivered'), {}, settings)).toBeNull();
    expect(nextTransition(sms('SMS_Failed_Expired'), {}, settings)).toBeNull();
    expect(nextTransition(email('Received', { source: 'smtp', expiresAt: null }), {}, settings)).toBeNull();
  });

  it('finds the phone by its normalised number', () => {
    expect(nextTransition(sms('SMS_Accepted', { to: ['0047 999 99 999'] }), offline(), settings)?.status).toBe('SMS_Failed_Expired');
  });
});
