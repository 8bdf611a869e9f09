import type { FeedDraft, Store } from '../store/store.js';
import type { MessageDraft, StatusEntry, StoredMessage } from '../store/message.js';
import { addStatuses } from '../store/with-statuses.js';
import { isFinalStatus, orderCompleted } from './lifecycle.js';
import { nextTransition, type DeliverySettings, type Transition, type TransitionSubject } from './next-transition.js';
import type { Scheduler } from './scheduler.js';
import type { Clock } from '../clock.js';

export interface DeliveryDeps extends DeliverySettings {
  store: Store;
  clock: Clock;
  scheduler: Scheduler;
}

/**
 * The fake operator and mailboxes: every API message walks its life cycle (`nextTransition`) on the emulator clock.
 * A step that is due when the message is created goes into its insert; each later one is one store update (one
 * `message.updated`) when the scheduler finds it due — because time passed, the clock moved, or a phone came online.
 */
export interface Delivery {
  /**
   * Applies to a new API message's draft (in place: it is not stored yet) every step due by `now`; with its order's
   * feed entry if that made it final.
   */
  prepare(draft: MessageDraft, now: Date): { draft: MessageDraft; feed: FeedDraft | null };
  /** Plans a stored message's next step. */
  track(message: StoredMessage): void;
  /** Re-plans the pending SMS of a phone that was switched; resolves when what fell due is applied. */
  phoneChanged(number: string): Promise<void>;
  /** Plans every pending message (at start: what fell due while the emulator was down happens now, at its time). */
  resume(): Promise<void>;
  /** Forgets the plans of every stored message (before a reset); a pending gateway latency still ends. */
  clear(): void;
  /** Resolves once the emulator clock has moved on by `ms` (a `latency` fault: a slow gateway call). */
  gatewayLatency(ms: number): Promise<void>;
}

export function createDelivery(deps: DeliveryDeps): Delivery {
  const { store, scheduler } = deps;
  let latencies = 0;
  const next = (message: TransitionSubject): Transition | null => nextTransition(message, store.phones(), deps);

  function track(message: StoredMessage): void {
    const step = next(message);
    if (step === null) scheduler.cancel(message.id);
    else scheduler.schedule(message.id, step.at, () => fire(message.id));
  }

  // Runs when a step falls due. It plans again from what is stored, so a plan made stale by a switched phone or an
  // earlier step is never applied as it was.
  function fire(id: string): Promise<unknown> | undefined {
    const message = store.getMessage(id);
    if (!message) return undefined;
    const step = next(message);
    if (step === null) return undefined;
    if (step.at > deps.clock.now().getTime()) {
      track(message);
      return undefined;
    }
    const at = new Date(step.at).toISOString();
    const { orderStatus, feed } = completion(message, step.status, at);
    const recorded = store.recordStatus(id, [step.status], at, orderStatus, feed ?? undefined);
    // Applied in memory already: the following step is planned from it (and runs in this pass if it is due too).
    const updated = store.getMessage(id);
    if (updated) track(updated);
    return recorded;
  }

  return {
    prepare(draft, now) {
      // The steps are planned on a small stand-in and applied to the draft once: this runs for every order.
      const subject = pick(draft);
      const entries: StatusEntry[] = [];
      let done: ReturnType<typeof completion> = { orderStatus: null, feed: null };
      const created = Date.parse(draft.createdAt);
      for (let step = next(subject); step !== null && step.at <= now.getTime(); step = next(subject)) {
        const at = step.at === created ? draft.createdAt : new Date(step.at).toISOString();
        entries.push({ status: step.status, at });
        subject.status = step.status;
        done = completion(draft, step.status, at);
      }
      if (entries.length === 0) return { draft, feed: null };
      // In place: the draft is the caller's own, not stored yet, and this runs for every order (a copy of the
      // message and its order cost more than the rest of the planning).
      addStatuses(draft, entries, done.orderStatus);
      return { draft, feed: done.feed };
    },
    track,
    async phoneChanged(number) {
      for (const message of store.listMessages({ channel: 'sms', to: number }, Number.MAX_SAFE_INTEGER)) {
        if (!isFinalStatus(message.status)) track(message);
      }
      await scheduler.runDue();
    },
    async resume() {
      for (const message of store.listMessages({}, Number.MAX_SAFE_INTEGER)) track(message);
      await scheduler.runDue();
    },
    clear() {
      for (const message of store.listMessages({}, Number.MAX_SAFE_INTEGER)) scheduler.cancel(message.id);
    },
    gatewayLatency(ms) {
      return new Promise((resolve) => scheduler.schedule(`latency ${++latencies}`, deps.clock.now().getTime() + ms, () => resolve()));
    },
  };
}

function pick(m: TransitionSubject): TransitionSubject {
  return { source: m.source, channel: m.channel, status: m.status, createdAt: m.createdAt, expiresAt: m.expiresAt, fault: m.fault, to: m.to };
}

/** The order completes with its notification's final status, and only then gets its status-feed entry (§7.2). */
function completion(message: StoredMessage | MessageDraft, status: string, at: string): { orderStatus: string | null; feed: FeedDraft | null } {
  const order = message.order;
  if (order === null || !isFinalStatus(status)) return { orderStatus: null, feed: null };
  return {
    orderStatus: orderCompleted,
    feed: {
      org: order.org,
      shipmentId: order.shipmentId,
      sendersReference: order.sendersReference,
      status: orderCompleted,
      lastUpdate: at,
      shipmentType: 'Instant',
      recipients: [{ destination: message.to[0] ?? '', status, lastUpdate: at }],
    },
  };
}
