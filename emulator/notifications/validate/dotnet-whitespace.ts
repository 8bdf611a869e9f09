/**
 * .NET's `char.IsWhiteSpace`, which decides both `[Required]` on strings (`string.IsNullOrWhiteSpace`,
 * contract §3) and the `Trim()` before the email regex (contract §3.3). It differs from JavaScript's
 * `trim()`: U+0085 is white space in .NET, U+FEFF is not.
 */
function isDotnetWhiteSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** `string.Trim()`. */
export function trimDotnet(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isDotnetWhiteSpace(s.charCodeAt(start))) start++;
  while (end > start && isDotnetWhiteSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** `string.IsNullOrWhiteSpace(s)`, the test `[Required]` applies to strings (contract §3, layer 2). */
export function isNullOrWhiteSpace(s: string | null): boolean {
  return s === null || trimDotnet(s) === '';
}
