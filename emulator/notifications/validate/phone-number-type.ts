import { phoneFacts, type PhoneNumberKind } from './phone-facts.js';

export type { PhoneNumberKind };

/**
 * libphonenumber's type for a number, with the same "+"/"00" handling as the validation rule
 * (contract §3.2). The real API accepts landlines; the emulator uses this to warn about them.
 * Null when the value does not parse.
 */
export function phoneNumberType(s: string): PhoneNumberKind | null {
  return phoneFacts(s).type;
}
