import libphonenumber from 'google-libphonenumber';
import { parsePhoneNumber } from './parse-phone-number.js';

export type PhoneNumberKind = 'mobile' | 'fixed-line' | 'fixed-line-or-mobile' | 'other';

/**
 * libphonenumber's type for a number, with the same "+"/"00" handling as the validation rule
 * (contract §3.2). The real API accepts landlines; the emulator uses this to warn about them.
 * Null when the value does not parse.
 */
export function phoneNumberType(s: string): PhoneNumberKind | null {
  const number = parsePhoneNumber(s);
  if (number === null) return null;
  const { PhoneNumberType } = libphonenumber;
  switch (libphonenumber.PhoneNumberUtil.getInstance().getNumberType(number)) {
    case PhoneNumberType.MOBILE:
      return 'mobile';
    case PhoneNumberType.FIXED_LINE:
      return 'fixed-line';
    case PhoneNumberType.FIXED_LINE_OR_MOBILE:
      return 'fixed-line-or-mobile';
    default:
      return 'other';
  }
}
