/**
 * System.Text.Json reads UTF-8 bytes, so its `BytePositionInLine` counts bytes and its messages
 * name an offending byte. These helpers map a JavaScript string (UTF-16) onto those bytes.
 *
 * A body can hold bytes that are not UTF-8, and .NET's reader passes them through strings without
 * looking (dotnet/aspnetcore#8475), so the text must keep them: `decodeUtf8Lossless` turns each such
 * byte 0xNN into the lone low surrogate U+DCNN (an "escaped byte", as Python's `surrogateescape`).
 * Well-formed UTF-8 never decodes to a lone surrogate, and text bodies have theirs replaced first
 * (`replaceLoneSurrogates`), so a lone low surrogate always stands for one raw byte.
 */

/** A lone low surrogate in U+DC80..U+DCFF: one byte that was not UTF-8. */
const ESCAPED_BYTE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;
const ESCAPED_BYTES = new RegExp(ESCAPED_BYTE.source, 'g');

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** WHATWG replacement, one U+FFFD per maximal subpart: what .NET Core 3.0+ `Encoding.UTF8` does (dotnet/docs#13547). */
const replacingDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** Decodes UTF-8, keeping every byte of an ill-formed sequence as an escaped byte. */
export function decodeUtf8Lossless(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    const parts: string[] = [];
    let run = 0; // start of the current run of well-formed sequences
    for (let i = 0; i < bytes.length; ) {
      const length = wellFormedLength(bytes, i);
      if (length > 0) {
        i += length;
        continue;
      }
      parts.push(strictDecoder.decode(bytes.subarray(run, i)), String.fromCharCode(0xdc00 + bytes[i]!));
      run = ++i;
    }
    parts.push(strictDecoder.decode(bytes.subarray(run)));
    return parts.join('');
  }
}

/** Length of the well-formed UTF-8 sequence at `i` (The Unicode Standard, Table 3-7), or 0. */
function wellFormedLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    else if (lead === 0xed) high = 0x9f; // no UTF-16 surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    else if (lead === 0xf4) high = 0x8f; // nothing above U+10FFFF
  } else return 0;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return 0;
  }
  return length;
}

export function hasEscapedBytes(s: string): boolean {
  return ESCAPED_BYTE.test(s);
}

/**
 * What `Encoding.UTF8.GetString` (`JsonHelpers.Utf8GetString`) makes of the bytes behind `s`: each
 * ill-formed sequence becomes U+FFFD. System.Text.Json uses it, and not its throwing decoder, for
 * property-name lookup, JSON paths and the text quoted in invalid-literal messages.
 */
export function replaceEscapedBytes(s: string): string {
  if (!hasEscapedBytes(s)) return s;
  const chunks: Uint8Array[] = [];
  let last = 0;
  for (const match of s.matchAll(ESCAPED_BYTES)) {
    chunks.push(encoder.encode(s.slice(last, match.index)), Uint8Array.of(match[0].charCodeAt(0) - 0xdc00));
    last = match.index + 1;
  }
  chunks.push(encoder.encode(s.slice(last)));
  return replacingDecoder.decode(Buffer.concat(chunks));
}

/** UTF-8 length of `s[from..to)`. */
export function utf8ByteLength(s: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) bytes += 1; // an escaped byte (a paired one was skipped above)
    else bytes += 3;
  }
  return bytes;
}

/**
 * The offending character as System.Text.Json prints it (`ThrowHelper.GetPrintableString`): the
 * first UTF-8 byte of the character, shown as itself when printable ASCII, otherwise as `0xHH`.
 */
export function printableByteAt(s: string, index: number): string {
  const cp = s.codePointAt(index) ?? 0;
  let first: number;
  if (cp >= 0xdc80 && cp <= 0xdcff) first = cp - 0xdc00; // an escaped byte
  else if (cp < 0x80) first = cp;
  else if (cp < 0x800) first = 0xc0 | (cp >> 6);
  else if (cp < 0x10000) first = 0xe0 | (cp >> 12);
  else first = 0xf0 | (cp >> 18);
  return first >= 0x20 && first < 0x7f
    ? String.fromCharCode(first)
    : `0x${first.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** What a UTF-8 round trip does to unpaired surrogates: each becomes U+FFFD. */
export function replaceLoneSurrogates(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
