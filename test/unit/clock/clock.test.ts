import { describe, expect, it } from 'vitest';
import { createClock } from '../../../emulator/clock.js';

const start = Date.parse('2026-03-01T12:00:00.000Z');

/** A clock on a real time that only moves when the test says so. */
function fakeClock(offsetMs = 0) {
  let real = start;
  const clock = createClock({ offsetMs, realNow: () => real });
  const changes: number[] = [];
  clock.onChange(() => changes.push(clock.now().getTime()));
  return { clock, changes, pass: (ms: number) => void (real += ms) };
}

describe('the emulator clock', () => {
  it('is real time plus its offset and moves with real time', () => {
    const { clock, pass } = fakeClock(5_000);
    expect(clock.now().getTime()).toBe(start + 5_000);
    pass(1_000);
    expect(clock.view()).toEqual({ now: new Date(start + 6_000).toISOString(), offsetMs: 5_000, frozen: false });
  });

  it('reads Date.now when no real time is given', () => {
    const clock = createClock({ offsetMs: 60_000 });
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before + 60_000);
    expect(now).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('advances by adding to its offset, so real time keeps counting on top', () => {
    const { clock, pass } = fakeClock();
    clock.advance(300_000);
    expect(clock.now().getTime()).toBe(start + 300_000);
    pass(2_000);
    expect(clock.view()).toMatchObject({ offsetMs: 300_000, frozen: false });
    expect(clock.now().getTime()).toBe(start + 302_000);
  });

  it('sets an instant ahead or behind and runs on from it', () => {
    const { clock, pass } = fakeClock();
    clock.set(new Date('2026-03-02T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2026-03-02T00:00:00.000Z');
    pass(1_500);
    expect(clock.now().toISOString()).toBe('2026-03-02T00:00:01.500Z');
    clock.set(new Date('2026-01-01T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('does not move with real time while frozen', () => {
    const { clock, pass } = fakeClock(1_000);
    clock.freeze(true);
    pass(60_000);
    expect(clock.now().getTime()).toBe(start + 1_000);
    expect(clock.view()).toEqual({ now: new Date(start + 1_000).toISOString(), offsetMs: -59_000, frozen: true });
    expect(clock.setting()).toEqual({ offsetMs: -59_000, frozenAt: new Date(start + 1_000).toISOString() });
  });

  it('stays frozen when advanced or set while frozen', () => {
    const { clock, pass } = fakeClock();
    clock.freeze(true);
    clock.advance(10_000);
    pass(5_000);
    expect(clock.now().getTime()).toBe(start + 10_000);
    clock.set(new Date(start + 100_000));
    pass(5_000);
    expect(clock.now().getTime()).toBe(start + 100_000);
    expect(clock.view().frozen).toBe(true);
  });

  it('continues from the frozen instant when unfrozen, not from where real time got to', () => {
    const { clock, pass } = fakeClock();
    clock.freeze(true);
    pass(30_000);
    clock.freeze(false);
    expect(clock.now().getTime()).toBe(start);
    expect(clock.view()).toEqual({ now: new Date(start).toISOString(), offsetMs: -30_000, frozen: false });
    pass(1_000);
    expect(clock.now().getTime()).toBe(start + 1_000);
  });

  it('keeps its time when frozen twice or unfrozen while running', () => {
    const { clock, pass } = fakeClock(7);
    clock.freeze(true);
    pass(100);
    clock.freeze(true);
    expect(clock.now().getTime()).toBe(start + 7);
    clock.freeze(false);
    clock.freeze(false);
    expect(clock.now().getTime()).toBe(start + 7);
    expect(clock.setting()).toEqual({ offsetMs: -93, frozenAt: null });
  });

  it('goes back to real time on reset, frozen or not', () => {
    const { clock, pass } = fakeClock(9_000);
    clock.freeze(true);
    pass(4_000);
    clock.reset();
    expect(clock.view()).toEqual({ now: new Date(start + 4_000).toISOString(), offsetMs: 0, frozen: false });
  });

  it('restores a running and a frozen setting', () => {
    const { clock, pass } = fakeClock();
    clock.restore({ offsetMs: 120_000, frozenAt: null });
    expect(clock.now().getTime()).toBe(start + 120_000);
    clock.restore({ offsetMs: 0, frozenAt: '2030-01-01T00:00:00.000Z' });
    pass(50_000);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(clock.view().frozen).toBe(true);
  });

  it('gives a setting that restores the same time in another clock', () => {
    const { clock } = fakeClock();
    clock.advance(42_000);
    const other = createClock({ realNow: () => start });
    other.restore(clock.setting());
    expect(other.view()).toEqual(clock.view());
    clock.freeze(true);
    other.restore(clock.setting());
    expect(other.view()).toEqual(clock.view());
  });

  it('calls a change listener once per change, after the change, and not on restore', () => {
    const { clock, changes } = fakeClock();
    clock.advance(1_000);
    clock.set(new Date(start + 5_000));
    clock.freeze(true);
    clock.advance(2_000);
    clock.freeze(false);
    clock.reset();
    clock.restore({ offsetMs: 3_000, frozenAt: null });
    expect(changes).toEqual([start + 1_000, start + 5_000, start + 5_000, start + 7_000, start + 7_000, start]);
  });

  it('stops calling a listener that unsubscribed', () => {
    const { clock } = fakeClock();
    let calls = 0;
    const off = clock.onChange(() => calls++);
    clock.advance(1);
    off();
    clock.advance(1);
    expect(calls).toBe(1);
  });

  it('keeps a throwing listener from failing the change or silencing the listeners after it', () => {
    const errors: unknown[] = [];
    const clock = createClock({ realNow: () => start, onListenerError: (error) => errors.push(error) });
    let heard = 0;
    clock.onChange(() => {
      throw new Error('listener bug');
    });
    clock.onChange(() => heard++);
    expect(() => clock.advance(10)).not.toThrow();
    expect(clock.now().getTime()).toBe(start + 10);
    expect(heard).toBe(1);
    expect(errors).toEqual([new Error('listener bug')]);
  });

  it('refuses a negative, non-finite or out-of-range move and stays where it was', () => {
    const { clock, changes } = fakeClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => clock.advance(8.64e15)).toThrow(RangeError);
    expect(() => clock.set(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => clock.restore({ offsetMs: 0, frozenAt: 'not a date' })).toThrow(TypeError);
    expect(() => clock.restore({ offsetMs: Number.NaN, frozenAt: null })).toThrow(TypeError);
    expect(clock.now().getTime()).toBe(start);
    expect(changes).toEqual([]);
  });
});
