import type { Clock } from '../clock.js';

/**
 * Runs keyed work at instants of the emulator clock. Real time reaches them through one real timer; a clock change
 * (advance, set, unfreeze) reaches them at once, earliest first, so advancing fires every transition that fell due.
 */
export interface Scheduler {
  /** Replaces any entry with this key. `run(atMs)` gets the entry's due time; may return a promise. */
  schedule(key: string, atMs: number, run: (atMs: number) => unknown): void;
  cancel(key: string): void;
  has(key: string): boolean;
  readonly size: number;
  /**
   * Runs every entry due at clock.now() or before, earliest first (ties: the order they were scheduled); entries
   * scheduled by a run that are also due run in the same pass. Resolves when the promises the runs returned settle
   * (rejections are passed to onError, never thrown). It also re-arms the timer from scratch: call it after
   * clock.restore, which moves the time without a change event.
   */
  runDue(): Promise<void>;
  /** Stops the timer and stops hearing the clock. Entries stay; an explicit runDue still runs them. */
  close(): void;
}

export interface SchedulerDeps {
  clock: Clock;
  /** Hears what a run throws or rejects with; the other runs go on. */
  onError?: (error: unknown) => void;
  /** Real timers, replaceable so that tests fire them by hand. The default timer is unref'd. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

interface Entry {
  key: string;
  atMs: number;
  /** Insertion order, for ties: a replaced entry goes behind the ones already there. */
  seq: number;
  run: (atMs: number) => unknown;
  /** False once cancelled or replaced: the heap drops it lazily when it reaches the top. */
  live: boolean;
}

// setTimeout turns a longer delay into 1 ms (Node prints a TimeoutOverflowWarning); a capped timer that fires early
// finds nothing due and re-arms.
const maxDelayMs = 2 ** 31 - 1;

// Rebuilding the heap costs O(n); doing it only when dead entries outnumber live ones (and are many) keeps
// rescheduling O(log n) amortised while bounding the garbage.
const minDeadForCompaction = 1024;

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { clock } = deps;
  const onError = deps.onError ?? ((error) => console.error('scheduled run failed:', error));
  const setTimer = deps.setTimer ?? defaultSetTimer;
  const clearTimer = deps.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));

  const heap: Entry[] = [];
  const byKey = new Map<string, Entry>();
  /** Promises returned by runs of any pass, so that every runDue waits for work still settling. */
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  let dead = 0;
  let timer: unknown;
  let timerAtMs = 0;
  let passDepth = 0;
  let closed = false;

  const unsubscribe = clock.onChange(() => {
    // The armed delay was measured on the old time: re-arm from scratch, then catch up with what fell due.
    disarm();
    void runDue();
  });

  function report(error: unknown) {
    try {
      onError(error);
    } catch {
      // An error handler that fails has nowhere left to report to; the scheduler must keep running.
    }
  }

  function disarm() {
    if (timer === undefined) return;
    clearTimer(timer);
    timer = undefined;
  }

  function onTimer() {
    timer = undefined;
    void runDue();
  }

  /**
   * Keeps the one real timer on the earliest live entry; none while frozen unless that entry is already due.
   * `remeasure`: the time may have moved without an event (clock.restore), so an armed timer is not trusted.
   */
  function arm(remeasure = false) {
    if (closed || passDepth > 0) return; // a pass re-arms once at its end
    const top = peekLive();
    if (top === undefined) return disarm();
    // Still right: a clock change disarms first, so an armed timer was measured on the current time.
    if (!remeasure && timer !== undefined && timerAtMs === top.atMs) return;
    const nowMs = clock.now().getTime();
    // A frozen clock never reaches a later entry by itself, but an entry already due runs on a zero-delay timer.
    // setting() rather than view(): no ISO string to build while running, and arm() is on the schedule() path.
    if (top.atMs > nowMs && clock.setting().frozenAt !== null) return disarm();
    disarm();
    timerAtMs = top.atMs;
    timer = setTimer(onTimer, Math.min(Math.max(top.atMs - nowMs, 0), maxDelayMs));
  }

  function peekLive(): Entry | undefined {
    while (heap.length > 0 && !heap[0].live) {
      popTop();
      dead--;
    }
    return heap[0];
  }

  function pass() {
    passDepth++;
    try {
      const nowMs = clock.now().getTime();
      for (let top = peekLive(); top !== undefined && top.atMs <= nowMs; top = peekLive()) {
        popTop();
        top.live = false;
        byKey.delete(top.key); // before the run, so that it may schedule its key again
        start(top);
      }
    } finally {
      passDepth--;
    }
    arm(true);
  }

  function start(entry: Entry) {
    let result: unknown;
    try {
      result = entry.run(entry.atMs);
    } catch (error) {
      report(error);
      return;
    }
    if (!isThenable(result)) return;
    const settled = Promise.resolve(result).then(
      () => undefined,
      (error: unknown) => report(error),
    );
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
  }

  async function runDue(): Promise<void> {
    // Each round runs what is due, then waits for every run still settling, whose continuations may have scheduled
    // more due work. pass() drains all that is due, so an empty inFlight afterwards means nothing is left.
    for (;;) {
      pass();
      if (inFlight.size === 0) return;
      await Promise.all([...inFlight]);
    }
  }

  function popTop(): Entry {
    const top = heap[0];
    const last = heap.pop() as Entry;
    if (heap.length > 0) {
      heap[0] = last;
      siftDown(0);
    }
    return top;
  }

  function siftUp(index: number) {
    const entry = heap[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(entry, heap[parent])) break;
      heap[index] = heap[parent];
      index = parent;
    }
    heap[index] = entry;
  }

  function siftDown(index: number) {
    const entry = heap[index];
    const length = heap.length;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      if (child + 1 < length && before(heap[child + 1], heap[child])) child++;
      if (!before(heap[child], entry)) break;
      heap[index] = heap[child];
      index = child;
    }
    heap[index] = entry;
  }

  function compact() {
    let kept = 0;
    for (const entry of heap) if (entry.live) heap[kept++] = entry;
    heap.length = kept;
    dead = 0;
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  }

  function remove(key: string) {
    const old = byKey.get(key);
    if (old === undefined) return;
    old.live = false;
    byKey.delete(key);
    dead++;
    if (dead >= minDeadForCompaction && dead > byKey.size) compact();
  }

  return {
    schedule(key, atMs, run) {
      if (typeof atMs !== 'number' || Number.isNaN(atMs)) throw new TypeError(`A scheduled entry is due at a number of ms, not ${atMs}`);
      if (typeof run !== 'function') throw new TypeError('A scheduled entry needs a run function');
      remove(key);
      const entry: Entry = { key, atMs, seq: seq++, run, live: true };
      byKey.set(key, entry);
      heap.push(entry);
      siftUp(heap.length - 1);
      if (heap[0] === entry) arm();
    },
    cancel(key) {
      // The timer may stay on a cancelled entry: it then fires early, finds nothing due and re-arms.
      remove(key);
    },
    has: (key) => byKey.has(key),
    get size() {
      return byKey.size;
    },
    runDue,
    close() {
      closed = true;
      disarm();
      unsubscribe();
    },
  };
}

function before(a: Entry, b: Entry): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function defaultSetTimer(fn: () => void, ms: number): unknown {
  const timer = setTimeout(fn, ms);
  // Pending deliveries must not keep a test process (or a closing emulator) alive.
  timer.unref();
  return timer;
}
