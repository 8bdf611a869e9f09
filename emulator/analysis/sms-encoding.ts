import { gsm7Basic, gsm7Extension } from './gsm7-alphabet.js';

// Regexes over the alphabet, so that a long body is checked by the regex engine rather than one code point at a time.
const characterClass = (chars: ReadonlySet<string>) => [...chars].map((c) => c.replace(/[\\\]^\-[]/, '\\$&')).join('');
const allGsm = new RegExp(`^[${characterClass(gsm7Basic)}${characterClass(gsm7Extension)}]*$`);
const gsm = new RegExp(`[${characterClass(gsm7Basic)}${characterClass(gsm7Extension)}]+`, 'g');
const extension = new RegExp(`[${characterClass(gsm7Extension)}]`, 'g');

export interface SmsEncoding {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2 (an emoji counts 2). */
  units: number;
  /** What a phone receives: 160 / 153 septets or 70 / 67 units per segment (the 6-byte concatenation header). */
  segments: number;
  /** The characters that forced UCS-2, each once, in order of appearance; empty for GSM-7. */
  nonGsm: string[];
  /** How many characters of the body (code points) are not GSM-7. */
  nonGsmCount: number;
}

/**
 * How a phone network would carry the body. An empty body is one segment: a gateway sends an empty SMS as one PDU
 * (and Altinn's validator rejects an empty body before it gets here anyway).
 *
 * Segment counts use the plain ceil(units / 153) and ceil(units / 67). Real encoders avoid splitting an escape
 * sequence or a surrogate pair across two segments, which can add one segment in rare edge cases; we do not model
 * that.
 */
export function smsEncoding(body: string): SmsEncoding {
  if (allGsm.test(body)) {
    const septets = body.length + count(body, extension); // every GSM-7 character is one UTF-16 unit
    return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153), nonGsm: [], nonGsmCount: 0 };
  }
  const nonGsm = new Set<string>();
  let nonGsmCount = 0;
  for (const ch of body.replace(gsm, '')) {
    nonGsm.add(ch);
    nonGsmCount++;
  }
  const units = body.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67), nonGsm: [...nonGsm], nonGsmCount };
}

function count(s: string, pattern: RegExp): number {
  return s.length - s.replace(pattern, '').length;
}
