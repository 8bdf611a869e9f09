import type { JsonObjectValue } from './model-schemas.js';

/**
 * Typed reads from a deserialized object. Layers 1 and 2 (contract §3) have already guaranteed that
 * required objects and strings are present, so a wrong shape here is a bug, not bad input.
 */
export function objectAt(value: JsonObjectValue, csName: string): JsonObjectValue {
  const child = value.get(csName);
  if (!(child instanceof Map)) throw new Error(`${csName} should have been bound as an object`);
  return child;
}

export function requiredStringAt(value: JsonObjectValue, csName: string): string {
  const child = value.get(csName);
  if (typeof child !== 'string') throw new Error(`${csName} should have been bound as a string`);
  return child;
}

/** An optional string: null when the key was absent or JSON null. */
export function optionalStringAt(value: JsonObjectValue, csName: string): string | null {
  const child = value.get(csName);
  return typeof child === 'string' ? child : null;
}

export function numberAt(value: JsonObjectValue, csName: string, fallback: number): number {
  const child = value.get(csName);
  return typeof child === 'number' ? child : fallback;
}
