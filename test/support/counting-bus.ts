import { createEventBus, type EventBus } from '../../emulator/events.js';

/** A real bus that counts its listeners, so a test can see that nobody listens once nobody needs to (exactly zero). */
export function countingBus(): { events: EventBus; listeners: () => number } {
  const bus = createEventBus();
  let listeners = 0;
  const events: EventBus = {
    emit: (type, data, cursor) => bus.emit(type, data, cursor),
    subscribe(listener) {
      listeners++;
      const off = bus.subscribe(listener);
      return () => {
        listeners--;
        off();
      };
    },
  };
  return { events, listeners: () => listeners };
}
