const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Reads a duration as the control API takes it (product §4): a bare number is milliseconds (`500`, `"500"`), a
 * number with a unit is that unit (`"250ms"`, `"90s"`, `"1.5m"`, `"2h"`, `"1d"`). Returns whole milliseconds, or
 * null for anything else (negative, empty, unknown unit, not finite) so that each caller words its own 400.
 */
export function parseDuration(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? checked(input) : null;
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d)?$/i.exec(input.trim());
  if (!match) return null;
  return checked(Number(match[1]) * unitMs[(match[2] ?? 'ms').toLowerCase()]);
}

function checked(ms: number): number | null {
  const rounded = Math.round(ms);
  return Number.isSafeInteger(rounded) ? rounded : null;
}
