import type { Warning } from '../store/message.js';
import { describeCharacter, gsmStandIn } from './describe-character.js';
import { septetKind, smsEncoding, type SmsEncoding } from './sms-encoding.js';

/** Operators carry an alphanumeric sender ID of at most 11 characters (3GPP TS 23.040 TP-OA, 11 GSM-7 characters). */
const maxAlphanumericSender = 11;
/** A numeric sender is a phone number: at most 15 digits (ITU-T E.164). */
const maxNumericSender = 15;
const numericSender = /^\+?\d+$/;
/** At most this many stray characters (or one in ten) make UCS-2 a "stray character" problem worth a warning. */
const fewCharacters = 5;
const namedCharacters = 5;

/**
 * The SMS warnings of product §1.3. Altinn accepts all of these (it checks neither the sender nor the text's length,
 * contract §3.1); they cost money or look wrong on the phone.
 */
export function smsContentWarnings(body: string, sender: string | null, encoding: SmsEncoding, altinnFigure: number): Warning[] {
  const warnings: Warning[] = [];
  if (encoding.segments > 1) warnings.push(multipleSegments(encoding, altinnFigure));
  if (encoding.encoding === 'UCS-2' && isStray(body, encoding)) warnings.push(ucs2(body, encoding));
  const senderWarning = sender === null ? null : senderTooLong(sender);
  if (senderWarning) warnings.push(senderWarning);
  return warnings;
}

function multipleSegments(encoding: SmsEncoding, altinnFigure: number): Warning {
  const [unit, single, part] = encoding.encoding === 'GSM-7' ? ['septets', 160, 153] : ['UTF-16 units', 70, 67];
  return {
    code: 'sms-multiple-segments',
    message:
      `The SMS needs ${encoding.segments} segments: ${encoding.units} ${unit} in ${encoding.encoding}, where one SMS ` +
      `holds ${single} and each part of a multi-part SMS ${part}. Each segment is billed as one SMS ` +
      `(Altinn itself counts ${altinnFigure}, from the URL-encoded length).`,
  };
}

function isStray(body: string, encoding: SmsEncoding): boolean {
  return encoding.nonGsmCount <= fewCharacters || encoding.nonGsmCount * 10 <= codePointCount(body);
}

/** `[...body].length` without the array: a surrogate pair is one character, a lone surrogate one too. */
function codePointCount(body: string): number {
  let count = body.length;
  for (let i = 0; i + 1 < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = body.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/**
 * The body with each of its characters (code points) that is in `stray` replaced by its GSM-7 stand-in: the same as
 * `[...body].map((ch) => (stray.has(ch) ? gsmStandIn(ch) : ch)).join('')`, copying the GSM-7 stretches as they are
 * (a GSM-7 character is never stray).
 */
function withStandIns(body: string, stray: ReadonlySet<string>): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (septetKind(c) !== 0) continue;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < body.length) {
      const next = body.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) width = 2;
    }
    const ch = body.slice(i, i + width);
    if (stray.has(ch)) {
      out += body.slice(copied, i) + gsmStandIn(ch);
      copied = i + width;
    }
    i += width - 1;
  }
  return copied === 0 ? body : out + body.slice(copied);
}

function ucs2(body: string, encoding: SmsEncoding): Warning {
  const named = encoding.nonGsm.slice(0, namedCharacters).map(describeCharacter);
  const more = encoding.nonGsm.length > namedCharacters ? ` and ${encoding.nonGsm.length - namedCharacters} more` : '';
  const count = encoding.nonGsmCount === 1 ? '1 character' : `${encoding.nonGsmCount} characters`;
  const stray = new Set(encoding.nonGsm);
  const asGsm = smsEncoding(withStandIns(body, stray));
  const cost =
    asGsm.encoding === 'GSM-7'
      ? ` Without ${encoding.nonGsmCount === 1 ? 'it' : 'them'} the SMS would be GSM-7 in ${plural(asGsm.segments)} ` +
        `instead of ${plural(encoding.segments)}.`
      : '';
  return {
    code: 'sms-ucs2',
    message:
      `The SMS is sent as UCS-2 (70 characters per SMS instead of 160) because of ${count} outside the GSM-7 ` +
      `alphabet: ${named.join(', ')}${more}.${cost}`,
  };
}

function senderTooLong(sender: string): Warning | null {
  // Neither limit can be passed in 11 UTF-16 units (a numeric sender is allowed 15 digits): the usual case.
  if (sender.length <= maxAlphanumericSender) return null;
  if (numericSender.test(sender)) {
    const digits = sender.replace('+', '').length;
    if (digits <= maxNumericSender) return null;
    return {
      code: 'sms-sender-too-long',
      message: `The numeric sender "${sender}" has ${digits} digits; a phone number has at most ${maxNumericSender} (E.164), so operators reject or rewrite it.`,
    };
  }
  const length = [...sender].length;
  if (length <= maxAlphanumericSender) return null;
  return {
    code: 'sms-sender-too-long',
    message:
      `The sender "${sender}" has ${length} characters; an alphanumeric sender ID holds at most ` +
      `${maxAlphanumericSender}, so operators cut it to "${[...sender].slice(0, maxAlphanumericSender).join('')}" or reject the SMS. ` +
      'Altinn does not check it (contract §2.1).',
  };
}

function plural(segments: number): string {
  return segments === 1 ? '1 segment' : `${segments} segments`;
}
