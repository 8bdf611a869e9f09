import { createRequire } from 'node:module';
import type libphonenumber from 'google-libphonenumber';
import { describe, expect, it } from 'vitest';
import { isValidMobileNumber } from '../../../emulator/notifications/validate/is-valid-mobile-number.js';
import { normalizeLikeCsharp } from '../../../emulator/notifications/validate/normalize-like-csharp.js';
import { toE164 } from '../../../emulator/notifications/validate/to-e164.js';
import { accepted, errorEntries, smsBody, withValue } from './helpers.js';

/**
 * Altinn validates with libphonenumber-csharp 9.0.35; the emulator parses with Google's JS port
 * (google-libphonenumber 3.2.47), which reads text that is not ASCII differently (contract §3.2).
 * `normalizeLikeCsharp` runs the C# steps up to the country code, so the JS port only ever sees
 * "+" and ASCII digits.
 */

const PHONE_MESSAGE = 'Recipient phone number is not a valid mobile number.';
const withPhone = (phoneNumber: string) => withValue(smsBody(), ['recipientSms', 'phoneNumber'], phoneNumber);

describe('a letter that is not ASCII at the end of the number', () => {
  it.each(['é', 'ø', 'Ω', 'Ж', '中', 'ſ'])('is kept by C#\'s trailing trim, so "+4799999999%s" is not valid', (letter) => {
    // `TrimAfterUnwantedChars` keeps `char.IsLetterOrDigit`; the viability pattern allows ASCII letters only.
    expect(isValidMobileNumber(`+4799999999${letter}`)).toBe(false);
    expect(toE164(`+4799999999${letter}`)).toBeNull();
  });

  it('makes the SMS route answer 400 with the phone message, where the JS port alone would accept it', () => {
    expect(errorEntries('sms', withPhone('+4799999999é'))).toEqual([['RecipientSms.PhoneNumber', [PHONE_MESSAGE]]]);
    expect(errorEntries('sms', withPhone('00479999 9999ø'))).toEqual([['RecipientSms.PhoneNumber', [PHONE_MESSAGE]]]);
  });

  it('makes the deprecated route answer 400 too', () => {
    const body = { idempotencyId: 'id', recipient: { recipientSms: withPhone('+4799999999é').recipientSms } };
    expect(errorEntries('deprecated', body)).toEqual([
      ['InstantNotificationRecipient.ShortMessageDeliveryDetails.PhoneNumber', [PHONE_MESSAGE]],
    ]);
  });
});

describe('characters at the end that C# still trims or ignores', () => {
  it.each([
    ['an ASCII letter', '+4799999999a'],
    ['white space', '+4799999999 \t'],
    ['punctuation', '+4799999999!?'],
    ['a superscript digit, which is a number but not a decimal digit', '+4799999999²'],
    ['a combining accent, which is a mark and not a letter', '+4799999999\u0301'],
    ['an astral letter, which is two surrogates to .NET', '+4799999999𝒜'],
  ])('leave the number valid: %s', (_, number) => {
    expect(isValidMobileNumber(number)).toBe(true);
    expect(toE164(number)).toBe('+4799999999');
  });

  it('accept the Kelvin sign like an ASCII letter, because .NET\'s case-insensitive [A-Za-z] matches it', () => {
    // `RegexCaseEquivalences` groups 'K', 'k' and U+212A; the long s U+017F is not grouped with 's'.
    expect(isValidMobileNumber('+4799999999\u212A')).toBe(true);
    expect(isValidMobileNumber('+4799999999\u017F')).toBe(false);
  });
});

