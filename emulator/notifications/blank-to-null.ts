/** How Altinn stores a sendersReference: empty or whitespace-only becomes NULL (contract §7.1). */
export function blankToNull(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value;
}
