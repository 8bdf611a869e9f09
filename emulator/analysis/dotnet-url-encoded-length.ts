/** What each ASCII character costs: 1 kept as it is (or a space as `+`), 3 as `%xx`. */
export const asciiUrlEncodedLength = Uint8Array.from({ length: 0x80 }, (_, c) => (isUrlSafe(c) || c === 0x20 ? 1 : 3));

/**
 * The length of `System.Web.HttpUtility.UrlEncode(s)`, without building the string. That method encodes the UTF-8
 * bytes of `s` (a lone surrogate becomes U+FFFD, 3 bytes, as `Encoding.UTF8` does), keeps `A–Z a–z 0–9 - _ . ! * ( )`
 * as they are, turns a space into `+`, and writes every other byte as `%xx` (dotnet/runtime
 * `System.Web.Util.HttpEncoder.UrlEncode` and `IsUrlSafeChar`, "RFC 1738.4 minus '+'"). So an ASCII character costs
 * 1 or 3, `æ` costs 6, `€` 9, an emoji 12. It differs from `encodeURIComponent`, which keeps `~` and `'` and writes a
 * space as `%20`.
 */
export function dotnetUrlEncodedLength(s: string): number {
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) length += asciiUrlEncodedLength[c]!;
    else if (c < 0x800) length += 6;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      length += 12;
      i++;
    } else length += 9; // the rest of the BMP, and a lone surrogate (U+FFFD)
  }
  return length;
}

function isUrlSafe(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x2d || c === 0x5f || c === 0x2e || c === 0x21 || c === 0x2a || c === 0x28 || c === 0x29 // - _ . ! * ( )
  );
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
