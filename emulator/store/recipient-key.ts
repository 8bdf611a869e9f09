import { toE164 } from '../notifications/validate/to-e164.js';

/**
 * The form recipients are matched in (product §2): phone numbers as E.164 (`0047 999 99 999` matches
 * `+4799999999`; a bare 8-digit number is read as Norwegian), email addresses trimmed and lower-cased.
 * Stored values stay as submitted.
 */
export function recipientKey(recipient: string): string {
  const trimmed = recipient.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  const e164 = toE164(trimmed) ?? toE164(`+47${trimmed}`);
  return e164 ?? trimmed.replace(/[\s\-()]/g, '');
}
