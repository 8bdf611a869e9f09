/** RFC 2045 §6.7 caps an encoded line at 76 characters, the soft break's `=` included. */
const maxLineLength = 76;

/**
 * Quoted-printable of a text body as UTF-8 (RFC 2045 §6.7). Line breaks of the text (`\n` or `\r\n`) become hard
 * CRLF breaks; a lone `\r` is data and is encoded. Whitespace at the end of a line is encoded, because transports
 * may strip it.
 */
export function encodeQuotedPrintable(text: string): string {
  return text.split(/\r?\n/).map(encodeLine).join('\r\n');
}

function encodeLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  let trailingWhitespace = bytes.length;
  while (trailingWhitespace > 0 && isWhitespace(bytes[trailingWhitespace - 1])) trailingWhitespace--;
  const tokens: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const literal = (b >= 33 && b <= 126 && b !== 0x3d) || (isWhitespace(b) && i < trailingWhitespace);
    tokens.push(literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  // Greedy wrapping that never splits an `=XX` triplet: a soft-broken line holds 75 characters plus its `=`.
  const lines: string[] = [];
  let current = '';
  tokens.forEach((token, i) => {
    const last = i === tokens.length - 1;
    if (current.length + token.length > (last ? maxLineLength : maxLineLength - 1)) {
      lines.push(`${current}=`);
      current = '';
    }
    current += token;
  });
  lines.push(current);
  return lines.join('\r\n');
}

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09;
}
