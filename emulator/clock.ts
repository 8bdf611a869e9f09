/**
 * The emulator's clock: real time plus an offset, or a frozen instant. Everything time-dependent reads it, never
 * `Date.now()`, so that a change (advance, set, freeze: product §4) moves every timestamp and expiry together.
 */

/** What the store persists, so that a restart keeps the emulator's time. */
export interface ClockSetting {
  offsetMs: number;
  frozenAt: string | null;
}

/** The body of `GET /_emulator/clock`. */
export interface ClockView {
  now: string;
  offsetMs: number;
  frozen: boolean;
}

export interface Clock {
  /** The frozen instant, or real time plus the offset. */
  now(): Date;
  view(): ClockView;
  setting(): ClockSetting;
  /** Moves forward by `ms` (>= 0); a frozen clock stays frozen at the later instant. */
  advance(ms: number): void;
  /** Jumps to `at`, frozen or not as before. The clock allows going back; the control route refuses it. */
  set(at: Date): void;
  /** true: stops at now(). false: runs on from the frozen instant. */
  freeze(frozen: boolean): void;
  /** Real time: offset 0, not frozen. */
  reset(): void;
  /** Takes over a persisted setting without a change event (start-up, store reset). */
  restore(setting: ClockSetting): void;
  /**
   * `listener` is called after every advance/set/freeze/reset call, even one that leaves the time as it was (a second
   * freeze), so that each request is answered by one event. Returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void;
}

export interface ClockOptions {
  offsetMs?: number;
  /** Real time in epoch ms; tests pass their own to move it by hand. */
  realNow?: () => number;
  /** Hears what a change listener throws: the change has happened and must not look failed to its caller. */
  onListenerError?: (error: unknown) => void;
}

// The range of a JavaScript Date (ECMA-262 §21.4.1.22): beyond it `new Date(ms)` is Invalid Date.
const maxTimeMs = 8.64e15;

export function createClock(options: ClockOptions = {}): Clock {
  const realNow = options.realNow ?? Date.now;
  const onListenerError = options.onListenerError ?? ((error) => console.error('clock listener failed:', error));
  const listeners = new Set<() => void>();
  let offsetMs = finiteOrThrow(options.offsetMs ?? 0, 'offsetMs');
  checkRange(realNow() + offsetMs);
  // While frozen the offset is unused: unfreezing derives it from the frozen instant.
  let frozenAtMs: number | null = null;

  const nowMs = () => frozenAtMs ?? realNow() + offsetMs;
  const currentOffset = () => (frozenAtMs === null ? offsetMs : frozenAtMs - realNow());

  function changed() {
    // A copy: a listener may unsubscribe (or subscribe another) while it is called.
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        onListenerError(error);
      }
    }
  }

  return {
    now: () => new Date(nowMs()),
    view: () => ({ now: new Date(nowMs()).toISOString(), offsetMs: currentOffset(), frozen: frozenAtMs !== null }),
    setting: () => ({
      offsetMs: currentOffset(),
      frozenAt: frozenAtMs === null ? null : new Date(frozenAtMs).toISOString(),
    }),
    advance(ms) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`The clock advances by a finite ms >= 0, not ${ms}`);
      checkRange(nowMs() + ms);
      // Plain additions: reading real time again would let the offset drift by the ms that passed in between.
      if (frozenAtMs === null) offsetMs += ms;
      else frozenAtMs += ms;
      changed();
    },
    set(at) {
      const ms = at instanceof Date ? at.getTime() : Number.NaN;
      if (Number.isNaN(ms)) throw new RangeError('The clock is set to a valid Date');
      checkRange(ms);
      if (frozenAtMs === null) offsetMs = ms - realNow();
      else frozenAtMs = ms;
      changed();
    },
    freeze(frozen) {
      if (frozen && frozenAtMs === null) frozenAtMs = realNow() + offsetMs;
      else if (!frozen && frozenAtMs !== null) {
        offsetMs = frozenAtMs - realNow();
        frozenAtMs = null;
      }
      changed();
    },
    reset() {
      offsetMs = 0;
      frozenAtMs = null;
      changed();
    },
    restore(setting) {
      const nextOffset = finiteOrThrow(setting.offsetMs, 'offsetMs');
      let nextFrozen: number | null = null;
      if (setting.frozenAt !== null) {
        nextFrozen = typeof setting.frozenAt === 'string' ? Date.parse(setting.frozenAt) : Number.NaN;
        if (Number.isNaN(nextFrozen)) throw new TypeError(`A clock setting's frozenAt is an ISO instant or null, not ${setting.frozenAt}`);
      }
      checkRange(nextFrozen ?? realNow() + nextOffset);
      offsetMs = nextOffset;
      frozenAtMs = nextFrozen;
    },
    onChange(listener) {
      // Wrapped, so that the same function subscribed twice is two subscriptions.
      const entry = () => listener();
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}

// Refuses an instant a Date cannot hold before anything moves, so a bad request leaves the clock as it was.
function checkRange(targetMs: number) {
  if (!(Math.abs(targetMs) <= maxTimeMs)) throw new RangeError(`The clock cannot move to ${targetMs} ms since the epoch`);
}

function finiteOrThrow(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`A clock's ${name} is a finite number, not ${value}`);
  return value;
}
