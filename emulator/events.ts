import { EventEmitter } from 'node:events';
import type { Message } from './store/message.js';

/** Every event the emulator emits, keyed by its wire name (product §4, `WS /_emulator/events`). */
export interface EventMap {
  'message.created': { message: Message };
  'message.updated': { message: Message };
  /** `reset: true` when everything went at once (`POST /_emulator/reset`): a client drops what it holds. */
  'messages.deleted': { ids: string[]; reset?: true };
}

export type EventType = keyof EventMap;
export type EmulatorEvent = { [K in EventType]: { type: K; data: EventMap[K]; cursor: number } }[EventType];

/** A typed in-process bus. One per emulator instance; no module-level state. */
export interface EventBus {
  emit<K extends EventType>(type: K, data: EventMap[K], cursor: number): void;
  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: (event: EmulatorEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit(type, data, cursor) {
      if (emitter.listenerCount('event') === 0) return; // no work when nobody listens
      emitter.emit('event', { type, data, cursor } as EmulatorEvent);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}
