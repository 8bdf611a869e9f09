import { describe, expect, it } from 'vitest';
import { isValidMobileNumber } from '../../../emulator/notifications/validate/is-valid-mobile-number.js';
import { phoneNumberType } from '../../../emulator/notifications/validate/phone-number-type.js';
import { toE164 } from '../../../emulator/notifications/validate/to-e164.js';

describe('isValidMobileNumber', () => {
  it('accepts a valid Norwegian landline, because IsValidNumber ignores the number type (contract §3.2)', () => {
    expect(isValidMobileNumber('+4722225555')).toBe(true);
  });

  it('accepts "00+47…", which becomes "++47…" and still parses (contract §3.2)', () => {
    expect(isValidMobileNumber('00+4799999999')).toBe(true);
  });

  it('accepts a leading 00 in place of + (contract §3.2 step 4)', () => {
    expect(isValidMobileNumber('004799999999')).toBe(true);
  });

  it('rejects leading white space but tolerates trailing white space (contract §3.2 step 2)', () => {
    expect(isValidMobileNumber(' +4799999999')).toBe(false);
    expect(isValidMobileNumber('+4799999999 ')).toBe(true);
  });

  it('rejects a number starting with "++" (contract §3.2 step 3)', () => {
    expect(isValidMobileNumber('++4799999999')).toBe(false);
  });

  it('accepts the lenient formats libphonenumber allows (contract §3.2)', () => {
    expect(isValidMobileNumber('+47 999 99 999')).toBe(true);
    expect(isValidMobileNumber('+1-800-FLOWERS')).toBe(true);
  });

  it('rejects numbers without a country code (contract §3.2 step 2)', () => {
    expect(isValidMobileNumber('99999999')).toBe(false);
    expect(isValidMobileNumber('')).toBe(false);
  });
});

describe('phoneNumberType', () => {
  it('tells a mobile from a landline', () => {
    expect(phoneNumberType('+4799999999')).toBe('mobile');
    expect(phoneNumberType('0047 22 22 55 55')).toBe('fixed-line');
  });

  it('calls a parsable but invalid number "other"', () => {
    expect(phoneNumberType('+4712345678')).toBe('other');
  });

  it('returns null for a value that does not parse', () => {
    expect(phoneNumberType('invalid-phone')).toBeNull();
    expect(phoneNumberType('99999999')).toBeNull();
  });
});

describe('toE164', () => {
  it('normalises the 00 prefix and spaces to E.164', () => {
    expect(toE164('0047 999 99 999')).toBe('+4799999999');
    expect(toE164('004799999999')).toBe('+4799999999');
    expect(toE164('+47 999 99 999')).toBe('+4799999999');
  });

  it('returns null for a value that does not parse', () => {
    expect(toE164('dasdsadSASA')).toBeNull();
    expect(toE164('')).toBeNull();
  });
});
