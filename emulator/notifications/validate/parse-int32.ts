const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * `Utf8JsonReader.TryGetInt32` / `GetInt32WithQuotes` (the `AllowReadingFromString` path of
 * contract §2.4): `Utf8Parser` accepts an optional `+` or `-`, then ASCII digits (leading zeros
 * allowed), and the whole text must be consumed. No white space, no fraction, no exponent; a value
 * outside int32 fails. Returns null when .NET would throw.
 */
export function parseInt32(text: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null;
  const value = Number(text) + 0; // `+ 0` turns "-0" into 0
  return value >= INT32_MIN && value <= INT32_MAX ? value : null;
}
