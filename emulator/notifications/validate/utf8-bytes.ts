/**
 * System.Text.Json reads UTF-8 bytes, so its `BytePositionInLine` counts bytes and its messages
 * name an offending byte. These helpers map a JavaScript string (UTF-16) onto those bytes.
 * Input must be well-formed UTF-16 (the caller replaces lone surrogates, as a UTF-8 round trip would).
 */

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
    } else bytes += 3;
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
  if (cp < 0x80) first = cp;
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
