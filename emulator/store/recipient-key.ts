import { toE164 } from '../notifications/validate/to-e164.js';

// Parsing a phone number costs tens of microseconds; filters compare every stored recipient, so results are
// memoised. A pure function's cache shared between emulator instances changes no behaviour.
const memo = new Map<string, string>();
const memoLimit = 50_000;

/**
 * The form recipients are matched in (product §2): phone numbers as E.164 (`0047 999 99 999` matches
 * `+4799999999`; a bare 8-digit number is read as Norwegian), email addresses trimmed and lower-cased.
 * Stored values stay as submitted.
 */
export function recipientKey(recipient: string): string {
  let key = memo.get(recipient);
  if (key === undefined) {
    key = computeKey(recipient);
    if (memo.size >= memoLimit) memo.clear();
    memo.set(recipient, key);
  }
  return key;
}

function computeKey(recipient: string): string {
  const trimmed = recipient.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  const e164 = toE164(trimmed) ?? toE164(`+47${trimmed}`);
  return e164 ?? trimmed.replace(/[\s\-()]/g, '');
}
