/**
 * .NET's `StringComparison.OrdinalIgnoreCase`: each UTF-16 unit is upper-cased on its own (simple
 * case mapping) and the results are compared as numbers. Used for JSON property names (Web
 * defaults, contract §2.4), enum names, and the order of ModelState keys (contract §4.4).
 */
function upper(unit: string): number {
  const code = unit.charCodeAt(0);
  if (code < 0x80) return code >= 0x61 && code <= 0x7a ? code - 0x20 : code; // ASCII: no allocation
  const up = unit.toUpperCase();
  return (up.length === 1 ? up : unit).charCodeAt(0);
}

export function compareOrdinalIgnoreCase(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = upper(a[i]!) - upper(b[i]!);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

export function equalsOrdinalIgnoreCase(a: string, b: string): boolean {
  return a === b || (a.length === b.length && compareOrdinalIgnoreCase(a, b) === 0);
}
