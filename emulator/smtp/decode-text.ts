/** Bytes as text: UTF-8 when they are valid UTF-8 (what mail clients send today), else one char per byte (latin1). */
export function decodeText(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

// A decoder holds no state between calls with `fatal` and no `stream` option, so one can be shared.
const utf8 = new TextDecoder('utf-8', { fatal: true });
