import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '../../../emulator/clock.js';
import { createScheduler } from '../../../emulator/delivery/scheduler.js';

const start = Date.parse('2026-03-01T12:00:00.000Z');

/** A scheduler on a clock whose real time, and real timers, move only when the test says so. */
function setup() {
  let real = start;
  const clock = createClock({ realNow: () => real });
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let nextTimer = 0;
  const errors: unknown[] = [];
  const scheduler = createScheduler({
    clock,
    onError: (error) => errors.push(error),
    setTimer: (fn, ms) => {
      timers.set(++nextTimer, { fn, ms });
      return nextTimer;
    },
    clearTimer: (timer) => void timers.delete(timer as number),
  });
  const ran: string[] = [];
  const record = (name: string) => () => void ran.push(name);
  return {
    clock,
    scheduler,
    errors,
    ran,
    record,
    timers,
    /** The delays of the armed timers. */
    delays: () => [...timers.values()].map((timer) => timer.ms),
    /** Lets real time pass as far as the armed timer, then fires it. */
    fireTimer() {
      expect(timers.size).toBe(1);
      const [[id, timer]] = [...timers];
      timers.delete(id);
      real += timer.ms;
      timer.fn();
    },
  };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A fixed pseudo-random sequence (a linear congruential generator), so that a failure repeats. */
function seededRandom(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

afterEach(() => vi.restoreAllMocks());

describe('the scheduler', () => {
  it('runs what is due earliest first, ties in the order they were scheduled, and leaves the rest', async () => {
    const { clock, scheduler, ran, record } = setup();
    clock.freeze(true);
    scheduler.schedule('c', start + 300, record('c'));
    scheduler.schedule('a', start + 100, record('a'));
    scheduler.schedule('b1', start + 200, record('b1'));
    scheduler.schedule('b2', start + 200, record('b2'));
    scheduler.schedule('later', start + 301, record('later'));
    clock.advance(300);
    await scheduler.runDue();
    expect(ran).toEqual(['a', 'b1', 'b2', 'c']);
    expect(scheduler.size).toBe(1);
    expect(scheduler.has('later')).toBe(true);
    expect(scheduler.has('a')).toBe(false);
  });

  it('gives a run the due time of its entry, not the time it runs at', async () => {
    const { clock, scheduler } = setup();
    clock.freeze(true);
    const seen: number[] = [];
    scheduler.schedule('x', start + 10, (atMs) => seen.push(atMs));
    clock.advance(5_000);
    await scheduler.runDue();
    expect(seen).toEqual([start + 10]);
  });

  it('replaces an entry scheduled again under its key, which then queues behind entries already at that time', async () => {
    const { clock, scheduler, ran, record } = setup();
    clock.freeze(true);
    scheduler.schedule('k', start + 100, record('k first'));
    scheduler.schedule('other', start + 200, record('other'));
    scheduler.schedule('k', start + 200, record('k second'));
    expect(scheduler.size).toBe(2);
    clock.advance(150);
    await scheduler.runDue();
    expect(ran).toEqual([]);
    clock.advance(50);
    await scheduler.runDue();
    expect(ran).toEqual(['other', 'k second']);
    expect(scheduler.size).toBe(0);
  });

  it('forgets a cancelled entry and ignores a cancel of an unknown key', async () => {
    const { clock, scheduler, ran, record } = setup();
    clock.freeze(true);
    scheduler.schedule('a', start, record('a'));
    scheduler.schedule('b', start, record('b'));
    scheduler.cancel('a');
    scheduler.cancel('nothing');
    expect(scheduler.has('a')).toBe(false);
    expect(scheduler.size).toBe(1);
    await scheduler.runDue();
    expect(ran).toEqual(['b']);
  });

  it('runs entries that a run schedules in the same pass when they are due, and keeps the others', async () => {
    const { clock, scheduler, ran, record } = setup();
    clock.freeze(true);
    scheduler.schedule('first', start + 10, () => {
      ran.push('first');
      scheduler.schedule('due too', start + 5, record('due too'));
      scheduler.schedule('first', start + 20, record('first again'));
      scheduler.schedule('future', start + 1_000, record('future'));
    });
    scheduler.schedule('second', start + 10, record('second'));
    clock.advance(20);
    await scheduler.runDue();
    expect(ran).toEqual(['first', 'due too', 'second', 'first again']);
    expect([scheduler.size, scheduler.has('future')]).toEqual([1, true]);
  });

  it('runs, in order, what falls due when a run itself moves the clock', async () => {
    const { clock, scheduler, ran, record, delays } = setup();
    scheduler.schedule('mover', start, () => {
      ran.push('mover');
      clock.advance(1_000);
    });
    scheduler.schedule('tie', start, record('tie'));
    scheduler.schedule('after', start + 1_000, record('after'));
    scheduler.schedule('later', start + 5_000, record('later'));
    await scheduler.runDue();
    expect(ran).toEqual(['mover', 'tie', 'after']);
    expect(delays()).toEqual([4_000]);
  });

  it('passes a throwing or rejecting run to onError and still runs the others', async () => {
    const { clock, scheduler, ran, record, errors } = setup();
    clock.freeze(true);
    scheduler.schedule('throws', start, () => {
      throw new Error('sync failure');
    });
    scheduler.schedule('rejects', start, () => Promise.reject(new Error('async failure')));
    scheduler.schedule('fine', start, record('fine'));
    await expect(scheduler.runDue()).resolves.toBeUndefined();
    expect(ran).toEqual(['fine']);
    expect(errors).toEqual([new Error('sync failure'), new Error('async failure')]);
  });

  it('resolves runDue only when the promises of its runs have settled', async () => {
    const { clock, scheduler } = setup();
    clock.freeze(true);
    const first = deferred();
    const second = deferred();
    scheduler.schedule('a', start, () => first.promise);
    scheduler.schedule('b', start, () => second.promise);
    let done = false;
    const running = scheduler.runDue().then(() => void (done = true));
    first.resolve();
    await first.promise;
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    second.reject(new Error('late failure'));
    await running;
    expect(done).toBe(true);
  });

  it('waits for due work that a run schedules after its own await', async () => {
    const { clock, scheduler, ran, record } = setup();
    clock.freeze(true);
    scheduler.schedule('a', start, async () => {
      await Promise.resolve();
      scheduler.schedule('after await', start, record('after await'));
    });
    await scheduler.runDue();
    expect(ran).toEqual(['after await']);
  });

  it('arms one timer for the earliest entry with the delay until it, and re-arms only when that changes', () => {
    const { scheduler, delays, record } = setup();
    scheduler.schedule('a', start + 5_000, record('a'));
    expect(delays()).toEqual([5_000]);
    scheduler.schedule('b', start + 9_000, record('b'));
    expect(delays()).toEqual([5_000]);
    scheduler.schedule('c', start + 2_000, record('c'));
    expect(delays()).toEqual([2_000]);
  });

  it('runs the earliest entry when its timer fires and arms the next', () => {
    const { scheduler, delays, ran, record, fireTimer } = setup();
    scheduler.schedule('a', start + 1_000, record('a'));
    scheduler.schedule('b', start + 4_000, record('b'));
    fireTimer();
    expect(ran).toEqual(['a']);
    expect(delays()).toEqual([3_000]);
    fireTimer();
    expect(ran).toEqual(['a', 'b']);
    expect(delays()).toEqual([]);
  });

  it('re-arms after a timer that fires for a cancelled entry', () => {
    const { scheduler, delays, ran, record, fireTimer } = setup();
    scheduler.schedule('a', start + 1_000, record('a'));
    scheduler.schedule('b', start + 4_000, record('b'));
    scheduler.cancel('a');
    fireTimer();
    expect(ran).toEqual([]);
    expect(delays()).toEqual([3_000]);
  });

  it('caps the delay of a far entry at the largest one setTimeout takes', () => {
    const { scheduler, delays, record } = setup();
    scheduler.schedule('far', start + 90 * 86_400_000, record('far'));
    expect(delays()).toEqual([2 ** 31 - 1]);
  });

  it('arms no timer for a future entry while the clock is frozen, and arms it when the clock runs again', () => {
    const { clock, scheduler, delays, record } = setup();
    clock.freeze(true);
    scheduler.schedule('a', start + 5_000, record('a'));
    expect(delays()).toEqual([]);
    clock.freeze(false);
    expect(delays()).toEqual([5_000]);
    clock.freeze(true);
    expect(delays()).toEqual([]);
  });

  it('runs an entry already due on a zero-delay timer even while frozen', () => {
    const { clock, scheduler, delays, ran, record, fireTimer } = setup();
    clock.freeze(true);
    scheduler.schedule('due', start - 1, record('due'));
    expect(delays()).toEqual([0]);
    fireTimer();
    expect(ran).toEqual(['due']);
    expect(delays()).toEqual([]);
  });

  it('runs what falls due as soon as the clock is advanced or set, and re-arms for the rest', () => {
    const { clock, scheduler, delays, ran, record } = setup();
    scheduler.schedule('a', start + 60_000, record('a'));
    scheduler.schedule('b', start + 120_000, record('b'));
    scheduler.schedule('c', start + 180_000, record('c'));
    clock.advance(90_000);
    expect(ran).toEqual(['a']);
    expect(delays()).toEqual([30_000]);
    clock.set(new Date(start + 200_000));
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(delays()).toEqual([]);
  });

  it('re-arms with the new delay when the clock goes back', () => {
    const { clock, scheduler, delays, record } = setup();
    scheduler.schedule('a', start + 60_000, record('a'));
    clock.set(new Date(start - 60_000));
    expect(delays()).toEqual([120_000]);
  });

  it('re-measures its timer on runDue after the clock was restored without an event', async () => {
    const { clock, scheduler, delays, record } = setup();
    scheduler.schedule('a', start + 60_000, record('a'));
    clock.restore({ offsetMs: 50_000, frozenAt: null });
    await scheduler.runDue();
    expect(delays()).toEqual([10_000]);
  });

  it('stops its timer and stops hearing the clock once closed', () => {
    const { clock, scheduler, delays, ran, record } = setup();
    scheduler.schedule('a', start + 1_000, record('a'));
    scheduler.close();
    expect(delays()).toEqual([]);
    clock.advance(5_000);
    scheduler.schedule('b', start, record('b'));
    expect(ran).toEqual([]);
    expect(delays()).toEqual([]);
  });

  it('refuses an entry without a due time', () => {
    const { scheduler, record } = setup();
    expect(() => scheduler.schedule('x', Number.NaN, record('x'))).toThrow(TypeError);
    expect(scheduler.size).toBe(0);
  });

  it('keeps its count exact and its order right while entries are replaced many times over', async () => {
    const { clock, scheduler } = setup();
    clock.freeze(true);
    const random = seededRandom(7);
    const keys = 3_000;
    const last = new Map<string, number>();
    const seen: Array<[string, number]> = [];
    // Every replacement leaves a dead entry behind, enough to make the heap drop them more than once.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < keys; i++) {
        const atMs = start + Math.floor(random() * 1_000_000);
        last.set(`k${i}`, atMs);
        scheduler.schedule(`k${i}`, atMs, (at) => seen.push([`k${i}`, at]));
      }
      expect(scheduler.size).toBe(keys);
    }
    clock.advance(1_000_000);
    await scheduler.runDue();
    expect(seen).toHaveLength(keys);
    expect(new Map(seen)).toEqual(last);
    expect(seen.every(([, atMs], i) => i === 0 || seen[i - 1][1] <= atMs)).toBe(true);
    expect(scheduler.size).toBe(0);
  });

  it('schedules and runs 100,000 entries in time order', async () => {
    const { clock, scheduler } = setup();
    clock.freeze(true);
    const random = seededRandom(12_345);
    const seen: number[] = [];
    for (let i = 0; i < 100_000; i++) scheduler.schedule(`m${i}`, start + Math.floor(random() * 86_400_000), (atMs) => seen.push(atMs));
    expect(scheduler.size).toBe(100_000);
    clock.advance(86_400_000);
    await scheduler.runDue();
    expect(seen).toHaveLength(100_000);
    expect(seen.every((atMs, i) => i === 0 || seen[i - 1] <= atMs)).toBe(true);
  });

  it('uses a real timer that does not keep the process alive by default', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const clock = createClock();
    const scheduler = createScheduler({ clock });
    const ran = deferred();
    scheduler.schedule('now', clock.now().getTime(), () => ran.resolve());
    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await ran.promise;
    scheduler.close();
  });
});
