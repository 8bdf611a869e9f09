/** RFC 5322 §2.1.1: lines SHOULD stay within 78 characters and MUST stay within 998. */
const foldAt = 78;
const hardLimit = 998;
/** RFC 2047 §2: an encoded-word is at most 75 characters; `=?UTF-8?B?` and `?=` take 12 of them. */
const maxWordLength = 75;
const wordOverhead = 12;

/**
 * One header field, folded, with CRLF between its lines and none at the end. An unstructured value (a subject) that
 * is not plain printable ASCII, or that a reader would not give back as it is, goes out as RFC 2047 encoded-words.
 * `structured` values (addresses) are never encoded, only kept on their lines.
 */
export function formatHeader(name: string, value: string, options: { structured?: boolean } = {}): string {
  const prefix = `${name}: `;
  if (options.structured) {
    const clean = value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    return fold(prefix, clean) ?? prefix + clean;
  }
  const plain = needsEncoding(value) ? null : fold(prefix, value);
  return plain ?? prefix + encodedWords(value, prefix.length).join('\r\n ');
}

// Leading/trailing whitespace is dropped by readers, and a literal `=?` would be decoded as an encoded-word.
function needsEncoding(value: string): boolean {
  return /[^\x20-\x7e]/.test(value) || value.includes('=?') || /^\s|\s$/.test(value);
}

/** Folds before whitespace (unfolding removes only the CRLF); null when a single word is too long to fit a line. */
function fold(prefix: string, value: string): string | null {
  const pieces = value.match(/[ \t]*[^ \t]+/g) ?? [];
  const lines: string[] = [];
  let current = prefix;
  for (const piece of pieces) {
    if (current.length + piece.length > foldAt && current.trim() !== prefix.trim()) {
      lines.push(current);
      current = /^[ \t]/.test(piece) ? piece : ` ${piece}`;
    } else {
      current += piece;
    }
    if (current.length > hardLimit) return null;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** Words sized so that each line stays within 78 characters; the first shares its line with the field name. */
function encodedWords(value: string, prefixLength: number): string[] {
  // Base64 makes 4 characters of each 3 bytes; a word must hold at least one character (up to 4 bytes).
  const budget = (lead: number) => Math.max(4, Math.floor((Math.min(maxWordLength, foldAt - lead) - wordOverhead) / 4) * 3);
  const chunks: string[] = [];
  let chunk = '';
  let chunkBytes = 0;
  // By code point, so that no character is split between two words.
  for (const char of value) {
    const size = Buffer.byteLength(char, 'utf8');
    if (chunk !== '' && chunkBytes + size > budget(chunks.length === 0 ? prefixLength : 1)) {
      chunks.push(chunk);
      chunk = '';
      chunkBytes = 0;
    }
    chunk += char;
    chunkBytes += size;
  }
  chunks.push(chunk);
  return chunks.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`);
}
