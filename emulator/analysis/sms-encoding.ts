import { gsm7Basic, gsm7Extension } from './gsm7-alphabet.js';

const basic = 1;
const extension = 2;
/** Every GSM-7 character is in the BMP at or below `€` (U+20AC): one table lookup per UTF-16 unit. */
const septetTable = buildSeptetTable();

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
  let septets = 0;
  let i = 0;
  for (; i < body.length; i++) {
    const kind = septetKind(body.charCodeAt(i));
    if (kind === 0) break;
    septets += kind; // a basic character is one septet, an extension character two
  }
  return smsEncodingOfScan(body, septets, i === body.length ? -1 : i);
}

/**
 * The encoding of a body whose GSM-7 septets have been counted up to its first character outside GSM-7 (`firstNonGsm`,
 * -1 for none): for a caller that reads the body in one pass for other figures too (see scanSmsBody).
 */
export function smsEncodingOfScan(body: string, septets: number, firstNonGsm: number): SmsEncoding {
  if (firstNonGsm === -1) {
    return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153), nonGsm: [], nonGsmCount: 0 };
  }
  const { nonGsm, nonGsmCount } = nonGsmCharacters(body, firstNonGsm);
  const units = body.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67), nonGsm, nonGsmCount };
}

/**
 * The UTF-16 units outside GSM-7 from `from` on, read as code points as if the GSM-7 ones were cut out first: two
 * halves of a surrogate pair with GSM-7 text between them still make one character.
 */
function nonGsmCharacters(body: string, from: number): { nonGsm: string[]; nonGsmCount: number } {
  const nonGsm = new Set<string>();
  let nonGsmCount = 0;
  let high = -1; // a high surrogate waiting for its low half
  const add = (ch: string) => {
    nonGsm.add(ch);
    nonGsmCount++;
  };
  for (let i = from; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (septetKind(c) !== 0) continue;
    if (high !== -1) {
      if (c >= 0xdc00 && c <= 0xdfff) {
        add(String.fromCharCode(high, c));
        high = -1;
        continue;
      }
      add(String.fromCharCode(high));
      high = -1;
    }
    if (c >= 0xd800 && c <= 0xdbff) high = c;
    else add(String.fromCharCode(c));
  }
  if (high !== -1) add(String.fromCharCode(high));
  return { nonGsm: [...nonGsm], nonGsmCount };
}

/** 1 for a basic GSM-7 character (one UTF-16 unit), 2 for an extension one, 0 for none. */
export function septetKind(c: number): number {
  return c < septetTable.length ? septetTable[c]! : 0;
}

function buildSeptetTable(): Uint8Array {
  const table = new Uint8Array(0x20ad);
  for (const [chars, kind] of [[gsm7Basic, basic], [gsm7Extension, extension]] as const) {
    for (const ch of chars) {
      const c = ch.charCodeAt(0);
      if (ch.length !== 1 || c >= table.length) throw new Error(`GSM-7 character ${ch} outside the table`);
      table[c] = kind;
    }
  }
  return table;
}
