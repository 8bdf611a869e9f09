const formats = [
  /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i, // D and N
  /^\{([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}$/i, // B
  /^\(([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\)$/i, // P
];

/**
 * The `{id:guid}` route constraint uses `Guid.TryParse`, which takes the D, N, B and P forms in any case;
 * anything else does not match the route (404, contract §1). Returns the lowercase D form, or null.
 */
export function parseGuid(text: string): string | null {
  for (const format of formats) {
    const m = format.exec(text.trim());
    if (m) return m.slice(1, 6).join('-').toLowerCase();
  }
  return null;
}
