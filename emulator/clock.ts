/**
 * The emulator's clock: real time plus an offset. Everything time-dependent reads it, never `Date.now()`,
 * so that a later change (advance, set, freeze: product §4) moves every timestamp and expiry together.
 */
export interface Clock {
  now(): Date;
}

export function createClock(options: { offsetMs?: number } = {}): Clock {
  const offsetMs = options.offsetMs ?? 0;
  return { now: () => new Date(Date.now() + offsetMs) };
}
