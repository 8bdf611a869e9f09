import { phoneFacts } from './phone-facts.js';

/**
 * A phone number in E.164 form ("0047 999 99 999" → "+4799999999"), with the same "+"/"00"
 * handling as the validation rule (contract §3.2). The API itself stores and sends the raw value;
 * this is for the emulator's own comparisons and display. Null when the value does not parse.
 */
export function toE164(s: string): string | null {
  return phoneFacts(s).e164;
}
