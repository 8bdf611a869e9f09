import { asciiUrlEncodedLength } from './dotnet-url-encoded-length.js';
import { septetKind } from './sms-encoding.js';

/** For each ASCII character: its septets in GSM-7 (0 for none) in bits 0–1, its URL-encoded length in bits 2–3. */
const asciiFigures = Uint8Array.from({ length: 0x80 }, (_, c) => septetKind(c) | (asciiUrlEncodedLength[c]! << 2));

/** What one pass over an SMS body measures for smsEncoding and altinnSegments. */
export interface SmsBodyScan {
  /** GSM-7 septets up to the first character outside GSM-7 (all of them when there is none). */
  septets: number;
  /** Index of the first UTF-16 unit outside GSM-7, -1 for none. */
  firstNonGsm: number;
  /** dotnetUrlEncodedLength of the body. */
  urlEncodedLength: number;
}

/**
 * smsEncoding's septet count and dotnetUrlEncodedLength in one loop over the body, for the order's hot path (each is
 * a loop over every character; see those functions for what they count).
 */
export function scanSmsBody(body: string): SmsBodyScan {
  let septets = 0;
  let firstNonGsm = -1;
  let length = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c < 0x80) {
      const figures = asciiFigures[c]!;
      if (firstNonGsm === -1) {
        if ((figures & 3) === 0) firstNonGsm = i;
        else septets += figures & 3;
      }
      length += figures >> 2;
      continue;
    }
    if (firstNonGsm === -1) {
      const kind = septetKind(c);
      if (kind === 0) firstNonGsm = i;
      else septets += kind;
    }
    if (c < 0x800) length += 6;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(body.charCodeAt(i + 1))) {
      length += 12;
      i++; // a low surrogate is no GSM-7 character either: firstNonGsm is already set
    } else length += 9;
  }
  return { septets, firstNonGsm, urlEncodedLength: length };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
