import { parsePhoneNumber } from './parse-phone-number.js';
import { phoneLibrary } from './phone-library.js';

export type PhoneNumberKind = 'mobile' | 'fixed-line' | 'fixed-line-or-mobile' | 'other';

/** Everything the emulator asks libphonenumber about one phone number string. */
export interface PhoneFacts {
  /** `IsValidNumber` after the "+"/"00" steps (contract §3.2). */
  valid: boolean;
  /** The number type; null when it does not parse. */
  type: PhoneNumberKind | null;
  /** E.164 form; null when it does not parse. */
  e164: string | null;
}

// Parsing costs tens of microseconds and clients send the same numbers again and again (every OTP to one test
// phone), so the facts of a string are computed once. A pure function's cache changes no behaviour.
const memo = new Map<string, PhoneFacts>();
const memoLimit = 10_000;

export function phoneFacts(s: string): PhoneFacts {
  let facts = memo.get(s);
  if (facts === undefined) {
    facts = computeFacts(s);
    if (memo.size >= memoLimit) memo.clear();
    memo.set(s, facts);
  }
  return facts;
}

function computeFacts(s: string): PhoneFacts {
  const number = parsePhoneNumber(s);
  if (number === null) return { valid: false, type: null, e164: null };
  const lib = phoneLibrary();
  const util = lib.PhoneNumberUtil.getInstance();
  const { PhoneNumberType } = lib;
  const kind = util.getNumberType(number);
  const type: PhoneNumberKind =
    kind === PhoneNumberType.MOBILE
      ? 'mobile'
      : kind === PhoneNumberType.FIXED_LINE
        ? 'fixed-line'
        : kind === PhoneNumberType.FIXED_LINE_OR_MOBILE
          ? 'fixed-line-or-mobile'
          : 'other';
  return { valid: util.isValidNumber(number), type, e164: util.format(number, lib.PhoneNumberFormat.E164) };
}