describe('decimal digits that are not ASCII', () => {
  it.each([
    ['Devanagari', '+47९९९९९९९९'],
    ['Thai', '+47๙๙๙๙๙๙๙๙'],
    ['Tamil', '+47௯௯௯௯௯௯௯௯'],
    ['Bengali', '+47৯৯৯৯৯৯৯৯'],
    ['Mongolian', '+47᠙᠙᠙᠙᠙᠙᠙᠙'],
    ['full-width', '+47９９９９９９９９'],
    ['Arabic-Indic', '+47٩٩٩٩٩٩٩٩'],
    ['Extended Arabic-Indic', '+47۹۹۹۹۹۹۹۹'],
    ['mixed with ASCII, in the country code too', '+४७99999९९९'],
    ['after a leading 00', '0047९९९९ ९९९९'],
  ])('count as their ASCII digits: %s', (_, number) => {
    expect(isValidMobileNumber(number)).toBe(true);
    expect(toE164(number)).toBe('+4799999999');
  });

  it('accepts such a number through the SMS route and stores it as sent', () => {
    expect(accepted('sms', withPhone('+47९९९९९९९९')).phoneNumber).toBe('+47९९९९९९९९');
  });

  it('gives each digit its own value from zero to nine', () => {
    expect(normalizeLikeCsharp('+४७०१२३४५६७८९')).toBe('+470123456789');
    expect(normalizeLikeCsharp('+47๐๑๒๓๔๕๖๗๘๙')).toBe('+470123456789');
  });

  it('do not include digits outside the Basic Multilingual Plane, which are two surrogates to .NET', () => {
    expect(isValidMobileNumber('+47𝟗𝟗𝟗𝟗𝟗𝟗𝟗𝟗')).toBe(false);
  });

  it('work in an extension, which is then stripped', () => {
    expect(isValidMobileNumber('+4799999999 ext ९')).toBe(true);
    expect(normalizeLikeCsharp('+4799999999 ext ९')).toBe('+4799999999');
  });

  it('are dropped from a vanity number, as C# maps only ASCII letters and digits once there are three letters', () => {
    expect(normalizeLikeCsharp('+1-800-FLOWERS')).toBe('+18003569377');
    expect(normalizeLikeCsharp('+1-८००-FLOWERS')).toBe('+13569377');
    expect(isValidMobileNumber('+1-८००-FLOWERS')).toBe(false);
  });
});

describe('details of .NET\'s regular expressions', () => {
  it('let "$" match before a final line feed, so a number ending in "\\n" before ";isub=" is viable', () => {
    // The JS port's "$" does not, and rejects this one.
    expect(isValidMobileNumber('+4799999999\n;isub=1')).toBe(true);
  });

  it('match the extension labels case-insensitively, Cyrillic included, but only by .NET\'s case pairs', () => {
    expect(isValidMobileNumber('+4799999999 ДОБ 5')).toBe(true);
    expect(isValidMobileNumber('+4799999999 EXT. 5')).toBe(true);
    // U+1C81 upper-cases to 'Д' but does not lower-case to 'д', so .NET does not pair them.
    expect(isValidMobileNumber('+4799999999 \u1C81об 5')).toBe(false);
  });

  it('reject an input longer than 250 characters before looking at it', () => {
    expect(isValidMobileNumber(`+4799999999${' '.repeat(239)}`)).toBe(true);
    expect(isValidMobileNumber(`+4799999999${' '.repeat(240)}`)).toBe(false);
  });
});

describe('ASCII input', () => {
  const require = createRequire(import.meta.url);
  const lib = require('google-libphonenumber') as typeof libphonenumber;
  const util = lib.PhoneNumberUtil.getInstance();
  const facts = (number: libphonenumber.PhoneNumber | null): string =>
    number === null
      ? 'does not parse'
      : `${util.isValidNumber(number)} ${util.getNumberType(number)} ${util.format(number, lib.PhoneNumberFormat.E164)}`;
  const jsPortAlone = (s: string): string => {
    try {
      return facts(util.parse(s));
    } catch {
      return 'does not parse';
    }
  };
  const throughCsharpSteps = (s: string): string => {
    const normalized = normalizeLikeCsharp(s);
    return normalized === null ? 'does not parse' : jsPortAlone(normalized);
  };

  it('gets the same answer as from the JS port alone, for a seeded sample of 3000 numbers without a line feed', () => {
    const pieces = [
      ...'0123456789947+ -().,;:/\\xX#*~=\ttAbKkFLOWERS!?[]_@$%"\'\u00A0',
      'ext', 'ext=', 'extension', 'int', 'anexo', 'tel:', ';isub=', ';phone-context=', ';phone-context=+47',
      ';phone-context=example.com',
    ];
    const starts = ['+47', '+1', '+44', '+', '+4799999999', '+1800', '+233', '++47'];
    let seed = 20250611;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const differences: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let s = starts[random(starts.length)]!;
      for (let k = random(14); k > 0; k--) s += pieces[random(pieces.length)];
      if (jsPortAlone(s) !== throughCsharpSteps(s)) differences.push(s);
    }
    expect(differences).toEqual([]);
  });

  it('keeps every contract example (contract §3.2)', () => {
    for (const number of ['+4740000001', '004740000000', '+4790000000', '004790000002', '+233242426224', '+4799999999']) {
      expect(isValidMobileNumber(number)).toBe(true);
    }
    for (const number of ['40000001', '+4750000004', '+47900000001', '+14790000000', '', 'dasdsadSASA', '+4712345678']) {
      expect(isValidMobileNumber(number)).toBe(false);
    }
  });
});
