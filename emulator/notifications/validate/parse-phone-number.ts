import type libphonenumber from 'google-libphonenumber';
import { normalizeLikeCsharp } from './normalize-like-csharp.js';
import { phoneLibrary } from './phone-library.js';

/**
 * Steps 1–5 of `MobileNumberHelper.IsValidMobileNumber` up to the parse (contract §3.2): the value
 * must start with "+" or "00" (so leading white space fails), must not start with "++", and a
 * leading "00" becomes "+" for parsing only. Parsing has no default region, as
 * `PhoneNumberUtil.Parse(number, null)`. libphonenumber-csharp reads text that is not ASCII
 * differently from Google's JS port (letters kept at the end, any Unicode decimal digit), so the
 * JS port gets the number as C# has normalised it (`normalizeLikeCsharp`). Null when any step fails.
 */
export function parsePhoneNumber(s: string): libphonenumber.PhoneNumber | null {
  if (!s.startsWith('+') && !s.startsWith('00')) return null;
  if (s.startsWith('++')) return null;
  const normalized = normalizeLikeCsharp(s.startsWith('00') ? `+${s.slice(2)}` : s);
  if (normalized === null) return null;
  try {
    return phoneLibrary().PhoneNumberUtil.getInstance().parse(normalized);
  } catch {
    return null;
  }
}
