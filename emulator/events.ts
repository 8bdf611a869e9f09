import type { ClockView } from './clock.js';
import type { FaultRule } from './delivery/fault-rule.js';
import type { PhoneState, StoredMessage } from './store/message.js';

/** Every event the emulator emits, keyed by its wire name (product §4, `WS /_emulator/events`). */
export interface EventMap {
  /** The message as stored: readers that hand it out or match on its code analyse it (`withAnalysis`). */
  'message.created': { message: StoredMessage };
  'message.updated': { message: StoredMessage };
  /** `reset: true` when everything went at once (`POST /_emulator/reset`): a client drops what it holds. */
  'messages.deleted': { ids: string[]; reset?: true };
  /** A phone was switched on or off (`PUT /_emulator/phones/{number}`). */
  'phone.changed': { phone: PhoneState & { number: string } };
  /** The emulator clock was advanced, set, frozen, unfrozen or reset. */
  'clock.changed': { clock: ClockView };
  /** The fault rules, all of them, after a rule was added, removed or used. */
  'faults.changed': { faults: readonly FaultRule[] };
}

export type EventType = keyof EventMap;
export type EmulatorEvent = { [K in EventType]: { type: K; data: EventMap[K]; cursor: number } }[EventType];

/** A typed in-process bus. One per emulator instance; no module-level state. */
export interface EventBus {
  emit<K extends EventType>(type: K, data: EventMap[K], cursor: number): void;
  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: (event: EmulatorEvent) => void): () => void;
}

/**
 * `onListenerError` hears what a listener throws. The store emits after a change is durable: a listener's failure
 * must neither fail that change (the client would retry and send twice) nor keep the event from the other listeners.
 */
export function createEventBus(options: { onListenerError?: (error: unknown) => void } = {}): EventBus {
  const listeners = new Set<(event: EmulatorEvent) => void>();
  const onError = options.onListenerError ?? ((error) => console.error('event listener failed:', error));
  return {
    emit(type, data, cursor) {
      if (listeners.size === 0) return; // no work when nobody listens
      const event = { type, data, cursor } as EmulatorEvent;
      // A copy: a listener may unsubscribe (or subscribe another) while it is called.
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
    },
    subscribe(listener) {
      // Wrapped, so that the same function subscribed twice is two subscriptions, as with EventEmitter.
      const entry = (event: EmulatorEvent) => listener(event);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}
