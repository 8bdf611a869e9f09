/**
 * Where the run of `member` code points that ends at `end` starts, reading backwards as a `u` regex does (a surrogate
 * pair is one code point, a lone surrogate is one on its own).
 */
export function runStartBefore(text: string, end: number, member: (codePoint: number) => boolean): number {
  let i = end;
  while (i > 0) {
    let codePoint = text.charCodeAt(i - 1);
    let width = 1;
    if (codePoint >= 0xdc00 && codePoint <= 0xdfff && i > 1) {
      const high = text.charCodeAt(i - 2);
      if (high >= 0xd800 && high <= 0xdbff) {
        codePoint = (high - 0xd800) * 0x400 + (codePoint - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (!member(codePoint)) break;
    i -= width;
  }
  return i;
}
